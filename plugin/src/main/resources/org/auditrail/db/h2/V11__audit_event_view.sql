-- See the PostgreSQL migration. H2 reads JSON poorly in SQL: the view's rows come from a Java table function.
drop table audit_event;
drop table audit_log_entry;

create alias audit_command_events for 'org.auditrail.store.H2EventView.events';
create view audit_event as select * from audit_command_events();

-- Events stored per engine command; see the PostgreSQL migration for notes. H2 keeps the events uncompressed.
create table audit_command (
  command_id           varchar(36)  not null primary key,
  event_count          integer      not null,
  first_event_time     timestamp with time zone not null,
  last_event_time      timestamp with time zone not null,
  trace_ids            varchar(64) array  not null,
  business_keys        varchar(255) array not null,
  process_instance_ids varchar(64) array  not null,
  events               clob         not null
);
create index audit_command_time_idx on audit_command (first_event_time);

create table audit_log_batch (
  first_index        bigint      not null primary key,
  event_count        integer     not null,
  command_ids        varchar(36) array not null,
  entries            varbinary   not null,
  previous_leaf_hash varbinary,
  sealed_at          timestamp with time zone not null
);

alter table audit_unsealed add column command_id varchar(36);
alter table audit_unsealed add column first_line integer;
-- The sequencer takes queued commands whole, in the order of their ids.
create index audit_unsealed_command_idx on audit_unsealed (command_id, first_line);

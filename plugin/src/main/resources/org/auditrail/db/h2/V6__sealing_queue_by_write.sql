-- The sealing queue holds one row per write of events; see the PostgreSQL migration for notes.
alter table audit_unsealed rename to audit_unsealed_v5;

create table audit_unsealed (
  batch_id    varchar(36) not null primary key,
  event_count integer     not null,
  entries     varbinary   not null,
  recorded_at timestamp with time zone not null
);

insert into audit_unsealed (batch_id, event_count, entries, recorded_at)
  select e.event_id, 1,
         cast(cast(length(e.event_id) as tinyint) as varbinary) || stringtoutf8(e.event_id)
           || hash('SHA-256', X'00' || stringtoutf8(e.payload)),
         e.event_time
  from audit_unsealed_v5 queued join audit_event e on e.event_id = queued.event_id;

drop table audit_unsealed_v5;

-- The sealing queue holds one row per write of events instead of one per event, with each event's leaf hash
-- computed by the writer (format: org.auditrail.verify.jdbc.SealingQueue), so that sealing neither deletes queue
-- rows event by event nor reads every event back.
alter table audit_unsealed rename to audit_unsealed_v5;
alter index audit_unsealed_pkey rename to audit_unsealed_v5_pkey;

create table audit_unsealed (
  batch_id    varchar(36) not null primary key,
  event_count integer     not null,
  entries     bytea       not null,
  recorded_at timestamp with time zone not null
);

-- Events queued before this migration: one row each, the leaf computed from the stored event as the log does.
insert into audit_unsealed (batch_id, event_count, entries, recorded_at)
  select e.event_id, 1,
         set_byte(decode('00', 'hex'), 0, octet_length(e.event_id)) || convert_to(e.event_id, 'UTF8')
           || sha256(decode('00', 'hex') || convert_to(e.payload, 'UTF8')),
         e.event_time
  from audit_unsealed_v5 queued join audit_event e on e.event_id = queued.event_id;

drop table audit_unsealed_v5;

-- Events stored per engine command (docs/storage.md). The engine's transaction writes one audit_command row for
-- all the events of a command: their canonical JSON (RFC 8785), one event per line in the order recorded, which
-- PostgreSQL compresses in the row itself; and, for lookups, the traces, business keys and process instances they
-- touch and the span of their times. The sequencer records one audit_log_batch row per sealing round. V10 moves the
-- per-event rows of earlier versions into these tables; V11 replaces audit_event with a read-only view.
create table audit_command (
  command_id           varchar(36)    not null primary key,
  event_count          integer        not null,
  first_event_time     timestamp with time zone not null,
  last_event_time      timestamp with time zone not null,
  trace_ids            varchar(64)[]  not null,
  business_keys        varchar(255)[] not null,
  process_instance_ids varchar(64)[]  not null,
  events               text           not null
);

-- Compress from about 128 bytes of row (not the default 2 KB), and keep the compressed events in the row while
-- they fit: most commands then cost one heap tuple and no TOAST rows.
alter table audit_command set (toast_tuple_target = 128);
alter table audit_command alter column events set storage main;
do $$
begin
  -- lz4 (PostgreSQL 14 and later, when built with it) compresses and decompresses several times faster than pglz.
  if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any (enumvals)) then
    execute 'alter table audit_command alter column events set compression lz4';
  end if;
end;
$$;

-- A case's trail by trace, business key or process instance: one GIN index over the three lookup arrays. The
-- time-range query reads the command rows of the range through a BRIN index: rows arrive in time order.
create index audit_command_lookup_idx on audit_command using gin (trace_ids, business_keys, process_instance_ids);
create index audit_command_time_idx on audit_command using brin (first_event_time, last_event_time);

-- The log, one row per sealing round: entries holds each sealed event's id and leaf hash in log order (the
-- encoding of org.auditrail.logformat.SealingQueue), the first at first_index; command_ids the command rows whose
-- events they are; previous_leaf_hash the leaf sealed just before the first.
create table audit_log_batch (
  first_index        bigint        not null primary key,
  event_count        integer       not null,
  command_ids        varchar(36)[] not null,
  entries            bytea         not null,
  previous_leaf_hash bytea,
  sealed_at          timestamp with time zone not null
);

create trigger audit_command_append_only before update or delete on audit_command
  for each row execute function audit_reject_change();
create trigger audit_command_no_truncate before truncate on audit_command
  for each statement execute function audit_reject_change();
create trigger audit_log_batch_append_only before update or delete on audit_log_batch
  for each row execute function audit_reject_change();
create trigger audit_log_batch_no_truncate before truncate on audit_log_batch
  for each statement execute function audit_reject_change();
alter table audit_command enable always trigger audit_command_append_only;
alter table audit_command enable always trigger audit_command_no_truncate;
alter table audit_log_batch enable always trigger audit_log_batch_append_only;
alter table audit_log_batch enable always trigger audit_log_batch_no_truncate;

-- The sealing queue names the command row each queued row belongs to, and the line of that row its first event
-- is on, so that a command's events are sealed in the order of its lines; V10 fills both for rows queued before.
alter table audit_unsealed add column command_id varchar(36);
alter table audit_unsealed add column first_line integer;
-- The sequencer takes queued commands whole, in the order of their ids.
create index audit_unsealed_command_idx on audit_unsealed (command_id, first_line);

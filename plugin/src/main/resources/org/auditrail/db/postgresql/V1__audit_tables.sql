-- Audit events: one row per event. payload holds the event's canonical JSON (RFC 8785); every other column is
-- derived from it for queries.
create table audit_event (
  event_id            varchar(36)  not null primary key,
  trace_id            varchar(64)  not null,
  parent_event_id     varchar(36),
  process_instance_id varchar(64),
  business_key        varchar(255),
  entity_id           varchar(255),
  event_type          varchar(64)  not null,
  actor_type          varchar(16)  not null,
  actor_id            varchar(255) not null,
  event_time          timestamp with time zone not null,
  payload             text         not null
);

create index audit_event_trace_idx on audit_event (trace_id, event_id);
create index audit_event_process_instance_idx on audit_event (process_instance_id);
create index audit_event_business_key_idx on audit_event (business_key);
create index audit_event_type_time_idx on audit_event (event_type, event_time);
create index audit_event_actor_idx on audit_event (actor_id, event_time);
create index audit_event_time_idx on audit_event (event_time);
create index audit_event_entity_idx on audit_event (entity_id, event_type);

-- Content store: values too large for an event, deployed BPMN XML, later prompts and outputs; keyed by SHA-256.
create table audit_content (
  sha256      varchar(64)  not null primary key,
  size_bytes  bigint       not null,
  media_type  varchar(255) not null,
  content     bytea        not null,
  created_at  timestamp with time zone not null
);

-- Append-only in the database itself. ENABLE ALWAYS keeps the triggers firing under
-- session_replication_role = replica; only a superuser who disables them can change rows.
create function audit_reject_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit table % is append-only: % is not allowed', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_reject_change();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_reject_change();
create trigger audit_content_append_only before update or delete on audit_content
  for each row execute function audit_reject_change();
create trigger audit_content_no_truncate before truncate on audit_content
  for each statement execute function audit_reject_change();

alter table audit_event enable always trigger audit_event_append_only;
alter table audit_event enable always trigger audit_event_no_truncate;
alter table audit_content enable always trigger audit_content_append_only;
alter table audit_content enable always trigger audit_content_no_truncate;

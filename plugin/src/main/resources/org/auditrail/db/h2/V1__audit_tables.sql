-- The embedded development database. Same tables as on PostgreSQL; H2 has no SQL triggers, so append-only is
-- enforced on PostgreSQL only (see the README).
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
  payload             character large object not null
);

create index audit_event_trace_idx on audit_event (trace_id, event_id);
create index audit_event_process_instance_idx on audit_event (process_instance_id);
create index audit_event_business_key_idx on audit_event (business_key);
create index audit_event_type_time_idx on audit_event (event_type, event_time);
create index audit_event_actor_idx on audit_event (actor_id, event_time);
create index audit_event_time_idx on audit_event (event_time);
create index audit_event_entity_idx on audit_event (entity_id, event_type);

create table audit_content (
  sha256      varchar(64)  not null primary key,
  size_bytes  bigint       not null,
  media_type  varchar(255) not null,
  content     binary large object not null,
  created_at  timestamp with time zone not null
);

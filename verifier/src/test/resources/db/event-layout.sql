-- The audit tables of the per-event layout of earlier versions, as the plugin's H2 migrations V1, V2 and V6 leave
-- them. Copied, because the verifier does not depend on the plugin.
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

create table audit_content (
  sha256      varchar(64)  not null primary key,
  size_bytes  bigint       not null,
  media_type  varchar(255) not null,
  content     binary large object not null,
  created_at  timestamp with time zone not null
);

create table audit_log_entry (
  log_index          bigint      not null primary key,
  event_id           varchar(36) not null unique,
  leaf_hash          varbinary(32) not null,
  previous_leaf_hash varbinary(32),
  sealed_at          timestamp with time zone not null
);

create table audit_checkpoint (
  tree_size       bigint       not null primary key,
  root_hash       varbinary(32) not null,
  signed_note     character large object not null,
  key_name        varchar(255) not null,
  created_at      timestamp with time zone not null,
  timestamp_token binary large object
);

create table audit_unsealed (
  batch_id    varchar(36) not null primary key,
  event_count integer     not null,
  entries     varbinary   not null,
  recorded_at timestamp with time zone not null
);

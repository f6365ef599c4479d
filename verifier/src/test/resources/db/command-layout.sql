-- The audit tables of the per-command layout, as the plugin's H2 migrations leave them (V2, V6 and V9; V11 drops
-- audit_log_entry and turns audit_event into a view, which the verifier does not read). Copied, because the
-- verifier does not depend on the plugin.
create table audit_content (
  sha256      varchar(64)  not null primary key,
  size_bytes  bigint       not null,
  media_type  varchar(255) not null,
  content     binary large object not null,
  created_at  timestamp with time zone not null
);

create table audit_checkpoint (
  tree_size       bigint       not null primary key,
  root_hash       varbinary(32) not null,
  signed_note     character large object not null,
  key_name        varchar(255) not null,
  created_at      timestamp with time zone not null,
  timestamp_token binary large object
);

-- V3: the RFC 3161 time-stamp token of a checkpoint.
create table audit_checkpoint_timestamp (
  tree_size  bigint not null primary key,
  token      binary large object not null,
  created_at timestamp with time zone not null
);

create table audit_unsealed (
  batch_id    varchar(36) not null primary key,
  event_count integer     not null,
  entries     varbinary   not null,
  recorded_at timestamp with time zone not null,
  command_id  varchar(36)
);

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

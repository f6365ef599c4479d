-- The tamper-evident log (RFC 6962 Merkle tree) over the audit events; see the PostgreSQL migration for notes.
create table audit_unsealed (
  event_id varchar(36) not null primary key
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

create table audit_log_head (
  id             integer not null primary key,
  tree_size      bigint  not null,
  frontier       varbinary(4096) not null,
  last_leaf_hash varbinary(32),
  updated_at     timestamp with time zone not null
);
insert into audit_log_head (id, tree_size, frontier, last_leaf_hash, updated_at)
  values (1, 0, X'0000000000000000', null, current_timestamp);

insert into audit_unsealed (event_id) select event_id from audit_event;

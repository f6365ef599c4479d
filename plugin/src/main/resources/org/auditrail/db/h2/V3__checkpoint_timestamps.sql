-- RFC 3161 time-stamp tokens over signed checkpoints; see the PostgreSQL migration for notes.
create table audit_checkpoint_timestamp (
  tree_size  bigint not null primary key,
  token      binary large object not null,
  created_at timestamp with time zone not null
);

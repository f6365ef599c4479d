-- RFC 3161 time-stamp tokens over signed checkpoints, from the configured time-stamp authority. Kept apart from
-- audit_checkpoint because a token arrives after the checkpoint is committed, and both tables are append-only.
create table audit_checkpoint_timestamp (
  tree_size  bigint not null primary key,
  token      bytea  not null,
  created_at timestamp with time zone not null
);

create trigger audit_checkpoint_timestamp_append_only before update or delete on audit_checkpoint_timestamp
  for each row execute function audit_reject_change();
create trigger audit_checkpoint_timestamp_no_truncate before truncate on audit_checkpoint_timestamp
  for each statement execute function audit_reject_change();
alter table audit_checkpoint_timestamp enable always trigger audit_checkpoint_timestamp_append_only;
alter table audit_checkpoint_timestamp enable always trigger audit_checkpoint_timestamp_no_truncate;

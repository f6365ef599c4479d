-- The checkpoints continuous verification found good, newest last: the next incremental run starts from the
-- largest, also after a restart. Rows are only added; the runtime role may not change or remove them.
create table audit_verified_checkpoint (
  tree_size bigint primary key,
  root_hash bytea not null,
  verified_at timestamp with time zone not null,
  kind varchar(16) not null
);

create trigger audit_verified_checkpoint_append_only before update or delete on audit_verified_checkpoint
  for each row execute function audit_reject_change();
create trigger audit_verified_checkpoint_no_truncate before truncate on audit_verified_checkpoint
  for each statement execute function audit_reject_change();
alter table audit_verified_checkpoint enable always trigger audit_verified_checkpoint_append_only;
alter table audit_verified_checkpoint enable always trigger audit_verified_checkpoint_no_truncate;

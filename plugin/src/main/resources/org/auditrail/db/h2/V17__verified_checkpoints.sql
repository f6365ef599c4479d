-- The checkpoints continuous verification found good (see the PostgreSQL migration).
create table audit_verified_checkpoint (
  tree_size bigint primary key,
  root_hash varbinary(32) not null,
  verified_at timestamp with time zone not null,
  kind varchar(16) not null
);

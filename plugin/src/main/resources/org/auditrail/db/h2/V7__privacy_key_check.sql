-- See the PostgreSQL migration.
create table audit_privacy_key (
  key_slot          varchar(16)  not null primary key,
  key_check         varchar(32)  not null,
  wrapped_token_key varbinary(512) not null,
  created_at        timestamp with time zone not null,
  rotated_at        timestamp with time zone
);

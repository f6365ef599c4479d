-- See the PostgreSQL migration; H2 is for development and has no append-only triggers.
create table audit_privacy_subject (
  subject_id  varchar(64) not null primary key,
  wrapped_key varbinary(512),
  created_at  timestamp with time zone not null,
  erased_at   timestamp with time zone,
  erased_by   varchar(255)
);

create table audit_privacy_token (
  token      varchar(255) not null primary key,
  subject_id varchar(64)  not null references audit_privacy_subject (subject_id),
  field      varchar(255) not null,
  ciphertext varbinary(65536),
  created_at timestamp with time zone not null
);
create index audit_privacy_token_subject on audit_privacy_token (subject_id);

create table audit_content_expiry (
  sha256     varchar(64)  not null primary key,
  event_type varchar(64)  not null,
  policy     varchar(255) not null,
  expired_at timestamp with time zone not null
);

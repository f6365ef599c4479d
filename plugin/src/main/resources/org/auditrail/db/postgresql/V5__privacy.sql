-- Data subjects of personal data, each with its own data key, wrapped (AES-GCM) by the application's master key.
-- Erasure destroys the wrapped key (crypto-shredding); the row stays, so the erasure itself remains visible.
create table audit_privacy_subject (
  subject_id  varchar(64) not null primary key,
  wrapped_key bytea,
  created_at  timestamp with time zone not null,
  erased_at   timestamp with time zone,
  erased_by   varchar(255)
);

-- The tokens that stand for personal values in events and prompts, with the value encrypted by the subject's key.
create table audit_privacy_token (
  token      varchar(255) not null primary key,
  subject_id varchar(64)  not null references audit_privacy_subject (subject_id),
  field      varchar(255) not null,
  ciphertext bytea,
  created_at timestamp with time zone not null
);
create index audit_privacy_token_subject on audit_privacy_token (subject_id);

-- Blobs removed from the content store under a retention policy; the verifier reports them as expired, not missing.
create table audit_content_expiry (
  sha256     varchar(64)  not null primary key,
  event_type varchar(64)  not null,
  policy     varchar(255) not null,
  expired_at timestamp with time zone not null
);

create trigger audit_content_expiry_append_only before update or delete on audit_content_expiry
  for each row execute function audit_reject_change();
create trigger audit_content_expiry_no_truncate before truncate on audit_content_expiry
  for each statement execute function audit_reject_change();
alter table audit_content_expiry enable always trigger audit_content_expiry_append_only;
alter table audit_content_expiry enable always trigger audit_content_expiry_no_truncate;

-- Content may now be deleted, but only a blob whose expiry under a retention policy is recorded in the same
-- transaction; updates and truncation stay refused.
create function audit_content_retention_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and exists (select 1 from audit_content_expiry e where e.sha256 = old.sha256) then
    return old;
  end if;
  raise exception 'audit table % is append-only: % is not allowed', tg_table_name, tg_op;
end;
$$;
drop trigger audit_content_append_only on audit_content;
create trigger audit_content_append_only before update or delete on audit_content
  for each row execute function audit_content_retention_only();
alter table audit_content enable always trigger audit_content_append_only;

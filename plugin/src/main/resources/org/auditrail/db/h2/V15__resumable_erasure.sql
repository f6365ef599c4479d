-- An erasure in progress (see the PostgreSQL migration).
alter table audit_privacy_subject add column erasure_started_at timestamp with time zone;
alter table audit_privacy_subject add column erasure_progress character large object;

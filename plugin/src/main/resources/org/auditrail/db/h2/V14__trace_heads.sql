-- Each case's own Merkle tree (see the PostgreSQL migration).
create table audit_trace_head (
  trace_id       varchar(64)  not null primary key,
  event_count    bigint       not null,
  frontier       varbinary    not null,
  last_event_id  varchar(36)  not null,
  last_log_index bigint       not null,
  summary_due    boolean      not null,
  updated_at     timestamp with time zone not null
);
create index audit_trace_head_due_idx on audit_trace_head (summary_due);

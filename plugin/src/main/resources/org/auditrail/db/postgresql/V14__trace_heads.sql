-- Each case's own Merkle tree (issue 14): the sequencer keeps, per trace, the compact frontier of an RFC 6962 tree
-- over the log leaves of the trace's events in log order, and seals a trace_sealed event with its size and root
-- whenever the trace got events in a round. Bookkeeping, not evidence: a wrong row makes the sequencer sign a
-- summary that the verifier (--jdbc recomputes every summary, --bundle recomputes the case's) reports.
create table audit_trace_head (
  trace_id       varchar(64)  not null primary key,
  event_count    bigint       not null,
  frontier       bytea        not null,
  last_event_id  varchar(36)  not null,
  last_log_index bigint       not null,
  -- Set when the trace's summary has still to be sealed: for traces sealed before this version (V14.1).
  summary_due    boolean      not null,
  updated_at     timestamp with time zone not null
);
create index audit_trace_head_due_idx on audit_trace_head (trace_id) where summary_due;

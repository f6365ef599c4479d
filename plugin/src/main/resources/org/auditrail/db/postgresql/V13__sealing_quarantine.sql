-- Queue rows the sequencer cannot seal (entries that do not decode, or a command_id without its command row) are
-- moved here in the sealing transaction, so that one bad row never stops sealing; the verifier still reports their
-- events as unsealed. Append-only: what was set aside stays as evidence.
create table audit_unsealed_quarantine (
  batch_id       varchar(36)  not null primary key,
  command_id     varchar(36),
  entries        bytea,
  recorded_at    timestamp with time zone,
  reason         varchar(500) not null,
  quarantined_at timestamp with time zone not null
);

create trigger audit_unsealed_quarantine_append_only before update or delete on audit_unsealed_quarantine
  for each row execute function audit_reject_change();
create trigger audit_unsealed_quarantine_no_truncate before truncate on audit_unsealed_quarantine
  for each statement execute function audit_reject_change();
alter table audit_unsealed_quarantine enable always trigger audit_unsealed_quarantine_append_only;
alter table audit_unsealed_quarantine enable always trigger audit_unsealed_quarantine_no_truncate;

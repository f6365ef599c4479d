-- The tamper-evident log (RFC 6962 Merkle tree) over the audit events.

-- Events committed but not yet sealed into the log. A work queue, not an audit table: the sequencer deletes the
-- rows it seals, in the same transaction that appends them to audit_log_entry.
create table audit_unsealed (
  event_id varchar(36) not null primary key
);

-- The log: one row per sealed event, in log order. leaf_hash = SHA-256(0x00 || canonical event bytes);
-- previous_leaf_hash chains each leaf to the one before it.
create table audit_log_entry (
  log_index          bigint      not null primary key,
  event_id           varchar(36) not null unique,
  leaf_hash          bytea       not null,
  previous_leaf_hash bytea,
  sealed_at          timestamp with time zone not null
);

-- Signed checkpoints (C2SP tlog-checkpoint in a C2SP signed note, Ed25519).
create table audit_checkpoint (
  tree_size       bigint       not null primary key,
  root_hash       bytea        not null,
  signed_note     text         not null,
  key_name        varchar(255) not null,
  created_at      timestamp with time zone not null,
  timestamp_token bytea
);

-- The sequencer's state: one row, locked by whichever node seals a batch.
create table audit_log_head (
  id             integer not null primary key,
  tree_size      bigint  not null,
  frontier       bytea   not null,
  last_leaf_hash bytea,
  updated_at     timestamp with time zone not null
);
insert into audit_log_head (id, tree_size, frontier, last_leaf_hash, updated_at)
  values (1, 0, decode('0000000000000000', 'hex'), null, now());

-- Events recorded before this migration are sealed first.
insert into audit_unsealed (event_id) select event_id from audit_event;

create trigger audit_log_entry_append_only before update or delete on audit_log_entry
  for each row execute function audit_reject_change();
create trigger audit_log_entry_no_truncate before truncate on audit_log_entry
  for each statement execute function audit_reject_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
  for each row execute function audit_reject_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
  for each statement execute function audit_reject_change();
alter table audit_log_entry enable always trigger audit_log_entry_append_only;
alter table audit_log_entry enable always trigger audit_log_entry_no_truncate;
alter table audit_checkpoint enable always trigger audit_checkpoint_append_only;
alter table audit_checkpoint enable always trigger audit_checkpoint_no_truncate;

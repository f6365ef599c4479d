-- What the application's role (${runtimeRole}) may do on the audit tables: read and append, and no more than
-- sealing, privacy and retention need. The tables' owner applies this after every migration, whole.
revoke all on audit_command, audit_event, audit_content, audit_content_expiry, audit_unsealed, audit_log_batch,
  audit_log_head, audit_checkpoint, audit_checkpoint_timestamp, audit_prompt_version, audit_tool_execution,
  audit_ai_task_configuration, audit_privacy_subject, audit_privacy_token, audit_privacy_key, audit_schema_history,
  audit_unsealed_quarantine, audit_trace_head, audit_siem_position from "${runtimeRole}";
-- Append-only tables.
grant select, insert on audit_command, audit_content_expiry, audit_log_batch, audit_checkpoint,
  audit_checkpoint_timestamp, audit_prompt_version, audit_tool_execution, audit_ai_task_configuration,
  audit_unsealed_quarantine to "${runtimeRole}";
-- The read-only view of the events, one row each.
grant select on audit_event to "${runtimeRole}";
-- Content: a trigger lets a row go only with its expiry under a retention policy, recorded in the same transaction.
grant select, insert, delete on audit_content to "${runtimeRole}";
-- The sealing queue: the sequencer deletes what it has sealed.
grant select, insert, delete on audit_unsealed to "${runtimeRole}";
-- The sequencer's head: one row, locked and moved on by each sealing round.
grant select, update (tree_size, frontier, last_leaf_hash, updated_at) on audit_log_head to "${runtimeRole}";
-- Each case's tree, moved on by the sealing round that seals its events.
grant select, insert, update on audit_trace_head to "${runtimeRole}";
-- How far each SIEM sink has taken the log, moved on after the sink accepted a batch.
grant select, insert, update (next_index, updated_at) on audit_siem_position to "${runtimeRole}";
-- The privacy vault: erasure destroys a subject's key and values; a subject found later takes over earlier tokens.
grant select, insert, update (wrapped_key, erased_at, erased_by, erasure_started_at, erasure_progress)
  on audit_privacy_subject to "${runtimeRole}";
grant select, insert, update (subject_id, ciphertext) on audit_privacy_token to "${runtimeRole}";
-- The vault's master key check and wrapped token key: written once, changed only by a declared key rotation.
grant select, insert, update (key_check, wrapped_token_key, rotated_at) on audit_privacy_key to "${runtimeRole}";
-- The migration history, so that the application can see the schema is current.
grant select on audit_schema_history to "${runtimeRole}";
-- Continuous verification's record of the checkpoints it found good: only added to.
revoke all on audit_verified_checkpoint from "${runtimeRole}";
grant select, insert on audit_verified_checkpoint to "${runtimeRole}";
-- Alerts (V18), the application's own data: compliance edits and deletes rules; an alert changes only when it is
-- acknowledged; delivery attempts are only added.
revoke all on audit_alert_rule, audit_alert, audit_alert_delivery from "${runtimeRole}";
grant select, insert, update, delete on audit_alert_rule to "${runtimeRole}";
grant select, insert, update (state, acknowledged_at, acknowledged_by, acknowledgement, version) on audit_alert
  to "${runtimeRole}";
grant select, insert on audit_alert_delivery to "${runtimeRole}";

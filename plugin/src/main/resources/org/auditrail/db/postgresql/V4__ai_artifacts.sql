-- Prompt versions: one row per (prompt id, semantic version), pointing at the template text in audit_content.
-- A version is never re-pointed: a changed text must be published under a new version.
create table audit_prompt_version (
  prompt_id      varchar(200) not null,
  version        varchar(64)  not null,
  content_sha256 varchar(64)  not null,
  source         varchar(1000) not null,
  registered_at  timestamp with time zone not null,
  primary key (prompt_id, version)
);

-- Side-effecting tool calls by idempotency key, committed as soon as the tool returns, so that a retried job
-- replays the recorded result instead of calling the tool a second time.
create table audit_tool_execution (
  idempotency_key varchar(64)  not null primary key,
  tool_name       varchar(200) not null,
  result_sha256   varchar(64)  not null,
  event_id        varchar(36)  not null,
  executed_at     timestamp with time zone not null
);

-- The AI snapshot (model, prompt, tools, index) each AI task last ran with, so that a change between two runs of
-- the same task is recorded as such.
create table audit_ai_task_configuration (
  process_definition_key varchar(255) not null,
  activity_id            varchar(255) not null,
  snapshot_sha256        varchar(64)  not null,
  first_event_id         varchar(36)  not null,
  first_seen_at          timestamp with time zone not null,
  primary key (first_event_id)
);

create trigger audit_prompt_version_append_only before update or delete on audit_prompt_version
  for each row execute function audit_reject_change();
create trigger audit_prompt_version_no_truncate before truncate on audit_prompt_version
  for each statement execute function audit_reject_change();
create trigger audit_tool_execution_append_only before update or delete on audit_tool_execution
  for each row execute function audit_reject_change();
create trigger audit_tool_execution_no_truncate before truncate on audit_tool_execution
  for each statement execute function audit_reject_change();
alter table audit_prompt_version enable always trigger audit_prompt_version_append_only;
alter table audit_prompt_version enable always trigger audit_prompt_version_no_truncate;
alter table audit_tool_execution enable always trigger audit_tool_execution_append_only;
alter table audit_tool_execution enable always trigger audit_tool_execution_no_truncate;
create trigger audit_ai_task_configuration_append_only before update or delete on audit_ai_task_configuration
  for each row execute function audit_reject_change();
create trigger audit_ai_task_configuration_no_truncate before truncate on audit_ai_task_configuration
  for each statement execute function audit_reject_change();
alter table audit_ai_task_configuration enable always trigger audit_ai_task_configuration_append_only;
alter table audit_ai_task_configuration enable always trigger audit_ai_task_configuration_no_truncate;

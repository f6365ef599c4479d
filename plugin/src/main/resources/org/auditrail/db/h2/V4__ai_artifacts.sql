-- See the PostgreSQL migration; H2 is for development and has no append-only triggers.
create table audit_prompt_version (
  prompt_id      varchar(200) not null,
  version        varchar(64)  not null,
  content_sha256 varchar(64)  not null,
  source         varchar(1000) not null,
  registered_at  timestamp with time zone not null,
  primary key (prompt_id, version)
);

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

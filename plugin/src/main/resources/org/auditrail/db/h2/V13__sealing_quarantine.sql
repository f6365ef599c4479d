-- Queue rows the sequencer cannot seal, set aside so that one bad row never stops sealing (see the PostgreSQL
-- migration).
create table audit_unsealed_quarantine (
  batch_id       varchar(36)  not null primary key,
  command_id     varchar(36),
  entries        varbinary,
  recorded_at    timestamp with time zone,
  reason         varchar(500) not null,
  quarantined_at timestamp with time zone not null
);

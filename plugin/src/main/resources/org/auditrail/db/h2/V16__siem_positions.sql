-- How far each SIEM sink has taken the log (see the PostgreSQL migration).
create table audit_siem_position (
  sink        varchar(32) not null primary key,
  next_index  bigint      not null,
  updated_at  timestamp with time zone not null
);

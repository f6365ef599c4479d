-- How far each SIEM sink (syslog, OTLP) has taken the log (issue 18): the log index of the next event to send. A
-- forwarder moves it on only after its sink accepted a batch, so a restart resumes where it stopped. Bookkeeping,
-- not evidence: a wrong row only makes the stream send events again (recognizable by their log index) or skip them.
create table audit_siem_position (
  sink        varchar(32) not null primary key,
  next_index  bigint      not null,
  updated_at  timestamp with time zone not null
);

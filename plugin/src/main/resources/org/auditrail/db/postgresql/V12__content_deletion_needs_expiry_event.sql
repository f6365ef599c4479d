-- A blob could be deleted by anyone allowed to insert a row into audit_content_expiry, which the runtime role must
-- be: the row alone is unsigned. A deletion now also needs a committed payload_expired event in audit_command whose
-- line names the blob, which the sequencer seals into the log, so that a removal leaves sealed evidence (the
-- verifier checks the rest: that it is sealed, and that the retention it states had passed). Canonical JSON orders
-- the keys, so event_type comes before output's blobs on the event's line; lines are separated by newlines, which
-- JSON escapes inside strings. Deletions are rare, so a scan of the command rows is acceptable.
create or replace function audit_content_retention_only() returns trigger language plpgsql
  set search_path = pg_catalog, pg_temp as $$
declare
  expired boolean;
  recorded boolean;
begin
  if tg_op = 'DELETE' then
    execute format('select exists (select 1 from %I.audit_content_expiry e where e.sha256 = $1)', tg_table_schema)
      into expired using old.sha256;
    if expired then
      execute format('select exists (select 1 from %I.audit_command c where c.events like $1 and c.events ~ $2)',
          tg_table_schema)
        into recorded
        using '%' || old.sha256 || '%',
          '"event_type":"payload_expired"[^' || chr(10) || ']*"sha256":"' || old.sha256 || '"';
      if recorded then
        return old;
      end if;
      raise exception '%', format('audit table %s is append-only: the content %s may be deleted only once a'
        || ' payload_expired event naming it is committed', tg_table_name, old.sha256);
    end if;
  end if;
  raise exception 'audit table % is append-only: % is not allowed', tg_table_name, tg_op;
end;
$$;

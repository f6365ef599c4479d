-- The retention trigger looked up audit_content_expiry and the = operator through the caller's search_path: a role
-- allowed to delete expired content could shadow the table with a temporary table of that name (searched first) or
-- the operator in a schema it may create in, and so delete any blob. It now reads the expiry table of its own
-- table's schema, with pg_catalog's operators only.
create or replace function audit_content_retention_only() returns trigger language plpgsql
  set search_path = pg_catalog, pg_temp as $$
declare
  expired boolean;
begin
  if tg_op = 'DELETE' then
    execute format('select exists (select 1 from %I.audit_content_expiry e where e.sha256 = $1)', tg_table_schema)
      into expired using old.sha256;
    if expired then
      return old;
    end if;
  end if;
  raise exception 'audit table % is append-only: % is not allowed', tg_table_name, tg_op;
end;
$$;

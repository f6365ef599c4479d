#!/bin/sh
# Runs once, when the database is first created: the owner of the audit tables (it migrates them) and the runtime
# role the application connects as (it may only read and append to them, as the owner grants after each migration).
# The runtime role creates Camunda's own tables, so it may create in the schema; that gives it nothing on the
# owner's tables. Neither role is a superuser, so the superuser's password never reaches the application.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" \
  -v owner="$AUDIT_OWNER_USER" -v owner_password="$AUDIT_OWNER_PASSWORD" \
  -v runtime="$AUDIT_RUNTIME_USER" -v runtime_password="$AUDIT_RUNTIME_PASSWORD" <<'SQL'
create role :"owner" login password :'owner_password' nosuperuser nocreatedb nocreaterole;
create role :"runtime" login password :'runtime_password' nosuperuser nocreatedb nocreaterole;
alter database :"db" owner to :"owner";
alter schema public owner to :"owner";
grant usage, create on schema public to :"runtime";
SQL

#!/usr/bin/env bash
# The two PostgreSQL roles of README "Database roles" (docs/decisions/0033): migrate as the owner,
# run as the app role, and check that the app role cannot switch the access log's protection off.
set -euo pipefail
cd "$(dirname "$0")/.."
server=postgres://postgres@127.0.0.1:5432
database=passend_ci_roles
psql "$server/postgres" -v ON_ERROR_STOP=1 -q <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = 'passend_owner') then create role passend_owner login; end if;
  if not exists (select from pg_roles where rolname = 'passend_app') then create role passend_app login; end if;
end \$\$;
drop database if exists $database with (force);
create database $database owner passend_owner;
SQL
checkpoints=$(mktemp -d)
trap 'rm -rf "$checkpoints"' EXIT
export PASSEND_DEMO=false
export DATABASE_URL="postgres://passend_app@127.0.0.1:5432/$database"
export PASSEND_MIGRATION_DATABASE_URL="postgres://passend_owner@127.0.0.1:5432/$database"
export PASSEND_AUDIT_KEYS="ci:$(openssl rand -base64 32)" PASSEND_AUDIT_CHECKPOINT_DIR="$checkpoints"
export PASSEND_DOCUMENT_KEYS="ci:$(openssl rand -base64 32)"
npm run --silent passend -- migrate
npm run --silent passend -- audit verify
for statement in "alter table access_log disable trigger user" "truncate access_log" \
  "update access_log set purpose = 'x'" "set session_replication_role = replica"; do
  if psql "$DATABASE_URL" -q -c "$statement" 2>/dev/null; then
    echo "the app role could run: $statement" >&2
    exit 1
  fi
done
echo "The app role cannot switch the access log's protection off."
psql "$server/postgres" -q -c "drop database if exists $database with (force)"

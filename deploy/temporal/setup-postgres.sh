#!/bin/sh
# One-shot schema job (temporalio/admin-tools): creates Temporal's two PostgreSQL databases and
# brings their schemas to the version bundled with the admin-tools image. Safe to run again: a
# database that exists is kept and update-schema only applies missing versions.
set -eu
. "$(dirname "$0")/retry.sh"

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS must name the PostgreSQL host}"
: "${DB_PORT:=5432}"
: "${POSTGRES_USER:?POSTGRES_USER must be set}"
# temporal-sql-tool reads the password from SQL_PASSWORD.
: "${SQL_PASSWORD:?SQL_PASSWORD must be set}"
export SQL_PASSWORD

schema_root=/etc/temporal/schema/postgresql/v12

echo "Waiting for PostgreSQL at ${POSTGRES_SEEDS}:${DB_PORT} ..."
retry "PostgreSQL at ${POSTGRES_SEEDS}:${DB_PORT} did not accept connections" \
  nc -z -w 5 "$POSTGRES_SEEDS" "$DB_PORT"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

for db in temporal temporal_visibility; do
  case "$db" in
    temporal) versioned="$schema_root/temporal/versioned" ;;
    temporal_visibility) versioned="$schema_root/visibility/versioned" ;;
  esac
  echo "Schema for database '$db' ..."
  # create fails when the database exists; that is the normal case on every later start.
  sql_tool --db "$db" create || echo "database '$db' exists, keeping it"
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$versioned"
done
echo "PostgreSQL schema for Temporal is up to date"

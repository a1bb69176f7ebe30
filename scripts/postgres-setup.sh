#!/usr/bin/env bash
# Starts the local PostgreSQL (installing it where apt can) and creates the role the tests and a
# local deployment use: `makewhole`, password `makewhole`, allowed to create databases (each test
# file makes one of its own). Safe to run again. Needs root, as `apt-get` and `su postgres` do.
set -euo pipefail

ROLE="${MAKEWHOLE_PG_ROLE:-makewhole}"
PASSWORD="${MAKEWHOLE_PG_PASSWORD:-makewhole}"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

cluster="$(pg_lsclusters --no-header | awk 'NR == 1 { print $1 " " $2 }')"
if [ -z "$cluster" ]; then
  echo "postgres-setup: no PostgreSQL cluster found (pg_createcluster 15 main makes one)" >&2
  exit 1
fi
# shellcheck disable=SC2086
pg_ctlcluster $cluster start >/dev/null 2>&1 || true
# shellcheck disable=SC2086
pg_ctlcluster $cluster status >/dev/null

su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
SELECT 'CREATE ROLE "$ROLE" LOGIN CREATEDB PASSWORD ''$PASSWORD'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE')
\gexec
SELECT 'CREATE DATABASE "$ROLE" OWNER "$ROLE" TEMPLATE template0 ENCODING ''UTF8'' LC_COLLATE ''C'' LC_CTYPE ''C'''
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$ROLE')
\gexec
SQL
echo "postgres-setup: ready at postgres://$ROLE:$PASSWORD@127.0.0.1:5432/$ROLE"

#!/usr/bin/env bash
# Installs (Debian package) and starts a local PostgreSQL for the store tests, with a role 'sextant' (password
# 'sextant', CREATEDB) that the tests use to create and drop their own scratch databases. Idempotent.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true

for _ in $(seq 1 30); do
  if su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done

su postgres -c "psql -qtAc \"DO \\\$\\\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sextant') THEN
    CREATE ROLE sextant LOGIN CREATEDB PASSWORD 'sextant';
  END IF;
END \\\$\\\$;\"" >/dev/null
echo "postgres://sextant:sextant@127.0.0.1:5432/postgres"

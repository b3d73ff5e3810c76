#!/usr/bin/env bash
# The local stack: Temporal dev server (file database, UI on :8233, search
# attributes registered), then `cpe dev` (migrations, demo accounts, worker,
# API). Ctrl-C stops everything it started. Running it again duplicates nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh

mkdir -p .local
export CPE_DATABASE_URL="${CPE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cpe?sslmode=disable}"
if [ -z "${CPE_ADMIN_TOKEN:-}" ]; then
  [ -s .local/admin-token ] || head -c 24 /dev/urandom | base64 | tr '+/' '-_' > .local/admin-token
  CPE_ADMIN_TOKEN="$(cat .local/admin-token)"
fi
export CPE_ADMIN_TOKEN

if [[ "$CPE_DATABASE_URL" == *"@127.0.0.1:5432"* || "$CPE_DATABASE_URL" == *"@localhost:5432"* ]]; then
  ensure_postgres
fi

echo "building cpe…"
go build -o bin/cpe ./cmd/cpe

pids=()
cleanup() {
  trap - INT TERM EXIT
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# Workflow ids come from database ids (filing-<id>): Temporal history kept in
# .local from an older, since dropped database would collide with new items.
if [ -e .local/temporal.db ] && command -v psql >/dev/null 2>&1 &&
  ! psql "$CPE_DATABASE_URL" -Atqc 'SELECT 1 FROM goose_db_version LIMIT 1' >/dev/null 2>&1; then
  echo "the database is new: moving the Temporal history of the old one to .local/temporal.db.old"
  mv -f .local/temporal.db .local/temporal.db.old
fi

if bin/temporal operator cluster health --address 127.0.0.1:7233 >/dev/null 2>&1; then
  echo "a Temporal server already answers on 127.0.0.1:7233; using it"
else
  echo "starting the Temporal dev server (UI http://localhost:8233, data in .local/temporal.db)…"
  # shellcheck disable=SC2046
  bin/temporal server start-dev --ip 127.0.0.1 --port 7233 --ui-port 8233 \
    --db-filename .local/temporal.db --log-level warn \
    $(bin/cpe search-attributes) > .local/temporal.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do
    bin/temporal operator cluster health --address 127.0.0.1:7233 >/dev/null 2>&1 && break
    sleep 1
  done
fi

bin/cpe dev &
pids+=($!)
wait "${pids[-1]}"

#!/usr/bin/env bash
# Every test: vet, format, unit, workflow and replay tests, and integration
# tests against a real Temporal dev server (bin/temporal) and PostgreSQL
# (throwaway databases, created and dropped by the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
ensure_postgres
[ -x bin/temporal ] || { echo "bin/temporal missing: run make temporal-cli" >&2; exit 1; }

echo "== go vet"
go vet ./...
echo "== gofmt"
unformatted="$(gofmt -l .)"
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted" >&2; exit 1; fi
echo "== go test"
export CPE_TEMPORAL_CLI="$PWD/bin/temporal"
go test -count=1 -timeout 20m ./...

# Sourced by run-local.sh and test.sh: make sure PostgreSQL answers.
pg_answers() { pg_isready -q -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" 2>/dev/null; }
ensure_postgres() {
  pg_answers && return 0
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not answering; starting the local cluster…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_answers && return 0; sleep 1; done
  fi
  echo "error: no PostgreSQL answers at ${PGHOST:-127.0.0.1}:${PGPORT:-5432}." >&2
  echo "Start one (Debian: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start)" >&2
  echo "or point CPE_DATABASE_URL at a running server." >&2
  return 1
}

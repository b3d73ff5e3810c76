-- A records batch keeps the SHA-256 of the upload its Idempotency-Key was
-- sent with, so the key repeats that upload only: the same key with other
-- rows is refused instead of answering with the earlier batch. Batches
-- stored before have no hash; their upload is unknown and matches none.
-- The pending-credits and open-review lookups join filings on their
-- records batch: index it where a filing has one. Both statements may run
-- again (store/migrations_test.go reapplies the migrations from 00005 on).

-- +goose Up
ALTER TABLE record_batches ADD COLUMN IF NOT EXISTS request_hash bytea;
CREATE INDEX IF NOT EXISTS filings_records_batch ON filings (records_batch_id) WHERE records_batch_id IS NOT NULL;

-- +goose Down
DROP INDEX filings_records_batch;
ALTER TABLE record_batches DROP COLUMN request_hash;

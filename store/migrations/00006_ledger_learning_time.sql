-- Filing credits are posted with their learning time: the credits as hours
-- (credits_per_hour is 1 in every policy so far) spread over the training's
-- days in Asia/Shanghai, earned_from … earned_on. Fill in the entries posted
-- before, so the daily-hours check reads the ledger's columns alone.
-- hours grows to the size of credits: a training of many days may have more
-- than 999.99 hours (increasing the precision rewrites no row).

-- +goose Up
ALTER TABLE credit_ledger ALTER COLUMN hours TYPE numeric(7, 2);

UPDATE credit_ledger l SET earned_from = (f.start_at AT TIME ZONE 'Asia/Shanghai')::date,
    hours = coalesce(l.hours, l.credits)
FROM filings f
WHERE l.source_kind = 'filing' AND l.earned_from IS NULL
    AND l.source_ref ~ '^filing:[0-9]+:person:[0-9]+$' AND f.id = split_part(l.source_ref, ':', 2)::bigint;

-- +goose Down
UPDATE credit_ledger SET earned_from = NULL, hours = NULL WHERE source_kind = 'filing';
ALTER TABLE credit_ledger ALTER COLUMN hours TYPE numeric(5, 2);

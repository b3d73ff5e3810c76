-- The conversion of learning hours to credits became a policy field
-- (credits_per_hour). Policies stored before lack it; every policy so far
-- counts 1 credit per learning hour.

-- +goose Up
UPDATE policies SET body = body || '{"credits_per_hour": 1}', updated_at = now()
WHERE NOT (body ? 'credits_per_hour');

-- +goose Down
UPDATE policies SET body = body - 'credits_per_hour', updated_at = now();

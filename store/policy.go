package store

import (
	"context"

	"github.com/liaoning-finance/cpe/policy"
)

// Province is the province this deployment serves.
const Province = "210000"

// PutPolicy stores or replaces the policy of one year.
func PutPolicy(ctx context.Context, q Querier, p policy.Policy) error {
	_, err := q.Exec(ctx, `INSERT INTO policies (year, province, body) VALUES ($1, $2, $3)
		ON CONFLICT (year, province) DO UPDATE SET body = EXCLUDED.body, updated_at = now()`,
		p.Year, p.Province, p)
	return err
}

// Policy returns the policy of a year for the province.
func (s *Store) Policy(ctx context.Context, year int) (policy.Policy, error) {
	var p policy.Policy
	err := s.Pool.QueryRow(ctx, `SELECT body FROM policies WHERE year = $1 AND province = $2`, year, Province).Scan(&p)
	return p, notFound(err)
}

package store

import (
	"context"
	"fmt"

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
	return loadPolicy(ctx, s.Pool, year)
}

// loadPolicy returns the policy of a year for the province, or ErrNotFound.
func loadPolicy(ctx context.Context, q Querier, year int) (policy.Policy, error) {
	var p policy.Policy
	err := q.QueryRow(ctx, `SELECT body FROM policies WHERE year = $1 AND province = $2`, year, Province).Scan(&p)
	return p, notFound(err)
}

// creditsPerHour returns the CreditsPerHour of the policy of year: the
// conversion between credits and learning hours.
func creditsPerHour(ctx context.Context, q Querier, year int) (float64, error) {
	p, err := loadPolicy(ctx, q, year)
	if err != nil {
		return 0, fmt.Errorf("policy of %d: %w", year, err)
	}
	if p.CreditsPerHour <= 0 {
		return 0, fmt.Errorf("policy of %d: credits_per_hour is not set", year)
	}
	return p.CreditsPerHour, nil
}

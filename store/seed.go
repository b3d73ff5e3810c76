package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/policy"
)

// SeedBuiltins stores the built-in calendar years and policies that are not
// in the database yet; data an admin loaded is left as it is.
func (s *Store) SeedBuiltins(ctx context.Context) error {
	return s.InTx(ctx, func(tx pgx.Tx) error {
		for _, y := range calendar.Builtin() {
			var exists bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM calendar_years WHERE year = $1)`, y.Year).Scan(&exists); err != nil {
				return err
			}
			if !exists {
				if err := PutCalendarYear(ctx, tx, y); err != nil {
					return err
				}
			}
		}
		for _, p := range policy.Builtin() {
			if _, err := tx.Exec(ctx, `INSERT INTO policies (year, province, body) VALUES ($1, $2, $3)
				ON CONFLICT (year, province) DO NOTHING`, p.Year, p.Province, p); err != nil {
				return err
			}
		}
		return nil
	})
}

package store

import (
	"context"
	"errors"
)

// ClaimFilter selects claims for a list.
type ClaimFilter struct {
	// PersonID, when not 0, keeps one person's claims.
	PersonID int64
	// Scope, when set, keeps claims of the regions it covers.
	Scope *RegionScope
	// Stage and Kind, when not "", keep one stage or kind.
	Stage, Kind string
	// Year, when not 0, keeps one year.
	Year int
	// Overdue, when set, keeps overdue (true) or not overdue claims.
	Overdue *bool
	// Page is 1-based; PageSize rows per page.
	Page, PageSize int
}

// ListClaims returns one page of claims without their decision history,
// newest first, and the total count.
func (s *Store) ListClaims(ctx context.Context, flt ClaimFilter) ([]Claim, int, error) {
	if flt.Page < 1 || flt.PageSize < 1 {
		return nil, 0, errors.New("store: page and page size must be positive")
	}
	exact, prefix := "", ""
	if flt.Scope != nil {
		exact, prefix = flt.Scope.Exact, flt.Scope.Prefix
	}
	where := `WHERE ($1 = 0 OR c.person_id = $1) AND ($2 = '' OR c.region = $2) AND ($3 = '' OR c.region LIKE $3 || '%')
		AND ($4 = '' OR c.stage = $4) AND ($5 = '' OR c.kind = $5) AND ($6 = 0 OR c.year = $6)
		AND ($7::boolean IS NULL OR c.overdue = $7)`
	args := []any{flt.PersonID, exact, prefix, flt.Stage, flt.Kind, flt.Year, flt.Overdue}
	var total int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM claims c `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.Pool.Query(ctx, `SELECT `+claimColumns+` FROM claims c `+where+` ORDER BY c.id DESC LIMIT $8 OFFSET $9`,
		append(args, flt.PageSize, (flt.Page-1)*flt.PageSize)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []Claim{}
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, 0, err
		}
		c.Decisions = []ClaimDecision{}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

package store

import (
	"context"
	"time"
)

// Institution is a training provider registered with a finance department.
type Institution struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	USCC          string    `json:"uscc"`
	Kind          string    `json:"kind"`
	Region        string    `json:"region"`
	ApprovedYears []int32   `json:"approved_years"`
	CreatedAt     time.Time `json:"created_at"`
}

const institutionColumns = `id, name, uscc, kind, region, approved_years, created_at`

func scanInstitution(row rowScanner) (Institution, error) {
	var in Institution
	err := row.Scan(&in.ID, &in.Name, &in.USCC, &in.Kind, &in.Region, &in.ApprovedYears, &in.CreatedAt)
	return in, err
}

// CreateInstitution inserts an institution; a second one with the same
// credit code is ErrDuplicate.
func CreateInstitution(ctx context.Context, q Querier, in Institution) (Institution, error) {
	if in.ApprovedYears == nil {
		in.ApprovedYears = []int32{}
	}
	out, err := scanInstitution(q.QueryRow(ctx, `
		INSERT INTO institutions (name, uscc, kind, region, approved_years)
		VALUES ($1, $2, $3, $4, $5)
		RETURNING `+institutionColumns, in.Name, in.USCC, in.Kind, in.Region, in.ApprovedYears))
	if isUniqueViolation(err) {
		return Institution{}, ErrDuplicate
	}
	return out, err
}

// Institution returns one institution by id.
func (s *Store) Institution(ctx context.Context, id int64) (Institution, error) {
	in, err := scanInstitution(s.Pool.QueryRow(ctx, `SELECT `+institutionColumns+` FROM institutions WHERE id = $1`, id))
	return in, notFound(err)
}

// Institutions lists institutions, all or those of one kind, by id.
func (s *Store) Institutions(ctx context.Context, kind string) ([]Institution, error) {
	return collect(ctx, s.Pool, scanInstitution, `SELECT `+institutionColumns+` FROM institutions
		WHERE $1 = '' OR kind = $1 ORDER BY id`, kind)
}

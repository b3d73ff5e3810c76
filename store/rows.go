package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// rowScanner is a row to scan: pgx.Row or pgx.CollectableRow.
type rowScanner interface {
	Scan(dest ...any) error
}

// collect runs a query and scans every row with scan; no rows is an empty,
// not nil, slice (it encodes as [] in JSON).
func collect[T any](ctx context.Context, q Querier, scan func(rowScanner) (T, error), sql string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (T, error) { return scan(r) })
}

package store

import (
	"bytes"
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// ErrKeyReused is returned when an Idempotency-Key comes back with a
// different request body.
var ErrKeyReused = errors.New("idempotency key reused with a different request")

// ReserveFilingID returns the filing id for a create request: a fresh one,
// or, when the institution sent the same Idempotency-Key before, the id that
// request reserved (ErrKeyReused when the request differs). An empty key
// always reserves a fresh id.
func (s *Store) ReserveFilingID(ctx context.Context, institutionID int64, key string, requestHash []byte) (int64, error) {
	if key == "" {
		return NextFilingID(ctx, s.Pool)
	}
	var id int64
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		fresh, err := NextFilingID(ctx, tx)
		if err != nil {
			return err
		}
		var hash []byte
		err = tx.QueryRow(ctx, `INSERT INTO filing_requests (institution_id, idempotency_key, filing_id, request_hash)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (institution_id, idempotency_key) DO UPDATE SET institution_id = EXCLUDED.institution_id
			RETURNING filing_id, request_hash`, institutionID, key, fresh, requestHash).Scan(&id, &hash)
		if err == nil && !bytes.Equal(hash, requestHash) {
			return ErrKeyReused
		}
		return err
	})
	return id, err
}

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

// requests names where one kind of create request keeps its keys: the id
// sequence of the items, the requests table, and its owner and id columns.
// The names are constants of this package, never input.
type requests struct {
	items, table, owner, id string
}

var (
	filingRequests = requests{items: "filings", table: "filing_requests", owner: "institution_id", id: "filing_id"}
	claimRequests  = requests{items: "claims", table: "claim_requests", owner: "person_id", id: "claim_id"}
)

// nextID draws a fresh id from the items' sequence.
func (r requests) nextID(ctx context.Context, q Querier) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id'))`, r.items).Scan(&id)
	return id, err
}

// reserve returns the id for a create request of owner: a fresh one, or,
// when the owner sent the same Idempotency-Key before, the id that request
// reserved (ErrKeyReused when the request differs). An empty key always
// reserves a fresh id.
func (s *Store) reserve(ctx context.Context, r requests, owner int64, key string, requestHash []byte) (int64, error) {
	if key == "" {
		return r.nextID(ctx, s.Pool)
	}
	var id int64
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		fresh, err := r.nextID(ctx, tx)
		if err != nil {
			return err
		}
		var hash []byte
		err = tx.QueryRow(ctx, `INSERT INTO `+r.table+` (`+r.owner+`, idempotency_key, `+r.id+`, request_hash)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (`+r.owner+`, idempotency_key) DO UPDATE SET `+r.owner+` = EXCLUDED.`+r.owner+`
			RETURNING `+r.id+`, request_hash`, owner, key, fresh, requestHash).Scan(&id, &hash)
		if err == nil && !bytes.Equal(hash, requestHash) {
			return ErrKeyReused
		}
		return err
	})
	return id, err
}

// ReserveFilingID returns the filing id for a create request of an
// institution (see reserve).
func (s *Store) ReserveFilingID(ctx context.Context, institutionID int64, key string, requestHash []byte) (int64, error) {
	return s.reserve(ctx, filingRequests, institutionID, key, requestHash)
}

// ReserveClaimID returns the claim id for a create request of a person (see
// reserve).
func (s *Store) ReserveClaimID(ctx context.Context, personID int64, key string, requestHash []byte) (int64, error) {
	return s.reserve(ctx, claimRequests, personID, key, requestHash)
}

// NextFilingID reserves a filing id before the filing's workflow starts.
func NextFilingID(ctx context.Context, q Querier) (int64, error) {
	return filingRequests.nextID(ctx, q)
}

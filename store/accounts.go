package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// Account is a bearer-token holder with a role and a scope.
type Account struct {
	ID            int64     `json:"id"`
	Role          string    `json:"role"`
	InstitutionID *int64    `json:"institution_id,omitempty"`
	PersonID      *int64    `json:"person_id,omitempty"`
	Region        *string   `json:"region,omitempty"`
	Label         string    `json:"label,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

const accountColumns = `id, role, institution_id, person_id, region, label, created_at`

func scanAccount(row rowScanner) (Account, error) {
	var a Account
	err := row.Scan(&a.ID, &a.Role, &a.InstitutionID, &a.PersonID, &a.Region, &a.Label, &a.CreatedAt)
	return a, err
}

// NewToken returns a fresh random bearer token. Only its hash is stored.
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go ≥ 1.24)
	return "cpe_" + base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is the stored form of a token. Tokens carry 256 random bits, so
// one SHA-256 pass is enough: there is nothing to brute-force.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CreateAccount stores a with the hash of token.
func CreateAccount(ctx context.Context, q Querier, a Account, token string) (Account, error) {
	out, err := scanAccount(q.QueryRow(ctx, `
		INSERT INTO accounts (role, institution_id, person_id, region, label, token_hash)
		VALUES ($1, $2, $3, $4, $5, $6)
		RETURNING `+accountColumns, a.Role, a.InstitutionID, a.PersonID, a.Region, a.Label, HashToken(token)))
	if isUniqueViolation(err) {
		return Account{}, ErrDuplicate
	}
	return out, err
}

// AccountByToken resolves a bearer token to its enabled account.
func (s *Store) AccountByToken(ctx context.Context, token string) (Account, error) {
	a, err := scanAccount(s.Pool.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts
		WHERE token_hash = $1 AND disabled_at IS NULL`, HashToken(token)))
	return a, notFound(err)
}

// PutAccountByLabel makes the account with a's label hold token: it updates
// the token of an existing account with that label or creates one. The local
// demo seed uses it so that running it again duplicates nothing.
func PutAccountByLabel(ctx context.Context, q Querier, a Account, token string) (Account, error) {
	out, err := scanAccount(q.QueryRow(ctx, `UPDATE accounts SET token_hash = $2
		WHERE id = (SELECT id FROM accounts WHERE label = $1 AND disabled_at IS NULL ORDER BY id LIMIT 1)
		RETURNING `+accountColumns, a.Label, HashToken(token)))
	if err == nil {
		return out, nil
	}
	if err = notFound(err); err != ErrNotFound {
		return Account{}, err
	}
	return CreateAccount(ctx, q, a, token)
}

package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// MaxProofsPerClaim caps the proof files of one claim.
const MaxProofsPerClaim = 20

// ErrClaimClosed is returned when a proof is added to a claim that has
// reached a final outcome.
var ErrClaimClosed = errors.New("the claim is closed")

// ErrTooManyProofs is returned when a claim holds MaxProofsPerClaim files.
var ErrTooManyProofs = errors.New("too many proof files")

// Proof describes one proof file of a claim. The content itself lives in
// PostgreSQL (table claim_proofs) and is read only by ProofContent.
type Proof struct {
	ID      int64 `json:"id"`
	ClaimID int64 `json:"claim_id"`
	// Filename is the name the applicant gave, for display only.
	Filename string `json:"filename"`
	// ContentType is detected from the content: application/pdf,
	// image/jpeg or image/png.
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
	// SHA256 is the hex SHA-256 of the content.
	SHA256     string    `json:"sha256"`
	UploadedBy *int64    `json:"uploaded_by,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

const proofColumns = `id, claim_id, filename, content_type, size, sha256, account_id, created_at`

// scanProof scans proofColumns and then extra.
func scanProof(row rowScanner, extra ...any) (Proof, error) {
	var p Proof
	var sum []byte
	err := row.Scan(append([]any{&p.ID, &p.ClaimID, &p.Filename, &p.ContentType, &p.Size, &sum, &p.UploadedBy,
		&p.CreatedAt}, extra...)...)
	p.SHA256 = hex.EncodeToString(sum)
	p.CreatedAt = p.CreatedAt.In(calendar.Shanghai)
	return p, err
}

// AddProof stores content as a proof of an open claim and audits the upload
// by actor in the same transaction; contentType must be detected from
// content by the caller. The same content added again returns the stored
// proof and false. A closed claim is ErrClaimClosed, a full one
// ErrTooManyProofs, an unknown one ErrNotFound.
func (s *Store) AddProof(ctx context.Context, claimID int64, filename, contentType string, content []byte, actor Actor) (Proof, bool, error) {
	sum := sha256.Sum256(content)
	var out Proof
	created := false
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		var stage string
		var count int
		// Locking the claim row serialises uploads to one claim, so the
		// count check holds.
		if err := tx.QueryRow(ctx, `SELECT stage, (SELECT count(*) FROM claim_proofs WHERE claim_id = $1)
			FROM claims WHERE id = $1 FOR UPDATE`, claimID).Scan(&stage, &count); err != nil {
			return notFound(err)
		}
		existing, err := scanProof(tx.QueryRow(ctx, `SELECT `+proofColumns+` FROM claim_proofs
			WHERE claim_id = $1 AND sha256 = $2`, claimID, sum[:]))
		switch {
		case err == nil:
			out = existing
			return nil
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		case !(Claim{Stage: stage}).Open():
			return ErrClaimClosed
		case count >= MaxProofsPerClaim:
			return ErrTooManyProofs
		}
		if out, err = scanProof(tx.QueryRow(ctx, `INSERT INTO claim_proofs (claim_id, filename, content_type, size,
				sha256, content, account_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING `+proofColumns,
			claimID, filename, contentType, len(content), sum[:], content, actor.accountRef())); err != nil {
			return err
		}
		created = true
		return Audit(ctx, tx, actor.audit("claim.proof.upload", "claim", claimID, map[string]any{
			"proof_id": out.ID, "filename": filename, "content_type": contentType, "size": len(content),
			"sha256": out.SHA256}))
	})
	return out, created, err
}

// Proofs lists the proof files of a claim, oldest first.
func (s *Store) Proofs(ctx context.Context, claimID int64) ([]Proof, error) {
	return collect(ctx, s.Pool, func(r rowScanner) (Proof, error) { return scanProof(r) }, `SELECT `+proofColumns+` FROM claim_proofs WHERE claim_id = $1 ORDER BY id`, claimID)
}

// ProofContent returns one proof file of a claim with its content, or
// ErrNotFound.
func (s *Store) ProofContent(ctx context.Context, claimID, proofID int64) (Proof, []byte, error) {
	var content []byte
	p, err := scanProof(s.Pool.QueryRow(ctx, `SELECT `+proofColumns+`, content FROM claim_proofs
		WHERE claim_id = $1 AND id = $2`, claimID, proofID), &content)
	if err != nil {
		return Proof{}, nil, notFound(err)
	}
	return p, content, nil
}

package store

import "context"

// Notification is a message for a finance department or institution, queued
// in the outbox for delivery.
type Notification struct {
	// Kind is e.g. "review_reminder", "review_escalated", "records_overdue".
	Kind string `json:"kind"`
	// Region is the department the message is for.
	Region      string `json:"region"`
	SubjectKind string `json:"subject_kind"`
	SubjectID   string `json:"subject_id"`
	// Message is for people; it names no person.
	Message string `json:"message"`
	// DedupKey makes the write idempotent: a second notification with the
	// same key is dropped.
	DedupKey string `json:"dedup_key"`
}

// Notify queues n once per dedup key and reports whether it was new.
func (s *Store) Notify(ctx context.Context, n Notification) (bool, error) {
	tag, err := s.Pool.Exec(ctx, `INSERT INTO outbox (kind, region, subject_kind, subject_id, message, dedup_key)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedup_key) DO NOTHING`,
		n.Kind, n.Region, n.SubjectKind, n.SubjectID, n.Message, n.DedupKey)
	return err == nil && tag.RowsAffected() == 1, err
}

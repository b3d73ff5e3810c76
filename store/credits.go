package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// CreditEntry is one ledger entry as the person sees it.
type CreditEntry struct {
	ID int64 `json:"id"`
	// Source is "online", "filing" or "claim".
	Source   string  `json:"source"`
	Category string  `json:"category"`
	Credits  float64 `json:"credits"`
	// Date is the day the credits were earned; From the first day of a
	// multi-day entry.
	Date *calendar.Date `json:"date"`
	From *calendar.Date `json:"from,omitempty"`
	// Hours is the learning time, when the entry is learning time.
	Hours *float64 `json:"hours,omitempty"`
	// Institution is the name of the institution, when there is one.
	Institution string `json:"institution,omitempty"`
	Description string `json:"description"`
	// Reference is the entry's source reference, e.g. "online:3:R-1".
	Reference string    `json:"reference"`
	PostedAt  time.Time `json:"posted_at"`
}

// PendingCredit is an item under review that would credit the person in
// the year once approved.
type PendingCredit struct {
	// Source is "filing" (attendance records under review) or "claim".
	Source    string `json:"source"`
	SubjectID int64  `json:"subject_id"`
	// Stage is the item's current stage, e.g. "records_review".
	Stage       string         `json:"stage"`
	Category    string         `json:"category"`
	Credits     float64        `json:"credits"`
	Date        *calendar.Date `json:"date"`
	Institution string         `json:"institution,omitempty"`
	Description string         `json:"description"`
}

// PersonYear is a person's credits of one year: the ledger entries, the
// items still under review and the integrity flags.
type PersonYear struct {
	Entries []CreditEntry   `json:"entries"`
	Pending []PendingCredit `json:"pending"`
	Flags   []IntegrityFlag `json:"integrity_flags"`
}

// pendingQueries select, for person $1 and year $2, the items under review
// that would credit the person: source, subject id, stage, category,
// credits, date (text), institution and description. Each source of
// reviewed credits appends its query (the claims: claims_pending.go).
var pendingQueries = []string{
	// Attendance records of a face-to-face training, in review or returned
	// to the institution for correction.
	`SELECT 'filing', f.id, f.stage, r.category, r.credits::float8,
		((f.end_at AT TIME ZONE 'Asia/Shanghai')::date)::text, i.name, '面授培训 · ' || f.title
	FROM filings f
	JOIN record_rows r ON r.batch_id = f.records_batch_id
	JOIN institutions i ON i.id = f.institution_id
	WHERE r.person_id = $1 AND f.year = $2 AND f.stage IN ('records_review', 'records_returned')`,
}

// CreditYear returns a person's credits of one year.
func (s *Store) CreditYear(ctx context.Context, personID int64, year int) (PersonYear, error) {
	var out PersonYear
	var err error
	if out.Entries, err = creditEntries(ctx, s.Pool, personID, year); err != nil {
		return out, fmt.Errorf("credit entries: %w", err)
	}
	if out.Pending, err = pendingCredits(ctx, s.Pool, personID, year); err != nil {
		return out, fmt.Errorf("pending credits: %w", err)
	}
	if out.Flags, err = IntegrityFlags(ctx, s.Pool, personID, year); err != nil {
		return out, fmt.Errorf("integrity flags: %w", err)
	}
	return out, nil
}

// creditEntries returns the ledger entries of a person's year by date.
func creditEntries(ctx context.Context, q Querier, personID int64, year int) ([]CreditEntry, error) {
	rows, err := q.Query(ctx, `SELECT l.id, l.source_kind, l.category, l.credits::float8, l.earned_on::text,
			l.earned_from::text, l.hours::float8, coalesce(i.name, ''), l.description, l.source_ref, l.created_at
		FROM credit_ledger l LEFT JOIN institutions i ON i.id = l.institution_id
		WHERE l.person_id = $1 AND l.year = $2
		ORDER BY l.earned_on NULLS LAST, l.id`, personID, year)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (CreditEntry, error) {
		var e CreditEntry
		var date, from *string
		if err := row.Scan(&e.ID, &e.Source, &e.Category, &e.Credits, &date, &from, &e.Hours, &e.Institution,
			&e.Description, &e.Reference, &e.PostedAt); err != nil {
			return e, err
		}
		e.PostedAt = e.PostedAt.In(calendar.Shanghai)
		var err error
		if e.Date, err = optionalDate(date); err != nil {
			return e, err
		}
		e.From, err = optionalDate(from)
		return e, err
	})
	if out == nil {
		out = []CreditEntry{}
	}
	return out, err
}

// pendingCredits returns the items under review of a person's year.
func pendingCredits(ctx context.Context, q Querier, personID int64, year int) ([]PendingCredit, error) {
	out := []PendingCredit{}
	for _, sql := range pendingQueries {
		rows, err := q.Query(ctx, sql, personID, year)
		if err != nil {
			return nil, err
		}
		items, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (PendingCredit, error) {
			var p PendingCredit
			var date *string
			if err := row.Scan(&p.Source, &p.SubjectID, &p.Stage, &p.Category, &p.Credits, &date,
				&p.Institution, &p.Description); err != nil {
				return p, err
			}
			var err error
			p.Date, err = optionalDate(date)
			return p, err
		})
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
	}
	return out, nil
}

// optionalDate parses a nullable date column read as text.
func optionalDate(s *string) (*calendar.Date, error) {
	if s == nil {
		return nil, nil
	}
	d, err := calendar.ParseDate(*s)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

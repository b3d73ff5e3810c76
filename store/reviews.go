package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
)

// Actor is who made a change: the account behind an API request, as the
// API resolved it from the bearer token and passed it on to a workflow.
type Actor struct {
	// AccountID is 0 for the bootstrap admin and for the system itself.
	AccountID int64 `json:"account_id"`
	// Role is the account's role, or "system" for timers.
	Role string `json:"role"`
	// Region is the reviewer's or supervisor's region ("" otherwise).
	Region string `json:"region,omitempty"`
	// InstitutionID is the institution of an institution account.
	InstitutionID int64 `json:"institution_id,omitempty"`
}

// SystemActor is the actor of changes made by timers.
var SystemActor = Actor{Role: "system"}

// accountRef is the audit-log account id (nil when none).
func (a Actor) accountRef() *int64 {
	if a.AccountID == 0 {
		return nil
	}
	id := a.AccountID
	return &id
}

// audit builds the audit entry of an action by a on one subject.
func (a Actor) audit(action, kind string, id int64, details any) AuditEntry {
	return AuditEntry{AccountID: a.accountRef(), Role: a.Role, Action: action, SubjectKind: kind,
		SubjectID: strconv.FormatInt(id, 10), Details: details}
}

// FlagOverlap is the kind of the flag of a person in two trainings that
// overlap in time.
const FlagOverlap = "overlap"

// Flag is an integrity finding shown to the reviewer (DESIGN.md §2), e.g.
// a person attending two trainings that overlap in time. It names persons
// by id and masked ID-card number only.
type Flag struct {
	// Kind is FlagOverlap or FlagDailyHours.
	Kind     string `json:"kind"`
	PersonID int64  `json:"person_id"`
	// IDNumberMasked is the person's ID-card number with the middle masked.
	IDNumberMasked string `json:"id_number_masked"`
	// Filings are the two filings involved, this one first.
	Filings []int64 `json:"filings"`
	Message string  `json:"message"`
}

// ReviewItem is one row of the review inbox: an open or closed review of a
// filing step or a claim.
type ReviewItem struct {
	SubjectKind     string     `json:"subject_kind"`
	SubjectID       int64      `json:"subject_id"`
	Step            string     `json:"step"`
	Title           string     `json:"title"`
	Region          string     `json:"region"`
	AssignedRegion  string     `json:"assigned_region"`
	EscalationLevel int        `json:"escalation_level"`
	DueAt           *time.Time `json:"due_at"`
	Overdue         bool       `json:"overdue"`
	Open            bool       `json:"open"`
	Flags           []Flag     `json:"flags"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// UpsertReviewItem writes item. Nil item.Flags keep the stored flags;
// otherwise item.Flags are the findings of their kinds: they replace the
// stored flags of those kinds, the stored flags of other kinds (such as the
// daily-hours flags AddReviewFlags added) are kept, and no flag is stored
// twice.
func UpsertReviewItem(ctx context.Context, q Querier, item ReviewItem) error {
	return upsertReviewItem(ctx, q, item, flagKinds(item.Flags))
}

// flagKinds returns the kinds of flags, each once.
func flagKinds(flags []Flag) []string {
	var kinds []string
	for _, f := range flags {
		if !slices.Contains(kinds, f.Kind) {
			kinds = append(kinds, f.Kind)
		}
	}
	return kinds
}

// upsertReviewItem writes item; when item.Flags is not nil, the stored
// flags of the kinds replaced give way to item.Flags, the others are kept
// (once each).
func upsertReviewItem(ctx context.Context, q Querier, item ReviewItem, replaced []string) error {
	var flags any
	if item.Flags != nil {
		flags = uniqueFlags(item.Flags)
	}
	_, err := q.Exec(ctx, `INSERT INTO review_items (subject_kind, subject_id, step, title, region, assigned_region,
			escalation_level, due_at, overdue, open, flags)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11::jsonb, '[]'))
		ON CONFLICT (subject_kind, subject_id, step) DO UPDATE SET title = EXCLUDED.title, region = EXCLUDED.region,
			assigned_region = EXCLUDED.assigned_region, escalation_level = EXCLUDED.escalation_level,
			due_at = EXCLUDED.due_at, overdue = EXCLUDED.overdue, open = EXCLUDED.open,
			flags = CASE WHEN $11::jsonb IS NULL THEN review_items.flags ELSE (
				SELECT coalesce(jsonb_agg(f ORDER BY src, n), '[]') FROM (
					SELECT f, 0 AS src, n FROM jsonb_array_elements(review_items.flags) WITH ORDINALITY AS cur(f, n)
					WHERE NOT (f->>'kind' = ANY ($12::text[])) AND f NOT IN (SELECT jsonb_array_elements($11::jsonb))
					UNION ALL
					SELECT f, 1, n FROM jsonb_array_elements($11::jsonb) WITH ORDINALITY AS inc(f, n)
				) merged) END,
			updated_at = now()`,
		item.SubjectKind, item.SubjectID, item.Step, item.Title, item.Region, item.AssignedRegion,
		item.EscalationLevel, item.DueAt, item.Overdue, item.Open, flags, replaced)
	return err
}

// uniqueFlags returns flags without repeats, in their order (flags are
// equal when their JSON is).
func uniqueFlags(flags []Flag) []Flag {
	out := make([]Flag, 0, len(flags))
	seen := make(map[string]bool, len(flags))
	for _, f := range flags {
		b, _ := json.Marshal(f)
		if !seen[string(b)] {
			seen[string(b)] = true
			out = append(out, f)
		}
	}
	return out
}

// reviewFlags returns the flags of one review item ([] when there is none).
func (s *Store) reviewFlags(ctx context.Context, kind string, id int64, step string) ([]Flag, error) {
	flags := []Flag{}
	err := s.Pool.QueryRow(ctx, `SELECT flags FROM review_items WHERE subject_kind = $1 AND subject_id = $2 AND step = $3`,
		kind, id, step).Scan(&flags)
	if errors.Is(err, pgx.ErrNoRows) {
		return []Flag{}, nil
	}
	return flags, err
}

// RegionScope is the set of regions a region covers (codes.Region.Covers):
// a county only itself (Exact), a city itself and its counties, the
// province every region (Prefix).
type RegionScope struct {
	Exact  string
	Prefix string
}

// ScopeOf returns the regions r covers.
func ScopeOf(r codes.Region) RegionScope {
	switch r.Level {
	case codes.Province:
		return RegionScope{Prefix: r.Code[:2]}
	case codes.City:
		return RegionScope{Prefix: r.Code[:4]}
	}
	return RegionScope{Exact: r.Code}
}

// InboxFilter selects open review items of an inbox.
type InboxFilter struct {
	// Scope keeps items assigned to the regions it covers.
	Scope RegionScope
	// Overdue, when set, keeps overdue (true) or not overdue items.
	Overdue *bool
	// Page is 1-based; PageSize rows per page.
	Page, PageSize int
}

// Inbox returns one page of open review items assigned within the filter's
// scope, most urgent first, and the total count.
func (s *Store) Inbox(ctx context.Context, flt InboxFilter) ([]ReviewItem, int, error) {
	if flt.Page < 1 || flt.PageSize < 1 {
		return nil, 0, errors.New("store: page and page size must be positive")
	}
	where := `WHERE open AND ($1 = '' OR assigned_region = $1) AND ($2 = '' OR assigned_region LIKE $2 || '%')
		AND ($3::boolean IS NULL OR overdue = $3)`
	args := []any{flt.Scope.Exact, flt.Scope.Prefix, flt.Overdue}
	var total int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM review_items `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.Pool.Query(ctx, `SELECT subject_kind, subject_id, step, title, region, assigned_region,
			escalation_level, due_at, overdue, open, flags, updated_at
		FROM review_items `+where+` ORDER BY due_at NULLS LAST, subject_kind, subject_id, step LIMIT $4 OFFSET $5`,
		append(args, flt.PageSize, (flt.Page-1)*flt.PageSize)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []ReviewItem{}
	for rows.Next() {
		var it ReviewItem
		if err := rows.Scan(&it.SubjectKind, &it.SubjectID, &it.Step, &it.Title, &it.Region, &it.AssignedRegion,
			&it.EscalationLevel, &it.DueAt, &it.Overdue, &it.Open, &it.Flags, &it.UpdatedAt); err != nil {
			return nil, 0, err
		}
		if it.DueAt != nil {
			t := it.DueAt.In(calendar.Shanghai)
			it.DueAt = &t
		}
		it.UpdatedAt = it.UpdatedAt.In(calendar.Shanghai)
		out = append(out, it)
	}
	return out, total, rows.Err()
}

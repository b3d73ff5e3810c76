package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// Filing stages (DESIGN.md §7).
const (
	StageFilingReview    = "filing_review"
	StageFilingReturned  = "filing_returned"
	StageApproved        = "approved"
	StageAwaitingRecords = "awaiting_records"
	StageRecordsReview   = "records_review"
	StageRecordsReturned = "records_returned"
	StageCompleted       = "completed"
	StageRejected        = "rejected"
	StageWithdrawn       = "withdrawn"
	StageLapsed          = "lapsed"
)

// FilingStages lists every filing stage in lifecycle order.
var FilingStages = []string{StageFilingReview, StageFilingReturned, StageApproved, StageAwaitingRecords,
	StageRecordsReview, StageRecordsReturned, StageCompleted, StageRejected, StageWithdrawn, StageLapsed}

// Filing is a face-to-face training filed by an institution: the read model
// the filing workflow keeps current, and the body of GET /v1/filings/{id}.
type Filing struct {
	ID              int64  `json:"id"`
	InstitutionID   int64  `json:"institution_id"`
	InstitutionName string `json:"institution_name"`
	// Region is the institution's region; City its city (the region itself
	// for a city, 210000 for a provincial unit).
	Region   string    `json:"region"`
	City     string    `json:"city"`
	Title    string    `json:"title"`
	Category string    `json:"category"`
	Level    string    `json:"level"`
	Venue    string    `json:"venue"`
	StartAt  time.Time `json:"start_at"`
	EndAt    time.Time `json:"end_at"`
	Credits  float64   `json:"credits"`
	// Year is the year the training ends in (Asia/Shanghai): its credits
	// belong to that year.
	Year  int    `json:"year"`
	Stage string `json:"stage"`
	// ReviewStep is "filing" or "records" while a review is open.
	ReviewStep string `json:"review_step,omitempty"`
	// AssignedRegion is the finance department holding the open review or,
	// while records are overdue, the one they were escalated to.
	AssignedRegion  string     `json:"assigned_region,omitempty"`
	EscalationLevel int        `json:"escalation_level"`
	ReviewDueAt     *time.Time `json:"review_due_at,omitempty"`
	// RecordsDue is the last day to import the attendance records, set on
	// approval: the end date plus the policy's working days.
	RecordsDue            *calendar.Date `json:"records_due"`
	RecordsDueAt          *time.Time     `json:"records_due_at,omitempty"`
	RecordsDueProvisional bool           `json:"records_due_provisional,omitempty"`
	// CorrectionDueAt ends the window to re-upload returned records.
	CorrectionDueAt *time.Time `json:"correction_due_at,omitempty"`
	Overdue         bool       `json:"overdue"`
	// RecordsLate is set when the records deadline passed without an
	// import; the records review then needs a supervisor.
	RecordsLate        bool   `json:"records_late"`
	SupervisorRequired bool   `json:"supervisor_required"`
	FilingReturns      int    `json:"filing_returns"`
	RecordsReturns     int    `json:"records_returns"`
	RecordsBatchID     *int64 `json:"records_batch_id,omitempty"`
	SubmittedBy        *int64 `json:"submitted_by,omitempty"`
	WorkflowID         string `json:"workflow_id"`
	// Seq is the version of the workflow state this row reflects; it
	// grows with every change.
	Seq       int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// Decisions is the decision history, oldest first (filled by GetFiling).
	Decisions []FilingDecision `json:"decisions"`
	// Flags are the integrity flags of the open or last records review
	// (filled by GetFiling).
	Flags []Flag `json:"flags"`
}

// FilingWorkflowID is the Temporal workflow id of a filing.
func FilingWorkflowID(id int64) string { return fmt.Sprintf("filing-%d", id) }

const filingColumns = `f.id, f.institution_id, i.name, f.region, f.city, f.title, f.category, f.level, f.venue,
	f.start_at, f.end_at, f.credits::float8, f.year, f.stage, coalesce(f.review_step, ''), coalesce(f.assigned_region, ''),
	f.escalation_level, f.review_due_at, f.records_due::text, f.records_due_at, f.records_due_provisional,
	f.correction_due_at, f.overdue, f.records_late, f.supervisor_required, f.filing_returns, f.records_returns,
	f.records_batch_id, f.submitted_by, f.workflow_id, f.seq, f.created_at, f.updated_at`

func scanFiling(row pgx.Row) (Filing, error) {
	var f Filing
	var recordsDue *string
	err := row.Scan(&f.ID, &f.InstitutionID, &f.InstitutionName, &f.Region, &f.City, &f.Title, &f.Category,
		&f.Level, &f.Venue, &f.StartAt, &f.EndAt, &f.Credits, &f.Year, &f.Stage, &f.ReviewStep, &f.AssignedRegion,
		&f.EscalationLevel, &f.ReviewDueAt, &recordsDue, &f.RecordsDueAt, &f.RecordsDueProvisional,
		&f.CorrectionDueAt, &f.Overdue, &f.RecordsLate, &f.SupervisorRequired, &f.FilingReturns, &f.RecordsReturns,
		&f.RecordsBatchID, &f.SubmittedBy, &f.WorkflowID, &f.Seq, &f.CreatedAt, &f.UpdatedAt)
	if err != nil {
		return f, err
	}
	if recordsDue != nil {
		d, err := calendar.ParseDate(*recordsDue)
		if err != nil {
			return f, err
		}
		f.RecordsDue = &d
	}
	f.localise()
	return f, nil
}

// localise shows every instant in Asia/Shanghai.
func (f *Filing) localise() {
	for _, t := range []*time.Time{&f.StartAt, &f.EndAt, &f.CreatedAt, &f.UpdatedAt} {
		*t = t.In(calendar.Shanghai)
	}
	for _, t := range []*time.Time{f.ReviewDueAt, f.RecordsDueAt, f.CorrectionDueAt} {
		if t != nil {
			*t = t.In(calendar.Shanghai)
		}
	}
}

// CreateFiling inserts a submitted filing at seq 0 unless it exists, and
// audits the submission by actor in the same transaction. Both the API and
// the filing workflow's first activity call it, so the filing exists once
// whichever runs first. It reports whether this call inserted the row.
func (s *Store) CreateFiling(ctx context.Context, f Filing, actor Actor) (bool, error) {
	inserted := false
	err := s.InTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO filings (id, institution_id, region, city, title, category, level,
			venue, start_at, end_at, credits, year, stage, review_step, assigned_region, submitted_by, workflow_id, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0)
			ON CONFLICT (id) DO NOTHING`,
			f.ID, f.InstitutionID, f.Region, f.City, f.Title, f.Category, f.Level, f.Venue, f.StartAt, f.EndAt,
			f.Credits, f.Year, StageFilingReview, "filing", f.Region, actor.AccountID, FilingWorkflowID(f.ID))
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		inserted = true
		return Audit(ctx, tx, actor.audit("filing.submit", "filing", f.ID, map[string]any{
			"title": f.Title, "start_at": f.StartAt, "end_at": f.EndAt, "credits": f.Credits,
			"category": f.Category, "level": f.Level, "venue": f.Venue}))
	})
	return inserted, err
}

// GetFiling returns a filing with its decision history and flags.
func (s *Store) GetFiling(ctx context.Context, id int64) (Filing, error) {
	f, err := scanFiling(s.Pool.QueryRow(ctx, `SELECT `+filingColumns+`
		FROM filings f JOIN institutions i ON i.id = f.institution_id WHERE f.id = $1`, id))
	if err != nil {
		return f, notFound(err)
	}
	if f.Decisions, err = s.FilingDecisions(ctx, id); err != nil {
		return f, err
	}
	f.Flags, err = s.reviewFlags(ctx, "filing", id, "records")
	return f, err
}

// FilingFilter selects filings for a list.
type FilingFilter struct {
	// InstitutionID, when not 0, keeps one institution's filings.
	InstitutionID int64
	// Scope, when set, keeps filings of the regions it covers.
	Scope *RegionScope
	// Stage, when not "", keeps one stage.
	Stage string
	// Overdue, when set, keeps overdue (true) or not overdue filings.
	Overdue *bool
	// Page is 1-based; PageSize rows per page.
	Page, PageSize int
}

// ListFilings returns one page of filings, newest first, and the total count.
func (s *Store) ListFilings(ctx context.Context, flt FilingFilter) ([]Filing, int, error) {
	if flt.Page < 1 || flt.PageSize < 1 {
		return nil, 0, errors.New("store: page and page size must be positive")
	}
	exact, prefix := "", ""
	if flt.Scope != nil {
		exact, prefix = flt.Scope.Exact, flt.Scope.Prefix
	}
	where := `WHERE ($1 = 0 OR f.institution_id = $1) AND ($2 = '' OR f.region = $2)
		AND ($3 = '' OR f.region LIKE $3 || '%') AND ($4 = '' OR f.stage = $4) AND ($5::boolean IS NULL OR f.overdue = $5)`
	args := []any{flt.InstitutionID, exact, prefix, flt.Stage, flt.Overdue}
	var total int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM filings f `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.Pool.Query(ctx, `SELECT `+filingColumns+` FROM filings f JOIN institutions i ON i.id = f.institution_id `+
		where+` ORDER BY f.id DESC LIMIT $6 OFFSET $7`, append(args, flt.PageSize, (flt.Page-1)*flt.PageSize)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []Filing{}
	for rows.Next() {
		f, err := scanFiling(rows)
		if err != nil {
			return nil, 0, err
		}
		f.Decisions, f.Flags = []FilingDecision{}, []Flag{}
		out = append(out, f)
	}
	return out, total, rows.Err()
}

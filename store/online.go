package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// OnlineCredit is one checked completion of an online course, ready to be
// posted to the credit ledger.
type OnlineCredit struct {
	// RecordID is the institution's own id of the completion.
	RecordID string
	PersonID int64
	// Year is the year the credits count for.
	Year     int
	Category string
	// Credits are also the learning hours, on CompletedOn.
	Credits     float64
	CompletedOn calendar.Date
	CourseID    string
	Level       string
}

// OnlinePosting is the outcome of posting a batch of online credits.
type OnlinePosting struct {
	// Inserted counts the new ledger entries.
	Inserted int
	// Conflicts are the record ids the institution had posted before with
	// other content (person, year, category, credits or date); the ledger
	// keeps the first posting.
	Conflicts []string
	// Flags are the daily-hours flags this batch raised or changed.
	Flags []IntegrityFlag
}

// OnlineCreditRef is the ledger source_ref of an online completion: unique
// per institution and record id, so a resent record is posted once.
func OnlineCreditRef(institutionID int64, recordID string) string {
	return "online:" + strconv.FormatInt(institutionID, 10) + ":" + recordID
}

// onlineStageColumns are the columns of the staging table, in COPY order.
var onlineStageColumns = []string{"record_id", "source_ref", "person_id", "year", "category", "credits",
	"earned_on", "description"}

// PostOnlineCredits posts the credits of one batch of institutionID to the
// ledger inside tx: the rows are copied into a temporary table and inserted
// with one INSERT … ON CONFLICT DO NOTHING, so a record already posted is
// left as it is. A record posted before with other content is reported in
// Conflicts. The days the new entries fall on are then checked for more
// learning hours than a day has. Call it at most once per transaction.
func PostOnlineCredits(ctx context.Context, tx pgx.Tx, institutionID int64, rows []OnlineCredit) (OnlinePosting, error) {
	var out OnlinePosting
	if len(rows) == 0 {
		return out, nil
	}
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE online_feed_stage (
			record_id text NOT NULL, source_ref text NOT NULL, person_id bigint NOT NULL, year int NOT NULL,
			category text NOT NULL, credits numeric(7, 2) NOT NULL, earned_on date NOT NULL, description text NOT NULL
		) ON COMMIT DROP`); err != nil {
		return out, fmt.Errorf("create staging table: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"online_feed_stage"}, onlineStageColumns,
		pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			r := rows[i]
			return []any{r.RecordID, OnlineCreditRef(institutionID, r.RecordID), r.PersonID, r.Year, r.Category,
				r.Credits, r.CompletedOn.String(), onlineDescription(r)}, nil
		})); err != nil {
		return out, fmt.Errorf("copy online credits: %w", err)
	}
	tag, err := tx.Exec(ctx, `INSERT INTO credit_ledger (person_id, year, category, credits, source_kind, source_ref,
			institution_id, earned_on, hours, description)
		SELECT person_id, year, category, credits, 'online', source_ref, $1, earned_on, credits, description
		FROM online_feed_stage
		ON CONFLICT (source_kind, source_ref) DO NOTHING`, institutionID)
	if err != nil {
		return out, fmt.Errorf("post online credits: %w", err)
	}
	out.Inserted = int(tag.RowsAffected())
	if out.Conflicts, err = onlineConflicts(ctx, tx); err != nil {
		return out, err
	}
	if out.Inserted > 0 {
		// Days of rows posted before are checked again too: harmless, as
		// the check is idempotent.
		out.Flags, err = CheckDailyHours(ctx, tx, onlineSpans(rows))
	}
	return out, err
}

// onlineDescription names the course of an online entry for the person's view.
func onlineDescription(r OnlineCredit) string {
	return fmt.Sprintf("网络课程 %s（%s）", r.CourseID, levelNames[r.Level])
}

// levelNames are the Chinese names of the course levels.
var levelNames = map[string]string{"junior": "初级", "intermediate": "中级", "senior": "高级"}

// onlineConflicts returns the staged record ids whose ledger entry differs
// from the staged row: resent with other content.
func onlineConflicts(ctx context.Context, tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT s.record_id FROM online_feed_stage s
		JOIN credit_ledger l ON l.source_kind = 'online' AND l.source_ref = s.source_ref
		WHERE (l.person_id, l.year, l.category, l.credits, l.earned_on)
			IS DISTINCT FROM (s.person_id, s.year, s.category, s.credits, s.earned_on)
		ORDER BY s.record_id`)
	if err != nil {
		return nil, fmt.Errorf("find conflicting records: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("find conflicting records: %w", err)
	}
	return ids, nil
}

// onlineSpans returns the person-days of rows, each once.
func onlineSpans(rows []OnlineCredit) []DaySpan {
	seen := make(map[DaySpan]bool, len(rows))
	out := make([]DaySpan, 0, len(rows))
	for _, r := range rows {
		s := DaySpan{PersonID: r.PersonID, From: r.CompletedOn, To: r.CompletedOn}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

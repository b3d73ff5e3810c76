package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
)

// recordsReviewFlags returns the integrity findings on the persons of
// batch when f's records review opens: attending another training that
// overlaps f in time, and days on which approving the batch would give a
// person more learning hours than the day has.
func recordsReviewFlags(ctx context.Context, q Querier, f Filing, batch int64) ([]Flag, error) {
	overlaps, err := overlapFlags(ctx, q, f, batch)
	if err != nil {
		return nil, err
	}
	daily, err := prospectiveRecordsHours(ctx, q, f, batch)
	if err != nil {
		return nil, err
	}
	return append(overlaps, daily...), nil
}

// prospectiveRecordsHours returns the daily-hours flags that approving
// batch would raise: each row's credits as learning hours over f's days.
func prospectiveRecordsHours(ctx context.Context, q Querier, f Filing, batch int64) ([]Flag, error) {
	perHour, err := creditsPerHour(ctx, q, f.Year)
	if err != nil {
		return nil, err
	}
	rows, err := q.Query(ctx, `SELECT person_id, credits::float8 FROM record_rows WHERE batch_id = $1 ORDER BY line`, batch)
	if err != nil {
		return nil, err
	}
	from, to := calendar.DateOf(f.StartAt), calendar.DateOf(f.EndAt)
	var entries []HoursEntry
	var person int64
	var credits float64
	if _, err := pgx.ForEachRow(rows, []any{&person, &credits}, func() error {
		entries = append(entries, HoursEntry{PersonID: person, From: from, To: to, Hours: credits / perHour, Year: f.Year})
		return nil
	}); err != nil {
		return nil, err
	}
	flags, err := ProspectiveDailyHours(ctx, q, entries)
	if err != nil {
		return nil, err
	}
	return DailyHoursReviewFlags(ctx, q, flags)
}

// overlapFlags flags every person of batch who attends another training
// whose records are in review or approved and whose time overlaps f's.
func overlapFlags(ctx context.Context, q Querier, f Filing, batch int64) ([]Flag, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT r.person_id, p.id_number, o.id, o.title, o.start_at, o.end_at
		FROM record_rows r
		JOIN persons p ON p.id = r.person_id
		JOIN record_rows r2 ON r2.person_id = r.person_id AND r2.batch_id <> r.batch_id
		JOIN record_batches b2 ON b2.id = r2.batch_id AND b2.status IN ('in_review', 'approved')
		JOIN filings o ON o.id = b2.filing_id
		WHERE r.batch_id = $1 AND o.id <> $2 AND o.start_at < $4 AND o.end_at > $3
		ORDER BY r.person_id, o.id`, batch, f.ID, f.StartAt, f.EndAt)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	flags := []Flag{}
	for rows.Next() {
		var person, other int64
		var idNumber, title string
		var start, end time.Time
		if err := rows.Scan(&person, &idNumber, &other, &title, &start, &end); err != nil {
			return nil, err
		}
		masked := codes.MaskIDCard(idNumber)
		flags = append(flags, Flag{Kind: FlagOverlap, PersonID: person, IDNumberMasked: masked,
			Filings: []int64{f.ID, other},
			Message: fmt.Sprintf("person %d (%s) attends filing %d and filing %d 「%s」 (%s – %s), which overlap in time",
				person, masked, f.ID, other, title, start.In(calendar.Shanghai).Format(time.DateTime),
				end.In(calendar.Shanghai).Format(time.DateTime))})
	}
	return flags, rows.Err()
}

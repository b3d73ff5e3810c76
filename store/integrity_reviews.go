package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/codes"
)

// DailyHoursReviewFlags turns daily-hours flags into review flags for the
// inbox, naming each person by id and masked ID-card number only.
func DailyHoursReviewFlags(ctx context.Context, q Querier, flags []IntegrityFlag) ([]Flag, error) {
	if len(flags) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(flags))
	for i, f := range flags {
		ids[i] = f.PersonID
	}
	masked, err := maskedIDNumbers(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Flag, len(flags))
	for i, f := range flags {
		out[i] = Flag{Kind: FlagDailyHours, PersonID: f.PersonID, IDNumberMasked: masked[f.PersonID],
			Message: fmt.Sprintf("person %d (%s) has more than %d learning hours on %s across all sources",
				f.PersonID, masked[f.PersonID], HoursPerDay, f.Day)}
	}
	return out, nil
}

// maskedIDNumbers maps person ids to their masked ID-card numbers.
func maskedIDNumbers(ctx context.Context, q Querier, ids []int64) (map[int64]string, error) {
	rows, err := q.Query(ctx, `SELECT id, id_number FROM persons WHERE id = ANY ($1)`, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ids))
	var id int64
	var number string
	_, err = pgx.ForEachRow(rows, []any{&id, &number}, func() error {
		out[id] = codes.MaskIDCard(number)
		return nil
	})
	return out, err
}

// AddReviewFlags appends to a review item the flags it does not hold yet;
// the flags already there are kept. Any source of integrity findings may
// call it.
func AddReviewFlags(ctx context.Context, q Querier, subjectKind string, subjectID int64, step string, flags []Flag) error {
	if len(flags) == 0 {
		return nil
	}
	_, err := q.Exec(ctx, `UPDATE review_items SET flags = flags || coalesce((
			SELECT jsonb_agg(f ORDER BY n) FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(f, n)
			WHERE f NOT IN (SELECT jsonb_array_elements(review_items.flags))), '[]'), updated_at = now()
		WHERE subject_kind = $1 AND subject_id = $2 AND step = $3`, subjectKind, subjectID, step, uniqueFlags(flags))
	return err
}

// flagOpenReviews adds daily-hours flags to the open reviews that would
// credit the flagged person on the flagged day: records reviews of filings
// whose training covers the day and whose batch lists the person, and
// reviews of the person's face-to-face claims whose dates cover the day.
func flagOpenReviews(ctx context.Context, q Querier, flags []IntegrityFlag) error {
	if len(flags) == 0 {
		return nil
	}
	reviewFlags, err := DailyHoursReviewFlags(ctx, q, flags)
	if err != nil {
		return err
	}
	persons, days := make([]int64, len(flags)), make([]string, len(flags))
	for i, f := range flags {
		persons[i], days[i] = f.PersonID, f.Day.String()
	}
	rows, err := q.Query(ctx, `WITH fl AS (
			SELECT * FROM unnest($1::bigint[], $2::date[]) WITH ORDINALITY AS fl(person_id, day, i)
		)
		SELECT ri.subject_kind, ri.subject_id, ri.step, fl.i
		FROM fl
		JOIN record_rows r ON r.person_id = fl.person_id
		JOIN filings f ON f.records_batch_id = r.batch_id
			AND fl.day BETWEEN (f.start_at AT TIME ZONE 'Asia/Shanghai')::date AND (f.end_at AT TIME ZONE 'Asia/Shanghai')::date
		JOIN review_items ri ON ri.subject_kind = 'filing' AND ri.subject_id = f.id AND ri.step = 'records' AND ri.open
		UNION ALL
		SELECT ri.subject_kind, ri.subject_id, ri.step, fl.i
		FROM fl
		JOIN claims c ON c.person_id = fl.person_id AND c.kind = 'face_to_face' AND c.stage = 'review'
			AND fl.day BETWEEN (c.details->>'start_date')::date AND (c.details->>'end_date')::date
		JOIN review_items ri ON ri.subject_kind = 'claim' AND ri.subject_id = c.id AND ri.open
		ORDER BY 1, 2, 4`, persons, days)
	if err != nil {
		return fmt.Errorf("find open reviews to flag: %w", err)
	}
	type item struct {
		kind, step string
		id         int64
	}
	byItem := map[item][]Flag{}
	var order []item
	var it item
	var i int64
	if _, err := pgx.ForEachRow(rows, []any{&it.kind, &it.id, &it.step, &i}, func() error {
		if _, ok := byItem[it]; !ok {
			order = append(order, it)
		}
		byItem[it] = append(byItem[it], reviewFlags[i-1])
		return nil
	}); err != nil {
		return fmt.Errorf("find open reviews to flag: %w", err)
	}
	for _, it := range order {
		if err := AddReviewFlags(ctx, q, it.kind, it.id, it.step, byItem[it]); err != nil {
			return fmt.Errorf("flag review %s %d: %w", it.kind, it.id, err)
		}
	}
	return nil
}

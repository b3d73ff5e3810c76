package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
)

// HoursPerDay is the learning time a day has: more learning hours of one
// person on one day, across every source, is an integrity flag (不得作弊、代学).
const HoursPerDay = 24

// FlagDailyHours is the kind of a daily-hours integrity flag.
const FlagDailyHours = "daily_hours"

// DaySpan is the days From…To (inclusive) of one person.
type DaySpan struct {
	PersonID int64
	From, To calendar.Date
}

// HoursEntry is learning time that is not in the ledger (yet), such as the
// rows of a records batch under review: Hours spread evenly over From…To.
type HoursEntry struct {
	PersonID int64
	From, To calendar.Date
	Hours    float64
	// Year is the year the credits would count for.
	Year int
}

// IntegrityFlag is a day on which a person's learning hours exceed
// HoursPerDay.
type IntegrityFlag struct {
	PersonID int64         `json:"person_id"`
	Kind     string        `json:"kind"`
	Day      calendar.Date `json:"day"`
	Hours    float64       `json:"hours"`
	// Years are the credit years of the entries that fall on the day.
	Years []int32 `json:"years"`
	// EntryIDs are the ledger entries that fall on the day (an entry not
	// in the ledger has none).
	EntryIDs []int64 `json:"entry_ids"`
}

// dailyHoursCTE selects, as per_day, every day of the spans ($1 person ids,
// $2 first days, $3 last days) on which the ledger's learning hours plus
// the extra entries ($5 persons, $6 first days, $7 last days, $8 hours,
// $9 years) exceed $4. A ledger entry's hours are spread over
// earned_from…earned_on; a filing entry without them takes its credits as
// hours and the training's days as its period. Entries without hours (an
// exam pass, a paper) are not learning time.
const dailyHoursCTE = `WITH span AS (
	SELECT DISTINCT s.person_id, d::date AS day
	FROM unnest($1::bigint[], $2::date[], $3::date[]) AS s(person_id, d0, d1),
		generate_series(s.d0::timestamp, s.d1::timestamp, interval '1 day') AS d
), entry AS (
	SELECT l.id, l.person_id, l.year, l.earned_on AS d1,
		coalesce(l.earned_from, (f.start_at AT TIME ZONE 'Asia/Shanghai')::date, l.earned_on) AS d0,
		coalesce(l.hours, CASE WHEN l.source_kind = 'filing' THEN l.credits END) AS hours
	FROM credit_ledger l
	LEFT JOIN filings f ON l.source_kind = 'filing' AND l.earned_from IS NULL
		AND f.id = CASE WHEN l.source_ref ~ '^filing:[0-9]+:' THEN split_part(l.source_ref, ':', 2)::bigint END
	WHERE l.person_id IN (SELECT person_id FROM span) AND l.earned_on IS NOT NULL
	UNION ALL
	SELECT NULL, x.person_id, x.year, x.d1, x.d0, x.hours
	FROM unnest($5::bigint[], $6::date[], $7::date[], $8::numeric[], $9::int[]) AS x(person_id, d0, d1, hours, year)
), per_day AS (
	SELECT s.person_id, s.day, round(sum(e.hours / (e.d1 - e.d0 + 1)), 2) AS hours,
		array_agg(DISTINCT e.year) AS years,
		coalesce(array_agg(e.id ORDER BY e.id) FILTER (WHERE e.id IS NOT NULL), '{}') AS ids
	FROM span s JOIN entry e ON e.person_id = s.person_id AND s.day BETWEEN e.d0 AND e.d1
	WHERE e.hours IS NOT NULL
	GROUP BY s.person_id, s.day
	HAVING sum(e.hours / (e.d1 - e.d0 + 1)) > $4
)
`

// dailyHoursArgs builds the arguments of dailyHoursCTE.
func dailyHoursArgs(spans []DaySpan, extra []HoursEntry) []any {
	persons, from, to := make([]int64, len(spans)), make([]string, len(spans)), make([]string, len(spans))
	for i, s := range spans {
		persons[i], from[i], to[i] = s.PersonID, s.From.String(), s.To.String()
	}
	xPersons, xFrom, xTo := make([]int64, len(extra)), make([]string, len(extra)), make([]string, len(extra))
	xHours, xYears := make([]float64, len(extra)), make([]int32, len(extra))
	for i, e := range extra {
		xPersons[i], xFrom[i], xTo[i], xHours[i], xYears[i] = e.PersonID, e.From.String(), e.To.String(), e.Hours, int32(e.Year)
	}
	return []any{persons, from, to, HoursPerDay, xPersons, xFrom, xTo, xHours, xYears}
}

// scanIntegrityFlags reads rows of person_id, day, hours, years, entry_ids.
func scanIntegrityFlags(rows pgx.Rows) ([]IntegrityFlag, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (IntegrityFlag, error) {
		f := IntegrityFlag{Kind: FlagDailyHours}
		var day string
		if err := row.Scan(&f.PersonID, &day, &f.Hours, &f.Years, &f.EntryIDs); err != nil {
			return f, err
		}
		var err error
		f.Day, err = calendar.ParseDate(day)
		return f, err
	})
}

// CheckDailyHours checks the days of spans against the ledger, records a
// flag on each day with more learning hours than HoursPerDay, adds it to
// the open reviews that would credit the person, and returns the flags it
// raised or changed. Call it in the transaction that posts the credits; a
// repeated call changes nothing.
func CheckDailyHours(ctx context.Context, q Querier, spans []DaySpan) ([]IntegrityFlag, error) {
	if len(spans) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, dailyHoursCTE+`
		INSERT INTO integrity_flags AS g (person_id, day, kind, hours, years, entry_ids)
		SELECT person_id, day, 'daily_hours', hours, years, ids FROM per_day
		ON CONFLICT (person_id, day, kind) DO UPDATE SET hours = EXCLUDED.hours, years = EXCLUDED.years,
			entry_ids = EXCLUDED.entry_ids, updated_at = now()
			WHERE g.entry_ids IS DISTINCT FROM EXCLUDED.entry_ids
		RETURNING person_id, day::text, hours::float8, years, entry_ids`, dailyHoursArgs(spans, nil)...)
	if err != nil {
		return nil, fmt.Errorf("check daily hours: %w", err)
	}
	flags, err := scanIntegrityFlags(rows)
	if err != nil {
		return nil, fmt.Errorf("check daily hours: %w", err)
	}
	if err := flagOpenReviews(ctx, q, flags); err != nil {
		return nil, err
	}
	return flags, nil
}

// ProspectiveDailyHours returns the days on which the ledger's learning
// hours plus extra would exceed HoursPerDay, without recording anything:
// what a reviewer should see before approving extra. Use
// DailyHoursReviewFlags to turn them into review flags.
func ProspectiveDailyHours(ctx context.Context, q Querier, extra []HoursEntry) ([]IntegrityFlag, error) {
	if len(extra) == 0 {
		return nil, nil
	}
	spans := make([]DaySpan, len(extra))
	for i, e := range extra {
		spans[i] = DaySpan{PersonID: e.PersonID, From: e.From, To: e.To}
	}
	rows, err := q.Query(ctx, dailyHoursCTE+`
		SELECT person_id, day::text, hours::float8, years, ids FROM per_day ORDER BY person_id, day`,
		dailyHoursArgs(spans, extra)...)
	if err != nil {
		return nil, fmt.Errorf("prospective daily hours: %w", err)
	}
	return scanIntegrityFlags(rows)
}

// IntegrityFlags returns the flags of a person's year, by day.
func IntegrityFlags(ctx context.Context, q Querier, personID int64, year int) ([]IntegrityFlag, error) {
	rows, err := q.Query(ctx, `SELECT person_id, day::text, hours::float8, years, entry_ids FROM integrity_flags
		WHERE person_id = $1 AND $2 = ANY (years) ORDER BY day`, personID, year)
	if err != nil {
		return nil, err
	}
	flags, err := scanIntegrityFlags(rows)
	if flags == nil {
		flags = []IntegrityFlag{}
	}
	return flags, err
}

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
			SELECT jsonb_agg(f) FROM jsonb_array_elements($4::jsonb) f
			WHERE NOT review_items.flags @> jsonb_build_array(f)), '[]'), updated_at = now()
		WHERE subject_kind = $1 AND subject_id = $2 AND step = $3`, subjectKind, subjectID, step, flags)
	return err
}

// flagOpenReviews adds daily-hours flags to the open reviews that would
// credit the flagged person on the flagged day: records reviews of filings
// whose training covers the day and whose batch lists the person. Open
// claim reviews are not flagged yet: the claims workflow should call
// ProspectiveDailyHours when it opens a review.
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
	rows, err := q.Query(ctx, `SELECT ri.subject_kind, ri.subject_id, ri.step, fl.i
		FROM unnest($1::bigint[], $2::date[]) WITH ORDINALITY AS fl(person_id, day, i)
		JOIN record_rows r ON r.person_id = fl.person_id
		JOIN filings f ON f.records_batch_id = r.batch_id
			AND fl.day BETWEEN (f.start_at AT TIME ZONE 'Asia/Shanghai')::date AND (f.end_at AT TIME ZONE 'Asia/Shanghai')::date
		JOIN review_items ri ON ri.subject_kind = 'filing' AND ri.subject_id = f.id AND ri.step = 'records' AND ri.open
		ORDER BY ri.subject_id, fl.i`, persons, days)
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

package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
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
// earned_from…earned_on (earned_on alone when earned_from is NULL);
// entries without hours (an exam pass, a paper) are not learning time.
const dailyHoursCTE = `WITH span AS (
	SELECT DISTINCT s.person_id, d::date AS day
	FROM unnest($1::bigint[], $2::date[], $3::date[]) AS s(person_id, d0, d1),
		generate_series(s.d0::timestamp, s.d1::timestamp, interval '1 day') AS d
), entry AS (
	SELECT l.id, l.person_id, l.year, coalesce(l.earned_from, l.earned_on) AS d0, l.earned_on AS d1, l.hours
	FROM credit_ledger l
	WHERE l.person_id IN (SELECT person_id FROM span) AND l.earned_on IS NOT NULL AND l.hours IS NOT NULL
	UNION ALL
	SELECT NULL, x.person_id, x.year, x.d0, x.d1, x.hours
	FROM unnest($5::bigint[], $6::date[], $7::date[], $8::numeric[], $9::int[]) AS x(person_id, d0, d1, hours, year)
), per_day AS (
	SELECT s.person_id, s.day, round(sum(e.hours / (e.d1 - e.d0 + 1)), 2) AS hours,
		array_agg(DISTINCT e.year) AS years,
		coalesce(array_agg(e.id ORDER BY e.id) FILTER (WHERE e.id IS NOT NULL), '{}') AS ids
	FROM span s JOIN entry e ON e.person_id = s.person_id AND s.day BETWEEN e.d0 AND e.d1
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

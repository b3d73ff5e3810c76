package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/liaoning-finance/cpe/calendar"
)

// FilingCreditRef is the ledger source_ref of one person's credits from a
// filing: unique, so a retried posting writes once.
func FilingCreditRef(filingID, personID int64) string {
	return "filing:" + strconv.FormatInt(filingID, 10) + ":person:" + strconv.FormatInt(personID, 10)
}

// postFilingCredits posts every row of an approved batch to the credit
// ledger for the year f ended in, once per person and filing (the source
// ref FilingCreditRef is unique), as learning time: the credits converted
// at the policy's CreditsPerHour, spread over the training's days in
// Asia/Shanghai. It then checks those days of the persons posted for more
// learning hours than a day has.
func postFilingCredits(ctx context.Context, q Querier, f Filing, batch int64) error {
	perHour, err := creditsPerHour(ctx, q, f.Year)
	if err != nil {
		return fmt.Errorf("post filing credits: %w", err)
	}
	from, to := calendar.DateOf(f.StartAt), calendar.DateOf(f.EndAt)
	rows, err := q.Query(ctx, `INSERT INTO credit_ledger (person_id, year, category, credits, source_kind, source_ref,
			institution_id, earned_from, earned_on, hours, description)
		SELECT r.person_id, $2, r.category, r.credits, 'filing', 'filing:' || $3::bigint || ':person:' || r.person_id,
			$4, $5::date, $6::date, r.credits / $7::numeric, $8
		FROM record_rows r WHERE r.batch_id = $1
		ON CONFLICT (source_kind, source_ref) DO NOTHING
		RETURNING person_id`,
		batch, f.Year, f.ID, f.InstitutionID, from.String(), to.String(), perHour,
		fmt.Sprintf("面授培训 · %s", f.Title))
	if err != nil {
		return fmt.Errorf("post filing credits: %w", err)
	}
	persons, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("post filing credits: %w", err)
	}
	spans := make([]DaySpan, len(persons))
	for i, p := range persons {
		spans[i] = DaySpan{PersonID: p, From: from, To: to}
	}
	_, err = CheckDailyHours(ctx, q, spans)
	return err
}

package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/liaoning-finance/cpe/calendar"
)

// FilingCreditRef is the ledger source_ref of one person's credits from a
// filing: unique, so a retried posting writes once.
func FilingCreditRef(filingID, personID int64) string {
	return "filing:" + strconv.FormatInt(filingID, 10) + ":person:" + strconv.FormatInt(personID, 10)
}

// postFilingCredits posts every row of an approved batch to the credit
// ledger for the year f ended in, once per person and filing: the source
// ref "filing:<filing id>:person:<person id>" is unique.
func postFilingCredits(ctx context.Context, q Querier, f Filing, batch int64) error {
	_, err := q.Exec(ctx, `INSERT INTO credit_ledger (person_id, year, category, credits, source_kind, source_ref,
			institution_id, earned_on, description)
		SELECT r.person_id, $2, r.category, r.credits, 'filing', 'filing:' || $3::bigint || ':person:' || r.person_id,
			$4, $5::date, $6
		FROM record_rows r WHERE r.batch_id = $1
		ON CONFLICT (source_kind, source_ref) DO NOTHING`,
		batch, f.Year, f.ID, f.InstitutionID, calendar.DateOf(f.EndAt).String(),
		fmt.Sprintf("面授培训 · %s", f.Title))
	return err
}

package workflows

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/store"
)

// Review steps of a filing.
const (
	// StepFiling reviews the filing before the training.
	StepFiling = "filing"
	// StepRecords reviews the attendance records after it.
	StepRecords = "records"
)

// Update names of a FilingWorkflow besides DecideUpdate.
const (
	// AmendUpdate resubmits a returned filing; argument AmendRequest.
	AmendUpdate = "amend"
	// WithdrawUpdate withdraws a filing before the training starts;
	// argument WithdrawRequest.
	WithdrawUpdate = "withdraw"
	// RecordsUpdate hands an uploaded records batch to the filing;
	// argument RecordsRequest.
	RecordsUpdate = "records"
)

// FilingInput starts a FilingWorkflow.
type FilingInput struct {
	// Filing is the filing as submitted: id, institution (with its name),
	// region, city, the training's data and its year.
	Filing store.Filing `json:"filing"`
	// Submitter is the institution account that filed it.
	Submitter store.Actor `json:"submitter"`
}

// AmendRequest carries a returned filing's corrected training data; the API
// validated it against the policy.
type AmendRequest struct {
	Actor    store.Actor `json:"actor"`
	Title    string      `json:"title"`
	Category string      `json:"category"`
	Level    string      `json:"level"`
	Venue    string      `json:"venue"`
	StartAt  time.Time   `json:"start_at"`
	EndAt    time.Time   `json:"end_at"`
	Credits  float64     `json:"credits"`
	// Year is the year EndAt falls in, Asia/Shanghai.
	Year int `json:"year"`
}

// WithdrawRequest withdraws a filing.
type WithdrawRequest struct {
	Actor  store.Actor `json:"actor"`
	Reason string      `json:"reason"`
}

// RecordsRequest hands a stored, validated records batch to the filing.
type RecordsRequest struct {
	Actor   store.Actor `json:"actor"`
	BatchID int64       `json:"batch_id"`
}

// FilingSummary is the static summary the Temporal UI shows for a filing:
// "面授备案 · <title> · <institution>".
func FilingSummary(f store.Filing) string {
	return fmt.Sprintf("面授备案 · %s · %s", f.Title, f.InstitutionName)
}

// FilingStartOptions are the options to start the workflow of f on
// taskQueue: its id, the summary and the search attributes known at once.
// A second start of the same filing finds the running workflow, and a
// filing whose workflow finished is never started again.
func FilingStartOptions(f store.Filing, taskQueue string) client.StartWorkflowOptions {
	return startOptions(store.FilingWorkflowID(f.ID), taskQueue, FilingSummary(f),
		KindKey.ValueSet(kindFiling), StageKey.ValueSet(store.StageFilingReview),
		RegionKey.ValueSet(f.Region), CityKey.ValueSet(f.City), InstitutionKey.ValueSet(fmt.Sprint(f.InstitutionID)),
		YearKey.ValueSet(int64(f.Year)), OverdueKey.ValueSet(false), EscalationLevelKey.ValueSet(0))
}

// kindFiling is the CpeKind and subject kind of filings.
const kindFiling = "filing"

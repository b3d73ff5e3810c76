package activities

import (
	"context"
	"fmt"

	"github.com/liaoning-finance/cpe/policy"
)

// Rules is the part of a year's policy a workflow runs on. A workflow reads
// it once and keeps it, so a policy changed later does not alter a review
// under way.
type Rules struct {
	// Year is the policy year.
	Year int `json:"year"`
	// Review holds the review deadlines and the return limit.
	Review policy.Review `json:"review"`
	// RecordsDueWorkingDays is the time after a training's end within which
	// its attendance records are due.
	RecordsDueWorkingDays int `json:"records_due_working_days"`
}

// Rules returns the rules of the policy of year.
func (a *Activities) Rules(ctx context.Context, year int) (Rules, error) {
	p, err := a.Store.Policy(ctx, year)
	if err != nil {
		return Rules{}, fmt.Errorf("policy of %d: %w", year, err)
	}
	return Rules{Year: year, Review: p.Review, RecordsDueWorkingDays: p.RecordsDueWorkingDays}, nil
}

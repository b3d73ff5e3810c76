package store

import "context"

// claimHours returns the learning time of c: a face-to-face training's
// hours spread over its days. Other claims are no learning time (false): an
// exam pass, a paper or a make-up posts no hours, and the cadre site's
// 学时 are a total without days.
func claimHours(c Claim) (HoursEntry, bool) {
	if c.Kind != ClaimFaceToFace || c.StartDate == nil || c.EndDate == nil || c.Hours <= 0 {
		return HoursEntry{}, false
	}
	return HoursEntry{PersonID: c.PersonID, From: *c.StartDate, To: *c.EndDate, Hours: c.Hours, Year: c.Year}, true
}

// claimReviewFlags returns the daily-hours flags that approving c would
// raise, for its open review.
func claimReviewFlags(ctx context.Context, q Querier, c Claim) ([]Flag, error) {
	e, ok := claimHours(c)
	if !ok {
		return nil, nil
	}
	flags, err := ProspectiveDailyHours(ctx, q, []HoursEntry{e})
	if err != nil {
		return nil, err
	}
	return DailyHoursReviewFlags(ctx, q, flags)
}

// checkClaimHours checks the days of c's posted learning time for more
// learning hours than a day has.
func checkClaimHours(ctx context.Context, q Querier, c Claim) error {
	e, ok := claimHours(c)
	if !ok {
		return nil
	}
	_, err := CheckDailyHours(ctx, q, []DaySpan{{PersonID: e.PersonID, From: e.From, To: e.To}})
	return err
}

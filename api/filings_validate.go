package api

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
)

// FilingRequest is the body of POST /v1/filings and POST
// /v1/filings/{id}/amend: the training. Times are RFC 3339.
type FilingRequest struct {
	Title    string   `json:"title"`
	Category string   `json:"category"`
	Level    string   `json:"level"`
	Venue    string   `json:"venue"`
	StartAt  string   `json:"start_at"`
	EndAt    string   `json:"end_at"`
	Credits  *float64 `json:"credits"`
}

// training is a validated FilingRequest.
type training struct {
	Title    string    `json:"title"`
	Category string    `json:"category"`
	Level    string    `json:"level"`
	Venue    string    `json:"venue"`
	StartAt  time.Time `json:"start_at"`
	EndAt    time.Time `json:"end_at"`
	Credits  float64   `json:"credits"`
	// Year is the year the training ends in, Asia/Shanghai.
	Year int `json:"year"`
}

// maxTextLength caps a title or venue, in characters.
const maxTextLength = 200

// checkTraining validates req for a training of region: 400 for malformed
// fields, 422 for the policy rules (start in the future, learning period,
// credits per training day, excluded region).
func (s *Server) checkTraining(c *gin.Context, req FilingRequest, region string) (training, bool) {
	t := training{Title: strings.TrimSpace(req.Title), Venue: strings.TrimSpace(req.Venue),
		Category: req.Category, Level: req.Level}
	for _, f := range []struct{ name, value string }{{"title", t.Title}, {"venue", t.Venue}} {
		if f.value == "" || utf8.RuneCountInString(f.value) > maxTextLength {
			failField(c, f.name, fmt.Sprintf("required, at most %d characters", maxTextLength))
			return t, false
		}
	}
	var err error
	if t.StartAt, err = time.Parse(time.RFC3339, req.StartAt); err != nil {
		failField(c, "start_at", "want an RFC 3339 time such as 2025-06-20T09:00:00+08:00")
		return t, false
	}
	if t.EndAt, err = time.Parse(time.RFC3339, req.EndAt); err != nil {
		failField(c, "end_at", "want an RFC 3339 time such as 2025-06-20T17:00:00+08:00")
		return t, false
	}
	if !t.EndAt.After(t.StartAt) {
		failField(c, "end_at", "must be after start_at")
		return t, false
	}
	if req.Credits == nil || !(*req.Credits > 0) || math.IsInf(*req.Credits, 0) ||
		math.Abs(*req.Credits*100-math.Round(*req.Credits*100)) > 1e-6 {
		failField(c, "credits", "required, a number greater than 0 with at most 2 decimals")
		return t, false
	}
	t.Credits = *req.Credits
	if !t.StartAt.After(time.Now()) {
		failRule(c, "start_in_future", "start_at: a training is filed and approved before it starts; this one starts in the past")
		return t, false
	}
	start, end := calendar.DateOf(t.StartAt), calendar.DateOf(t.EndAt)
	t.Year = end.Year
	pol, err := s.Store.Policy(c, t.Year)
	if errors.Is(err, store.ErrNotFound) {
		failRule(c, "policy_year", fmt.Sprintf("no continuing-education policy for %d is loaded", t.Year))
		return t, false
	}
	if err != nil {
		failInternal(c, err)
		return t, false
	}
	days := int(end.StartOf().Sub(start.StartOf()).Hours()/24) + 1
	limit := pol.MaxCreditsPerTrainingDay * float64(days)
	switch {
	case !slices.Contains(pol.Categories, t.Category):
		failField(c, "category", fmt.Sprintf("want one of %s", strings.Join(pol.Categories, ", ")))
	case !slices.Contains(pol.CourseLevels, t.Level):
		failField(c, "level", fmt.Sprintf("want one of %s", strings.Join(pol.CourseLevels, ", ")))
	case pol.IsExcludedRegion(region):
		failRule(c, "excluded_region", "region "+region+" is excluded from the scheme")
	case !pol.InLearningPeriod(start) || !pol.InLearningPeriod(end):
		failRule(c, "learning_period", fmt.Sprintf("the training must lie within the %d learning period %s – %s",
			t.Year, pol.LearningStart, pol.LearningEnd))
	case t.Credits > limit+1e-9:
		failRule(c, "credits_per_day", fmt.Sprintf("credits: %.2f exceeds %.0f per training day × %d day(s) = %.2f",
			t.Credits, pol.MaxCreditsPerTrainingDay, days, limit))
	default:
		return t, true
	}
	return t, false
}

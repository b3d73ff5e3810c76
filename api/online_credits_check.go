package api

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// Rules a refused online record names.
const (
	ruleRecordID          = "record_id"
	ruleDuplicateRecordID = "duplicate_record_id"
	ruleRecordField       = "field"
	ruleCompletedAt       = "completed_at"
	ruleYear              = "year"
	ruleNoPolicy          = "policy"
	ruleNotApproved       = "institution_not_approved"
	ruleOnlineWindow      = "online_window"
	ruleMakeup            = "makeup_registration"
	ruleNotRegistered     = "person_not_registered"
	ruleRecordConflict    = "record_conflict"
)

const (
	// maxRecordIDLength caps record_id and course_id.
	maxRecordIDLength = 100
	// maxOnlineCredits caps the credits of one completion.
	maxOnlineCredits = 100
)

// Refusal is a refused row of an online batch.
type Refusal struct {
	RecordID string `json:"record_id"`
	// Row is the 1-based position of the record in the batch.
	Row int `json:"row"`
	// Rule names the check the record failed.
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// onlineChecker checks the records of one institution's batch.
type onlineChecker struct {
	institution store.Institution
	// policy returns the policy of a year, or nil when none is loaded.
	policy func(year int) (*policy.Policy, error)
	// today is the current date in Asia/Shanghai.
	today calendar.Date
}

// check validates one record and returns the credit to post (without the
// person, resolved later in one lookup) or the refusal. Errors are loading
// failures, not refusals.
func (oc *onlineChecker) check(rec OnlineRecord) (store.OnlineCredit, *Refusal, error) {
	refuse := func(rule, format string, args ...any) (store.OnlineCredit, *Refusal, error) {
		return store.OnlineCredit{}, &Refusal{RecordID: rec.RecordID, Rule: rule, Reason: fmt.Sprintf(format, args...)}, nil
	}
	if msg := checkRecordFields(rec); msg != "" {
		return refuse(ruleRecordField, "%s", msg)
	}
	completed, err := parseCompletedAt(rec.CompletedAt)
	if err != nil {
		return refuse(ruleCompletedAt, "completed_at: %v", err)
	}
	if completed.After(oc.today) {
		return refuse(ruleCompletedAt, "completed_at %s is in the future", completed)
	}
	learning := completed.Year
	year := learning
	if rec.Year != nil {
		year = *rec.Year
	}
	switch {
	case year > learning:
		return refuse(ruleYear, "year %d is after the completion date %s: credits count for the year of completion or, as a make-up, the year before", year, completed)
	case year < 1980:
		return refuse(ruleYear, "year %d is out of range", year)
	}
	p, err := oc.policy(learning)
	if err != nil {
		return store.OnlineCredit{}, nil, err
	}
	if p == nil {
		return refuse(ruleNoPolicy, "no continuing-education policy is loaded for %d", learning)
	}
	if !slices.Contains(oc.institution.ApprovedYears, int32(learning)) {
		return refuse(ruleNotApproved, "%s is not an approved online institution for %d", oc.institution.Name, learning)
	}
	if year < learning && !p.AcceptsOnlineMakeup(year, completed) {
		return refuse(ruleMakeup, "online make-up of %d completed on %s does not arrive automatically (only make-up of %d completed by %s does): the person must apply for make-up registration (补登) with proof",
			year, completed, learning-1, p.MakeupOnlineCutoff)
	}
	if year == learning && !p.InOnlineWindow(completed) {
		return refuse(ruleOnlineWindow, "completed on %s, outside the online learning period %s … %s of %d",
			completed, p.OnlineStart, p.OnlineEnd, year)
	}
	if !slices.Contains(p.CourseLevels, rec.Level) {
		return refuse(ruleRecordField, "level: want one of %s, got %q", strings.Join(p.CourseLevels, ", "), rec.Level)
	}
	if !slices.Contains(p.Categories, rec.Category) {
		return refuse(ruleRecordField, "category: want one of %s, got %q", strings.Join(p.Categories, ", "), rec.Category)
	}
	return store.OnlineCredit{RecordID: rec.RecordID, Year: year, Category: rec.Category, Credits: rec.Credits,
		CompletedOn: completed, CourseID: strings.TrimSpace(rec.CourseID), Level: rec.Level}, nil, nil
}

// checkRecordFields checks the fields that need no policy and returns what
// is wrong, or "".
func checkRecordFields(rec OnlineRecord) string {
	if err := codes.CheckIDCard(rec.IDNumber); err != nil {
		return err.Error()
	}
	if c := strings.TrimSpace(rec.CourseID); c == "" || len([]rune(c)) > maxRecordIDLength {
		return fmt.Sprintf("course_id: required, at most %d characters", maxRecordIDLength)
	}
	c := rec.Credits
	if !(c > 0 && c <= maxOnlineCredits) {
		return fmt.Sprintf("credits: want more than 0 and at most %d, got %g", maxOnlineCredits, c)
	}
	if math.Abs(c*100-math.Round(c*100)) > 1e-6 {
		return fmt.Sprintf("credits: at most two decimals, got %g", c)
	}
	return ""
}

// parseCompletedAt reads an RFC 3339 instant, or a date, as a date in
// Asia/Shanghai.
func parseCompletedAt(s string) (calendar.Date, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return calendar.DateOf(t), nil
	}
	if d, err := calendar.ParseDate(s); err == nil {
		return d, nil
	}
	return calendar.Date{}, fmt.Errorf("want an RFC 3339 time such as 2025-06-01T10:00:00+08:00, got %q", s)
}

// checkRecordID validates record_id; it returns the refusal reason or "".
func checkRecordID(id string) string {
	switch {
	case strings.TrimSpace(id) == "":
		return "record_id is required"
	case len([]rune(id)) > maxRecordIDLength:
		return fmt.Sprintf("record_id is longer than %d characters", maxRecordIDLength)
	}
	return ""
}

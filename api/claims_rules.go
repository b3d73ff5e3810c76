package api

import (
	"errors"
	"math"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// Rules a claim is refused under (422), besides the policy package's
// other_form.*, public_cadre.min_hours and the review's.
const (
	ruleExcludedRegion  = "excluded_region"
	ruleObligation      = "obligation"
	rulePolicyYear      = "policy_year"
	ruleLearningPeriod  = "learning_period"
	ruleFutureDate      = "claim.future_date"
	ruleFaceToFaceHours = "face_to_face.hours"
	ruleMakeupYear      = "makeup.year"
	ruleMakeupDate      = "makeup.completed_on"
	ruleMakeupOnline    = "makeup.online_automatic"
)

// claimFacts are what a claim is judged against besides its body.
type claimFacts struct {
	person store.Person
	today  calendar.Date
	// policies are the loaded policies of the years the claim may need:
	// its year, the next one and the current one.
	policies map[int]policy.Policy
}

// claimContent is a claim that passed every rule: what the workflow gets.
type claimContent struct {
	Kind       string             `json:"kind"`
	Year       int                `json:"year"`
	PolicyYear int                `json:"policy_year"`
	Details    store.ClaimDetails `json:"details"`
	Claimed    store.ClaimCredits `json:"claimed_credits"`
}

// judgeClaim applies the rules to a parsed claim, in the order an applicant
// needs to learn them: the person (region, obligation), the year and its
// policy, the dates, then the kind's rule; it computes the credits.
func judgeClaim(f claimForm, facts claimFacts) (claimContent, *claimError) {
	out := claimContent{Kind: f.kind, Year: f.year, PolicyYear: f.year}
	if f.kind == store.ClaimMakeup {
		out.PolicyYear = facts.today.Year
	}
	pol, err := policyOf(facts, out.PolicyYear)
	if err != nil {
		return out, err
	}
	p := facts.person
	switch {
	case pol.IsExcludedRegion(p.Region):
		return out, claimRuleErr(ruleExcludedRegion, "region %s runs its own continuing-education scheme (大连); claims of its accountants are not taken here", p.Region)
	case p.ObligationStartYear > f.year:
		return out, claimRuleErr(ruleObligation, "your obligation starts in %d: there are no credits to claim for %d", p.ObligationStartYear, f.year)
	}
	if f.kind == store.ClaimMakeup {
		return judgeMakeup(f, facts, out)
	}
	var rerr *claimError
	switch f.kind {
	case store.ClaimFaceToFace:
		if rerr = inPeriod(pol, facts.today, "start_date", f.start); rerr == nil {
			rerr = inPeriod(pol, facts.today, "end_date", f.end)
		}
		if rerr == nil {
			out.Details, out.Claimed, rerr = faceToFace(pol, f)
		}
	case store.ClaimOther:
		if rerr = inPeriod(pol, facts.today, "date", f.date); rerr == nil {
			out.Details, out.Claimed, rerr = otherForm(pol, f)
		}
	case store.ClaimPublicCadre:
		if facts.today.Before(pol.LearningStart) {
			rerr = claimRuleErr(ruleLearningPeriod, "the %d learning period starts on %s", f.year, pol.LearningStart)
		} else {
			out.Details, out.Claimed, rerr = publicCadre(pol, f)
		}
	}
	return out, rerr
}

// policyOf returns the policy of year, or the policy_year refusal.
func policyOf(facts claimFacts, year int) (policy.Policy, *claimError) {
	pol, ok := facts.policies[year]
	if !ok {
		return pol, claimRuleErr(rulePolicyYear, "no continuing-education policy for %d is loaded: claims are taken for the years of a loaded policy; an earlier year is a make-up (kind makeup)", year)
	}
	return pol, nil
}

// inPeriod checks that an activity date lies in the year's learning period
// and has passed.
func inPeriod(pol policy.Policy, today calendar.Date, field string, d calendar.Date) *claimError {
	switch {
	case !pol.InLearningPeriod(d):
		return claimRuleErr(ruleLearningPeriod, "%s %s is outside the %d learning period %s – %s", field, d, pol.Year,
			pol.LearningStart, pol.LearningEnd)
	case d.After(today):
		return claimRuleErr(ruleFutureDate, "%s %s is in the future: credits are claimed once earned", field, d)
	}
	return nil
}

// faceToFace computes the credits of a training: CreditsPerHour per hour
// (学时), at most MaxCreditsPerTrainingDay per day; more hours than the
// days have is refused.
func faceToFace(pol policy.Policy, f claimForm) (store.ClaimDetails, store.ClaimCredits, *claimError) {
	start, end := f.start, f.end
	d := store.ClaimDetails{Organiser: f.organiser, StartDate: &start, EndDate: &end, Hours: f.hours, Category: f.category}
	days := daysBetween(f.start, f.end)
	if f.hours > float64(24*days) {
		return d, store.ClaimCredits{}, claimRuleErr(ruleFaceToFaceHours, "%g hours in %d claimDay(s) is more than the days have", f.hours, days)
	}
	credits := math.Min(f.hours*pol.CreditsPerHour, pol.MaxCreditsPerTrainingDay*float64(days))
	if f.category == policy.CategoryPublic {
		return d, store.ClaimCredits{Public: credits}, nil
	}
	return d, store.ClaimCredits{Professional: credits}, nil
}

// daysBetween counts the calendar days from start to end, both included.
func daysBetween(start, end calendar.Date) int {
	return int(end.StartOf().Sub(start.StartOf()).Hours()/24+0.5) + 1
}

// otherForm computes the credits of an other form of learning from the
// policy's conversion table.
func otherForm(pol policy.Policy, f claimForm) (store.ClaimDetails, store.ClaimCredits, *claimError) {
	date := f.date
	d := store.ClaimDetails{Form: f.form, Role: f.role, Days: f.days, Title: f.title, Date: &date}
	credits, err := pol.OtherFormCredits(f.form, f.role, f.days)
	if err != nil {
		return d, store.ClaimCredits{}, policyRule(err)
	}
	if pol.OtherForms[f.form].Category == policy.CategoryPublic {
		return d, store.ClaimCredits{Public: credits}, nil
	}
	return d, store.ClaimCredits{Professional: credits}, nil
}

// publicCadre computes the public credits of the cadre learning site's
// statistics table.
func publicCadre(pol policy.Policy, f claimForm) (store.ClaimDetails, store.ClaimCredits, *claimError) {
	d := store.ClaimDetails{Hours: f.hours}
	credits, err := pol.CadreCredits(f.hours)
	if err != nil {
		return d, store.ClaimCredits{}, policyRule(err)
	}
	return d, store.ClaimCredits{Public: credits}, nil
}

// judgeMakeup applies the make-up routing of the notice (section 五): a
// past year only; an online make-up of the previous year finished by the
// cut-off arrives from the online institution and is not a claim.
func judgeMakeup(f claimForm, facts claimFacts, out claimContent) (claimContent, *claimError) {
	done := f.completedOn
	out.Details = store.ClaimDetails{Channel: f.channel, CompletedOn: &done}
	out.Claimed = store.ClaimCredits{Professional: f.professional, Public: f.public}
	switch {
	case f.year >= facts.today.Year:
		return out, claimRuleErr(ruleMakeupYear, "a make-up is for a past year; credits of %d are claimed as a face_to_face, other or public_cadre claim", f.year)
	case done.After(facts.today):
		return out, claimRuleErr(ruleFutureDate, "completed_on %s is in the future: a make-up is registered once finished", done)
	case done.Year < f.year:
		return out, claimRuleErr(ruleMakeupDate, "completed_on %s is before %d: learning counts only for its year or a later make-up", done, f.year)
	}
	if f.channel != "online" {
		return out, nil
	}
	if next, ok := facts.policies[f.year+1]; ok && next.AcceptsOnlineMakeup(f.year, done) {
		return out, claimRuleErr(ruleMakeupOnline, "a make-up of %d finished through an online training institution by %s arrives "+
			"automatically from that institution (通知第五条): it is not applied for; ask the institution if the credits are missing. "+
			"Only a make-up finished after %s is applied for", f.year, next.MakeupOnlineCutoff, next.MakeupOnlineCutoff)
	}
	return out, nil
}

// policyRule turns the *policy.RuleError of a conversion into a refusal
// naming its rule.
func policyRule(err error) *claimError {
	var re *policy.RuleError
	if errors.As(err, &re) {
		return claimRuleErr(re.Rule, "%s", re.Message)
	}
	return claimRuleErr("policy", "%v", err)
}

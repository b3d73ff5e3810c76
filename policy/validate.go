package policy

import (
	"github.com/liaoning-finance/cpe/codes"

	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/liaoning-finance/cpe/calendar"
)

// problems collects what is wrong with a policy.
type problems []string

// add records one problem.
func (ps *problems) add(format string, args ...any) {
	*ps = append(*ps, fmt.Sprintf(format, args...))
}

// Validate checks that the policy is complete and consistent. The error
// lists every problem found.
func (p Policy) Validate() error {
	var ps problems
	if p.Year < 1 || p.Year > 9999 {
		ps.add("year %d out of range 1–9999", p.Year)
	}
	if !isRegionCode(p.Province) || !strings.HasSuffix(p.Province, "0000") {
		ps.add("province %q is not a six-digit province code such as 210000", p.Province)
	}
	p.validateMinimums(&ps)
	p.validatePeriods(&ps)
	p.validateOnline(&ps)
	p.validateOtherForms(&ps)
	p.validateRegions(&ps)
	if !positive(p.CadreMinHours) || !positive(p.CadreCreditsAwarded) {
		ps.add("cadre_min_hours %g and cadre_credits %g must be positive", p.CadreMinHours, p.CadreCreditsAwarded)
	}
	if !positive(p.MaxCreditsPerTrainingDay) {
		ps.add("max_credits_per_training_day %g must be positive", p.MaxCreditsPerTrainingDay)
	}
	p.validateCreditsPerHour(&ps)
	checkWorkingDays(&ps, "records_due_working_days", p.RecordsDueWorkingDays)
	p.Review.validate(&ps)
	if len(ps) > 0 {
		return fmt.Errorf("policy: invalid policy %d/%s: %s", p.Year, p.Province, strings.Join(ps, "; "))
	}
	return nil
}

// validateMinimums checks the credit minimums.
func (p Policy) validateMinimums(ps *problems) {
	if !positive(p.TotalMin) || !nonNegative(p.ProfessionalMin) || !nonNegative(p.PublicMin) {
		ps.add("total_min %g must be positive, professional_min %g and public_min %g not negative",
			p.TotalMin, p.ProfessionalMin, p.PublicMin)
	} else if p.ProfessionalMin+p.PublicMin > p.TotalMin {
		ps.add("professional_min %g + public_min %g exceed total_min %g", p.ProfessionalMin, p.PublicMin, p.TotalMin)
	}
}

// validatePeriods checks the learning period, the online window and the
// make-up cut-off.
func (p Policy) validatePeriods(ps *problems) {
	for _, d := range []struct {
		name string
		date calendar.Date
	}{
		{"learning_start", p.LearningStart}, {"learning_end", p.LearningEnd},
		{"online_start", p.OnlineStart}, {"online_end", p.OnlineEnd},
		{"makeup_online_cutoff", p.MakeupOnlineCutoff},
	} {
		if !d.date.Valid() || d.date.Year != p.Year {
			ps.add("%s %s is not a date in %d", d.name, d.date, p.Year)
		}
	}
	if p.LearningEnd.Before(p.LearningStart) {
		ps.add("learning_end %s is before learning_start %s", p.LearningEnd, p.LearningStart)
	}
	if p.OnlineEnd.Before(p.OnlineStart) {
		ps.add("online_end %s is before online_start %s", p.OnlineEnd, p.OnlineStart)
	}
	if !p.InLearningPeriod(p.OnlineStart) || !p.InLearningPeriod(p.OnlineEnd) {
		ps.add("online window %s…%s is not inside the learning period %s…%s",
			p.OnlineStart, p.OnlineEnd, p.LearningStart, p.LearningEnd)
	}
}

// validateOnline checks the online institutions, course levels, categories
// and fee.
func (p Policy) validateOnline(ps *problems) {
	if len(p.OnlineInstitutions) == 0 {
		ps.add("online_institutions is empty")
	}
	names, usccs := make(map[string]bool), make(map[string]bool)
	for i, inst := range p.OnlineInstitutions {
		if strings.TrimSpace(inst.Name) == "" {
			ps.add("online_institutions[%d]: name is empty", i)
		} else if names[inst.Name] {
			ps.add("online_institutions[%d]: name %s listed twice", i, inst.Name)
		}
		if err := codes.CheckUSCC(inst.USCC); err != nil {
			ps.add("online_institutions[%d]: %v", i, err)
		} else if usccs[inst.USCC] {
			ps.add("online_institutions[%d]: uscc %s listed twice", i, inst.USCC)
		}
		names[inst.Name], usccs[inst.USCC] = true, true
	}
	levels := []string{LevelJunior, LevelIntermediate, LevelSenior}
	if len(p.CourseLevels) == 0 || !subsetOnce(p.CourseLevels, levels) {
		ps.add("course_levels %q must list some of %q, each once", p.CourseLevels, levels)
	}
	categories := []string{CategoryProfessional, CategoryPublic}
	if len(p.Categories) != len(categories) || !subsetOnce(p.Categories, categories) {
		ps.add("categories %q must be %q", p.Categories, categories)
	}
	if !nonNegative(p.FeeYuanPer90Credits) {
		ps.add("fee_yuan_per_90_credits %g must not be negative", p.FeeYuanPer90Credits)
	}
}

// validateOtherForms checks the conversion table of other forms.
func (p Policy) validateOtherForms(ps *problems) {
	if len(p.OtherForms) == 0 {
		ps.add("other_forms is empty")
	}
	for _, name := range slices.Sorted(maps.Keys(p.OtherForms)) {
		f := p.OtherForms[name]
		if name == "" {
			ps.add("other_forms: a form has no name")
		}
		if f.Category != CategoryProfessional && f.Category != CategoryPublic {
			ps.add("other_forms.%s: category %q is not %s or %s", name, f.Category, CategoryProfessional, CategoryPublic)
		}
		if len(f.Roles) > 0 && f.Credits != 0 {
			ps.add("other_forms.%s: has roles, so credits must be 0 (got %g)", name, f.Credits)
		}
		if len(f.Roles) == 0 && !positive(f.Credits) {
			ps.add("other_forms.%s: credits %g must be positive", name, f.Credits)
		}
		for _, role := range slices.Sorted(maps.Keys(f.Roles)) {
			if !slices.Contains(roles, role) {
				ps.add("other_forms.%s: unknown role %q, want one of %q", name, role, roles)
			}
			if !positive(f.Roles[role]) {
				ps.add("other_forms.%s: credits %g of role %s must be positive", name, f.Roles[role], role)
			}
		}
		if f.PerDay && f.MaxDays < 1 || !f.PerDay && f.MaxDays != 0 {
			ps.add("other_forms.%s: max_days %d must be at least 1 for a per-day form and 0 otherwise", name, f.MaxDays)
		}
	}
}

// validateCreditsPerHour checks the conversion of hours to credits against
// the day cap: an hour earns at most a training day's credits, and a day's
// maximum credits fit in the hours a day has.
func (p Policy) validateCreditsPerHour(ps *problems) {
	low, high := p.MaxCreditsPerTrainingDay/hoursPerDay, p.MaxCreditsPerTrainingDay
	switch {
	case !positive(p.CreditsPerHour):
		ps.add("credits_per_hour %g must be positive", p.CreditsPerHour)
	case positive(high) && (p.CreditsPerHour < low || p.CreditsPerHour > high):
		ps.add("credits_per_hour %g out of range %.4g–%g (max_credits_per_training_day over %d hours, up to max_credits_per_training_day)",
			p.CreditsPerHour, low, high, hoursPerDay)
	}
}

// validateRegions checks the excluded regions.
func (p Policy) validateRegions(ps *problems) {
	seen := make(map[string]bool)
	for _, code := range p.ExcludedRegions {
		switch {
		case !isRegionCode(code):
			ps.add("excluded_regions: %q is not a six-digit region code", code)
		case code == p.Province:
			ps.add("excluded_regions: %s is the province itself", code)
		case seen[code]:
			ps.add("excluded_regions: %s listed twice", code)
		}
		seen[code] = true
	}
}

// validate checks the review deadlines.
func (r Review) validate(ps *problems) {
	checkWorkingDays(ps, "review.deadline_working_days", r.DeadlineWorkingDays)
	if r.ReminderWorkingDaysBefore < 1 || r.ReminderWorkingDaysBefore >= r.DeadlineWorkingDays {
		ps.add("review.reminder_working_days_before %d must be at least 1 and less than review.deadline_working_days %d",
			r.ReminderWorkingDaysBefore, r.DeadlineWorkingDays)
	}
	checkWorkingDays(ps, "review.second_escalation_working_days", r.SecondEscalationWorkingDays)
	checkWorkingDays(ps, "review.correction_working_days", r.CorrectionWorkingDays)
	if r.MaxReturnRounds < 1 {
		ps.add("review.max_return_rounds %d must be at least 1", r.MaxReturnRounds)
	}
}

// checkWorkingDays records a number of working days the calendar cannot count.
func checkWorkingDays(ps *problems, name string, n int) {
	if n < 1 || n > calendar.MaxWorkingDays {
		ps.add("%s %d out of range 1–%d", name, n, calendar.MaxWorkingDays)
	}
}

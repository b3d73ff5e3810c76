package policy_test

import (
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/policy"
)

func TestValidateFailures(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *policy.Policy)
		want   string
	}{
		{"year", func(p *policy.Policy) { p.Year = 0 }, "year 0 out of range"},
		{"province", func(p *policy.Policy) { p.Province = "210100" }, "province \"210100\""},
		{"minimums exceed total", func(p *policy.Policy) { p.PublicMin = 40 }, "exceed total_min"},
		{"negative minimum", func(p *policy.Policy) { p.ProfessionalMin = -1 }, "professional_min -1"},
		{"learning end before start", func(p *policy.Policy) {
			p.LearningEnd = calendar.Date{Year: 2025, Month: 1, Day: 1}
			p.LearningStart = calendar.Date{Year: 2025, Month: 2, Day: 1}
		},
			"learning_end 2025-01-01 is before learning_start 2025-02-01"},
		{"date outside year", func(p *policy.Policy) { p.LearningEnd = calendar.Date{Year: 2026, Month: 1, Day: 1} },
			"learning_end 2026-01-01 is not a date in 2025"},
		{"missing date", func(p *policy.Policy) { p.MakeupOnlineCutoff = calendar.Date{} },
			"makeup_online_cutoff 0000-00-00 is not a date in 2025"},
		{"online window outside learning", func(p *policy.Policy) { p.LearningStart = calendar.Date{Year: 2025, Month: 4, Day: 1} },
			"online window 2025-03-01…2025-12-31 is not inside"},
		{"online end before start", func(p *policy.Policy) { p.OnlineEnd = calendar.Date{Year: 2025, Month: 2, Day: 1} },
			"online_end 2025-02-01 is before online_start"},
		{"no online institutions", func(p *policy.Policy) { p.OnlineInstitutions = nil }, "online_institutions is empty"},
		{"bad uscc", func(p *policy.Policy) { p.OnlineInstitutions[0].USCC = "91110108722600001Q" },
			"online_institutions[0]: uscc: check character"},
		{"duplicate institution", func(p *policy.Policy) { p.OnlineInstitutions[1] = p.OnlineInstitutions[0] },
			"listed twice"},
		{"unnamed institution", func(p *policy.Policy) { p.OnlineInstitutions[0].Name = " " }, "name is empty"},
		{"unknown level", func(p *policy.Policy) { p.CourseLevels = []string{"junior", "expert"} }, "course_levels"},
		{"duplicate level", func(p *policy.Policy) { p.CourseLevels = []string{"junior", "junior"} }, "course_levels"},
		{"categories", func(p *policy.Policy) { p.Categories = []string{"professional"} }, "categories"},
		{"negative fee", func(p *policy.Policy) { p.FeeYuanPer90Credits = -35 }, "fee_yuan_per_90_credits"},
		{"no other forms", func(p *policy.Policy) { p.OtherForms = nil }, "other_forms is empty"},
		{"other form category", func(p *policy.Policy) { f := p.OtherForms["exam"]; f.Category = "x"; p.OtherForms["exam"] = f },
			"other_forms.exam: category \"x\""},
		{"other form without credits", func(p *policy.Policy) { f := p.OtherForms["exam"]; f.Credits = 0; p.OtherForms["exam"] = f },
			"other_forms.exam: credits 0 must be positive"},
		{"other form roles and credits", func(p *policy.Policy) { f := p.OtherForms["paper"]; f.Credits = 5; p.OtherForms["paper"] = f },
			"other_forms.paper: has roles"},
		{"unknown role", func(p *policy.Policy) { p.OtherForms["paper"].Roles["editor"] = 5 },
			"other_forms.paper: unknown role \"editor\""},
		{"role without credits", func(p *policy.Policy) { p.OtherForms["book"].Roles["other"] = 0 },
			"credits 0 of role other"},
		{"per day without max", func(p *policy.Policy) { f := p.OtherForms["conference"]; f.MaxDays = 0; p.OtherForms["conference"] = f },
			"other_forms.conference: max_days 0"},
		{"cadre", func(p *policy.Policy) { p.CadreMinHours = 0 }, "cadre_min_hours 0"},
		{"excluded region code", func(p *policy.Policy) { p.ExcludedRegions = []string{"2102"} }, "\"2102\" is not a six-digit"},
		{"excluded province", func(p *policy.Policy) { p.ExcludedRegions = []string{"210000"} }, "210000 is the province itself"},
		{"training day cap", func(p *policy.Policy) { p.MaxCreditsPerTrainingDay = 0 }, "max_credits_per_training_day"},
		{"credits per hour missing", func(p *policy.Policy) { p.CreditsPerHour = 0 }, "credits_per_hour 0 must be positive"},
		{"credits per hour above the day cap", func(p *policy.Policy) { p.CreditsPerHour = 11 }, "credits_per_hour 11 out of range 0.4167–10"},
		{"credits per hour too low for a day", func(p *policy.Policy) { p.CreditsPerHour = 0.4 }, "credits_per_hour 0.4 out of range"},
		{"records due", func(p *policy.Policy) { p.RecordsDueWorkingDays = 0 }, "records_due_working_days 0 out of range"},
		{"review deadline", func(p *policy.Policy) { p.Review.DeadlineWorkingDays = 1001 }, "review.deadline_working_days 1001"},
		{"reminder not before deadline", func(p *policy.Policy) { p.Review.ReminderWorkingDaysBefore = 5 }, "review.reminder_working_days_before 5"},
		{"second escalation", func(p *policy.Policy) { p.Review.SecondEscalationWorkingDays = 0 }, "review.second_escalation_working_days"},
		{"return rounds", func(p *policy.Policy) { p.Review.MaxReturnRounds = 0 }, "review.max_return_rounds 0"},
		{"correction window", func(p *policy.Policy) { p.Review.CorrectionWorkingDays = -1 }, "review.correction_working_days -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := policy2025(t)
			tt.mutate(&p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %v, want error containing %q", err, tt.want)
			}
		})
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	p := policy2025(t)
	p.CadreMinHours, p.RecordsDueWorkingDays = 0, 0
	err := p.Validate()
	if err == nil || !strings.Contains(err.Error(), "cadre_min_hours") || !strings.Contains(err.Error(), "records_due_working_days") {
		t.Errorf("Validate() = %v, want both problems", err)
	}
}

package policy_test

import "testing"

func TestOtherFormCredits(t *testing.T) {
	p := policy2025(t)
	tests := []struct {
		form, role string
		days       int
		want       float64
		rule       string
	}{
		{form: "exam", want: 90},
		{form: "degree_course", want: 90},
		{form: "conference", days: 1, want: 10},
		{form: "conference", days: 3, want: 30},
		{form: "conference", days: 30, want: 300},
		{form: "conference", rule: "other_form.days"},
		{form: "conference", days: -1, rule: "other_form.days"},
		{form: "conference", days: 31, rule: "other_form.days"},
		{form: "conference", role: "sole", days: 1, rule: "other_form.role"},
		{form: "research", role: "sole", want: 90},
		{form: "research", role: "lead", want: 90},
		{form: "research", role: "participant", want: 60},
		{form: "research", role: "other", want: 60},
		{form: "research", role: "first", rule: "other_form.role"},
		{form: "research", rule: "other_form.role"},
		{form: "paper", role: "sole", want: 30},
		{form: "paper", role: "first", want: 30},
		{form: "paper", role: "other", want: 10},
		{form: "paper", role: "lead", rule: "other_form.role"},
		{form: "paper", role: "participant", rule: "other_form.role"},
		{form: "book", role: "sole", want: 90},
		{form: "book", role: "first", want: 90},
		{form: "book", role: "other", want: 60},
		{form: "book", role: "lead", rule: "other_form.role"},
		{form: "exam", role: "sole", rule: "other_form.role"},
		{form: "exam", days: 2, rule: "other_form.days"},
		{form: "paper", role: "sole", days: 1, rule: "other_form.days"},
		{form: "webinar", rule: "other_form"},
		{form: "", rule: "other_form"},
	}
	for _, tt := range tests {
		got, err := p.OtherFormCredits(tt.form, tt.role, tt.days)
		wantRule(t, err, tt.rule)
		if got != tt.want {
			t.Errorf("OtherFormCredits(%q, %q, %d) = %g, want %g", tt.form, tt.role, tt.days, got, tt.want)
		}
	}
}

func TestOtherFormsAreProfessional(t *testing.T) {
	for form, f := range policy2025(t).OtherForms {
		if f.Category != "professional" {
			t.Errorf("other form %s has category %q, want professional", form, f.Category)
		}
	}
}

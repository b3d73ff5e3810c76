package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Other forms of learning (财会〔2018〕10号).
const (
	// FormExam is passing one subject of an accounting qualification exam, or admission.
	FormExam = "exam"
	// FormConference is attending an accounting conference.
	FormConference = "conference"
	// FormDegreeCourse is one passed course of accounting degree study.
	FormDegreeCourse = "degree_course"
	// FormResearch is an accounting research project.
	FormResearch = "research"
	// FormPaper is a paper in a CN journal.
	FormPaper = "paper"
	// FormBook is a published accounting book.
	FormBook = "book"
)

// Roles of a person in an other form of learning.
const (
	// RoleSole is the sole author or researcher.
	RoleSole = "sole"
	// RoleLead is the lead of a research project.
	RoleLead = "lead"
	// RoleFirst is the first author.
	RoleFirst = "first"
	// RoleParticipant is a participant of a research project.
	RoleParticipant = "participant"
	// RoleOther is any other author or participant.
	RoleOther = "other"
)

// roles are the role names a policy may use.
var roles = []string{RoleSole, RoleLead, RoleFirst, RoleParticipant, RoleOther}

// OtherForm is one row of the conversion table of other forms of learning.
type OtherForm struct {
	// Category is the credit category the form earns.
	Category string `json:"category"`
	// Credits is what the form earns when it has no roles.
	Credits float64 `json:"credits,omitempty"`
	// Roles maps a role to what it earns, for forms that have roles.
	Roles map[string]float64 `json:"roles,omitempty"`
	// PerDay makes the credits count per day, for 1…MaxDays days.
	PerDay bool `json:"per_day,omitempty"`
	// MaxDays is the largest number of days of a per-day form.
	MaxDays int `json:"max_days,omitempty"`
}

// OtherFormCredits returns the credits an other form of learning earns.
// role must be one of the form's roles when it has roles and empty
// otherwise; days must be in 1…MaxDays for a per-day form (a conference)
// and 0 otherwise. A violation is a *RuleError.
func (p Policy) OtherFormCredits(form, role string, days int) (float64, error) {
	f, ok := p.OtherForms[form]
	if !ok {
		return 0, &RuleError{Rule: RuleOtherForm, Message: fmt.Sprintf(
			"unknown other form %q, want one of %s", form, strings.Join(slices.Sorted(maps.Keys(p.OtherForms)), ", "))}
	}
	credits := f.Credits
	switch {
	case len(f.Roles) > 0:
		c, ok := f.Roles[role]
		if !ok {
			return 0, &RuleError{Rule: RuleOtherFormRole, Message: fmt.Sprintf(
				"%s takes a role, one of %s; got %q", form, strings.Join(slices.Sorted(maps.Keys(f.Roles)), ", "), role)}
		}
		credits = c
	case role != "":
		return 0, &RuleError{Rule: RuleOtherFormRole, Message: fmt.Sprintf("%s has no roles; got %q", form, role)}
	}
	switch {
	case f.PerDay && (days < 1 || days > f.MaxDays):
		return 0, &RuleError{Rule: RuleOtherFormDays, Message: fmt.Sprintf(
			"%s earns %g credits per day for 1–%d days; got %d days", form, credits, f.MaxDays, days)}
	case f.PerDay:
		return credits * float64(days), nil
	case days != 0:
		return 0, &RuleError{Rule: RuleOtherFormDays, Message: fmt.Sprintf("%s is not counted by days; got %d days", form, days)}
	}
	return credits, nil
}

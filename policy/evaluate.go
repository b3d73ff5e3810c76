package policy

import (
	"fmt"
	"math"
)

// Entry is one credit entry of a person's year.
type Entry struct {
	// Category is CategoryProfessional or CategoryPublic.
	Category string `json:"category"`
	// Credits may be negative for a reversal.
	Credits float64 `json:"credits"`
}

// Result is the evaluation of a person's year against a policy.
type Result struct {
	// Year is the policy year.
	Year int `json:"year"`
	// Professional is the sum of professional credits.
	Professional float64 `json:"professional"`
	// Public is the sum of public credits.
	Public float64 `json:"public"`
	// Total is Professional + Public, as earned.
	Total float64 `json:"total"`
	// Compliant is true when there is no shortfall.
	Compliant bool `json:"compliant"`
	// Exempt is true when the person's obligation starts after Year.
	Exempt bool `json:"exempt"`
	// Shortfall is what is missing in each category.
	Shortfall Shortfall `json:"shortfall"`
}

// Shortfall is the credits missing to the minimums; zero when none is.
type Shortfall struct {
	// Professional is missing to ProfessionalMin.
	Professional float64 `json:"professional"`
	// Public is missing to PublicMin.
	Public float64 `json:"public"`
	// Total is missing to TotalMin, counting public credits only up to PublicMin.
	Total float64 `json:"total"`
}

// Evaluate sums the entries of a person's year and compares them with the
// minimums. A person whose obligation starts after p.Year is exempt and
// compliant. Public credits never count as professional; professional
// credits above ProfessionalMin count toward TotalMin, public credits above
// PublicMin do not. Sums are rounded to two decimals so that float addition
// never turns 60 into 59.999…. An entry of an unknown category or with a
// non-finite amount is a *RuleError.
func (p Policy) Evaluate(obligationStartYear int, entries []Entry) (Result, error) {
	var professional, public float64
	for i, e := range entries {
		if math.IsNaN(e.Credits) || math.IsInf(e.Credits, 0) {
			return Result{}, &RuleError{Rule: RuleCredits, Message: fmt.Sprintf("entry %d: credits %v is not a number", i, e.Credits)}
		}
		switch e.Category {
		case CategoryProfessional:
			professional += e.Credits
		case CategoryPublic:
			public += e.Credits
		default:
			return Result{}, &RuleError{Rule: RuleCategory, Message: fmt.Sprintf(
				"entry %d: unknown category %q, want %s or %s", i, e.Category, CategoryProfessional, CategoryPublic)}
		}
	}
	r := Result{Year: p.Year, Professional: round2(professional), Public: round2(public)}
	r.Total = round2(r.Professional + r.Public)
	if obligationStartYear > p.Year {
		r.Compliant, r.Exempt = true, true
		return r, nil
	}
	r.Shortfall = Shortfall{
		Professional: shortOf(p.ProfessionalMin, r.Professional),
		Public:       shortOf(p.PublicMin, r.Public),
		Total:        shortOf(p.TotalMin, r.Professional+math.Min(r.Public, p.PublicMin)),
	}
	r.Compliant = r.Shortfall == Shortfall{}
	return r, nil
}

// shortOf returns how much have falls short of want, never below zero.
func shortOf(want, have float64) float64 {
	return math.Max(0, round2(want-have))
}

// round2 rounds x to two decimals.
func round2(x float64) float64 {
	return math.Round(x*100) / 100
}

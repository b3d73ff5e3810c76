package policy

import "fmt"

// CadreCredits returns the public credits for hours (学时) completed on the
// cadre learning site: CadreCreditsAwarded for CadreMinHours or more; fewer hours
// earn nothing and are a *RuleError.
func (p Policy) CadreCredits(hours float64) (float64, error) {
	if !(hours >= p.CadreMinHours) {
		return 0, &RuleError{Rule: RuleCadreMinHours, Message: fmt.Sprintf(
			"at least %g hours on the cadre learning site earn %g public credits; got %g",
			p.CadreMinHours, p.CadreCreditsAwarded, hours)}
	}
	return p.CadreCreditsAwarded, nil
}

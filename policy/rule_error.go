package policy

// Rules named by RuleError.
const (
	// RuleOtherForm: the other form of learning is not in the table.
	RuleOtherForm = "other_form"
	// RuleOtherFormRole: the role does not fit the other form.
	RuleOtherFormRole = "other_form.role"
	// RuleOtherFormDays: the number of days does not fit the other form.
	RuleOtherFormDays = "other_form.days"
	// RuleCadreMinHours: too few 学时 on the cadre learning site.
	RuleCadreMinHours = "public_cadre.min_hours"
	// RuleCategory: the credit category is unknown.
	RuleCategory = "category"
	// RuleCredits: a credit amount is not a finite number.
	RuleCredits = "credits"
)

// RuleError is a violation of a policy rule by otherwise well-formed input
// (an HTTP API answers it with 422).
type RuleError struct {
	// Rule names the rule, one of the Rule… constants.
	Rule string `json:"rule"`
	// Message explains the violation.
	Message string `json:"message"`
}

// Error returns the rule and the message.
func (e *RuleError) Error() string {
	return "policy rule " + e.Rule + ": " + e.Message
}

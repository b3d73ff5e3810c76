package workflows

import (
	"fmt"

	"go.temporal.io/sdk/temporal"
)

// Types of the temporal.ApplicationError an Update is refused with; the API
// maps them to HTTP statuses.
const (
	// ErrForbidden: the actor's scope does not cover the item at its
	// current level (HTTP 403).
	ErrForbidden = "Forbidden"
	// ErrConflict: the item is not at the step or stage the request is for,
	// or another decision already took effect (HTTP 409).
	ErrConflict = "Conflict"
	// ErrInvalid: the request is malformed, e.g. a reason is missing
	// (HTTP 400); the details name the field.
	ErrInvalid = "Invalid"
	// ErrRuleViolation: a policy rule forbids the request, e.g. the return
	// rounds are used up (HTTP 422); the details name the rule.
	ErrRuleViolation = "RuleViolation"
)

// Rules named by ErrRuleViolation refusals.
const (
	// RuleMaxReturnRounds: the item was returned the policy's maximum
	// number of times.
	RuleMaxReturnRounds = "max_return_rounds"
)

// ErrorDetail is the detail of a refused Update: the offending input field
// of an ErrInvalid or the rule of an ErrRuleViolation.
type ErrorDetail struct {
	Field string `json:"field,omitempty"`
	Rule  string `json:"rule,omitempty"`
}

func refuse(typ string, detail ErrorDetail, format string, args ...any) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), typ, nil, detail)
}

func forbidden(format string, args ...any) error {
	return refuse(ErrForbidden, ErrorDetail{}, format, args...)
}

func conflict(format string, args ...any) error {
	return refuse(ErrConflict, ErrorDetail{}, format, args...)
}

func invalid(field, format string, args ...any) error {
	return refuse(ErrInvalid, ErrorDetail{Field: field}, field+": "+format, args...)
}

func ruleViolation(rule, format string, args ...any) error {
	return refuse(ErrRuleViolation, ErrorDetail{Rule: rule}, format, args...)
}

package policy_test

import (
	"errors"
	"testing"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/policy"
)

// policy2025 returns a fresh built-in 2025 policy.
func policy2025(t *testing.T) policy.Policy {
	t.Helper()
	for _, p := range policy.Builtin() {
		if p.Year == 2025 {
			return p
		}
	}
	t.Fatal("no built-in 2025 policy")
	return policy.Policy{}
}

// date parses s or fails the test.
func date(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// wantRule fails the test unless err is a *RuleError naming rule;
// rule "" means err must be nil.
func wantRule(t *testing.T, err error, rule string) {
	t.Helper()
	if rule == "" {
		if err != nil {
			t.Errorf("error = %v, want nil", err)
		}
		return
	}
	var re *policy.RuleError
	if !errors.As(err, &re) || re.Rule != rule {
		t.Errorf("error = %v, want *RuleError with rule %s", err, rule)
	}
}

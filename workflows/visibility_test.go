package workflows

import (
	"testing"

	"github.com/stretchr/testify/mock"
	"go.temporal.io/sdk/temporal"

	"github.com/liaoning-finance/cpe/store"
)

// searchAttrs keeps the search attributes a workflow under test upserted,
// as the visibility store would: later upserts override. (The test
// environment hands the mock no trace of an unset, so unsets are not seen.)
type searchAttrs map[string]any

func (sa searchAttrs) record(attrs temporal.SearchAttributes) {
	for key, v := range attrs.GetUntypedValues() {
		sa[key.GetName()] = v
	}
}

// TestSearchAttributesFollowEscalation checks what the supervisor queries of
// the README select on: after the deadline a county filing shows as overdue,
// held by its city at escalation level 1, then by the province at level 2;
// nothing personal is among the attributes.
func TestSearchAttributesFollowEscalation(t *testing.T) {
	h := newHarness(t, at("2025-09-26 10:00"), at("2025-10-27 09:00"), at("2025-10-27 17:00"), "210102")
	sa := searchAttrs{}
	h.env.OnUpsertTypedSearchAttributes(mock.Anything).Return(nil).Run(func(args mock.Arguments) {
		sa.record(args.Get(0).(temporal.SearchAttributes))
	})
	want := func(when string, expect map[string]any) {
		h.check(at(when), func(store.Filing) {
			for k, v := range expect {
				if sa[k] != v {
					t.Errorf("%s: %s = %v, want %v (all: %v)", when, k, sa[k], v, sa)
				}
			}
		})
	}
	want("2025-09-26 11:00", map[string]any{"CpeKind": "filing", "CpeStage": "filing_review", "CpeRegion": "210102",
		"CpeCity": "210100", "CpeAssignedRegion": "210102", "CpeInstitution": "7", "CpeYear": int64(2025),
		"CpeOverdue": false, "CpeEscalationLevel": int64(0)})
	want("2025-10-11 00:01", map[string]any{"CpeOverdue": true, "CpeAssignedRegion": "210100", "CpeEscalationLevel": int64(1)})
	want("2025-10-17 00:01", map[string]any{"CpeOverdue": true, "CpeAssignedRegion": "210000", "CpeEscalationLevel": int64(2)})
	h.decide(at("2025-10-17 10:00"), "province", provinceRev, StepFiling, DecisionReject, "逾期未补正")
	if got := h.run(); got != store.StageRejected {
		t.Fatalf("final stage %s", got)
	}
	if sa["CpeStage"] != "rejected" || sa["CpeOverdue"] != false || sa["CpeEscalationLevel"] != int64(0) {
		t.Errorf("after the decision: %v", sa)
	}
	for k, v := range sa {
		if s, ok := v.(string); ok && (len(s) == 18 || s == "沈阳会计培训中心") {
			t.Errorf("%s holds %q: personal or institution data in a search attribute", k, s)
		}
	}
}

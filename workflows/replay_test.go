package workflows

import (
	"os"
	"path/filepath"
	"testing"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/worker"
)

// TestReplayRecordedHistories replays the filing histories of complete
// runs recorded from a real server (testdata/filing_*.json, written by the
// integration test with CPE_RECORD_HISTORY=1): a change to FilingWorkflow
// that would break running workflows fails here.
func TestReplayRecordedHistories(t *testing.T) {
	replayHistories(t, "filing_*.json", FilingWorkflow, 3)
}

// TestReplayClaimHistories replays the claim histories recorded from a real
// server (testdata/claim_*.json, written by integration/claim_test.go with
// CPE_RECORD_HISTORY=1): approved, rejected, returned-amended-approved
// with fewer credits, and withdrawn. A change to ClaimWorkflow that would
// break running claims fails here.
func TestReplayClaimHistories(t *testing.T) {
	replayHistories(t, "claim_*.json", ClaimWorkflow, 5)
}

// TestRecordedHistoriesCoverVersions checks that the recorded histories
// cover both paths of every workflow.GetVersion change: the histories
// recorded before the changes have no version marker (they replay on the
// DefaultVersion paths), the _v2 ones were recorded on version 1.
func TestRecordedHistoriesCoverVersions(t *testing.T) {
	tests := []struct {
		file string
		want map[string]int
	}{
		{"filing_completed.json", map[string]int{}},
		{"filing_withdrawn.json", map[string]int{}},
		{"claim_returned_amended.json", map[string]int{}},
		{"filing_completed_v2.json", map[string]int{changeFlagCount: 1, changeDeadlineMidnight: 1}},
		{"claim_returned_amended_v2.json", map[string]int{changeDeadlineMidnight: 1}},
	}
	for _, tt := range tests {
		got := versionMarkers(t, filepath.Join("testdata", tt.file))
		if len(got) != len(tt.want) {
			t.Errorf("%s: version markers %v, want %v", tt.file, got, tt.want)
			continue
		}
		for id, v := range tt.want {
			if got[id] != v {
				t.Errorf("%s: version markers %v, want %v", tt.file, got, tt.want)
			}
		}
	}
}

// versionMarkers returns the versions of the workflow.GetVersion markers of
// a recorded history, by change id.
func versionMarkers(t *testing.T, file string) map[string]int {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, err := client.HistoryFromJSON(f, client.HistoryJSONOptions{})
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	dc := converter.GetDefaultDataConverter()
	out := map[string]int{}
	for _, e := range h.GetEvents() {
		m := e.GetMarkerRecordedEventAttributes()
		if e.GetEventType() != enumspb.EVENT_TYPE_MARKER_RECORDED || m.GetMarkerName() != "Version" {
			continue
		}
		var id string
		var v int
		if err := dc.FromPayloads(m.GetDetails()["change-id"], &id); err != nil {
			t.Fatalf("%s: event %d: %v", file, e.GetEventId(), err)
		}
		if err := dc.FromPayloads(m.GetDetails()["version"], &v); err != nil {
			t.Fatalf("%s: event %d: %v", file, e.GetEventId(), err)
		}
		out[id] = v
	}
	return out
}

// replayHistories replays with workflow each history of testdata matching
// pattern, of which there must be at least want.
func replayHistories(t *testing.T, pattern string, workflow any, want int) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < want {
		t.Fatalf("%d recorded histories testdata/%s, want %d", len(files), pattern, want)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflow(workflow)
			if err := r.ReplayWorkflowHistoryFromJSONFile(nil, file); err != nil {
				t.Fatalf("replay %s: %v", file, err)
			}
		})
	}
}

package workflows

import (
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"
)

// TestReplayRecordedHistories replays the filing histories of complete
// runs recorded from a real server (testdata/filing_*.json, written by the
// integration test with CPE_RECORD_HISTORY=1): a change to FilingWorkflow
// that would break running workflows fails here.
func TestReplayRecordedHistories(t *testing.T) {
	replayHistories(t, "filing_*.json", FilingWorkflow, 1)
}

// TestReplayClaimHistories replays the claim histories recorded from a real
// server (testdata/claim_*.json, written by integration/claim_test.go with
// CPE_RECORD_HISTORY=1): approved, rejected, returned-amended-approved
// with fewer credits, and withdrawn. A change to ClaimWorkflow that would
// break running claims fails here.
func TestReplayClaimHistories(t *testing.T) {
	replayHistories(t, "claim_*.json", ClaimWorkflow, 4)
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

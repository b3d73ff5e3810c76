package workflows

import (
	"path/filepath"
	"testing"

	"go.temporal.io/sdk/worker"
)

// TestReplayClaimHistories replays the claim histories recorded from a real
// server (testdata/claim_*.json, written by integration/claim_test.go with
// CPE_RECORD_HISTORY=1): approved, rejected, returned-amended-approved
// with fewer credits, and withdrawn. A change to ClaimWorkflow that would
// break running claims fails here.
func TestReplayClaimHistories(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "claim_*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 4 {
		t.Fatalf("%d recorded claim histories in testdata, want 4", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			r := worker.NewWorkflowReplayer()
			r.RegisterWorkflow(ClaimWorkflow)
			if err := r.ReplayWorkflowHistoryFromJSONFile(nil, file); err != nil {
				t.Fatalf("replay %s: %v", file, err)
			}
		})
	}
}

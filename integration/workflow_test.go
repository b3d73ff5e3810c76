package integration

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// checkVisibility waits until the visibility API lists workflow wid for
// query, and checks that its summary starts with summaryPrefix and that
// neither the summary nor the search attributes contain any of hidden.
func (s *stack) checkVisibility(t *testing.T, wid, query, summaryPrefix string, hidden ...string) {
	t.Helper()
	s.eventually(15*time.Second, "visibility "+query, func() string {
		resp, err := s.temporal.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{
			Query: query + fmt.Sprintf(" AND WorkflowId = '%s'", wid)})
		if err != nil {
			return err.Error()
		}
		if len(resp.Executions) != 1 {
			return fmt.Sprintf("%d executions listed", len(resp.Executions))
		}
		return ""
	})
	desc, err := s.temporal.DescribeWorkflow(context.Background(), wid, "")
	if err != nil {
		t.Fatal(err)
	}
	summary, err := desc.GetStaticSummary()
	if err != nil {
		t.Fatal(err)
	}
	attrs := desc.RawResponse.GetWorkflowExecutionInfo().GetSearchAttributes().String()
	bad := !strings.HasPrefix(summary, summaryPrefix)
	for _, h := range hidden {
		bad = bad || strings.Contains(summary+attrs, h)
	}
	if bad {
		t.Errorf("summary %q, search attributes %s", summary, attrs)
	}
}

// recordHistory writes the history of workflow wid to
// workflows/testdata/<name>.json when CPE_RECORD_HISTORY is set, for the
// replay tests of package workflows. A recorded history is never
// overwritten: it stands for the workflows that ran on the code of its day,
// which must keep replaying; a change behind a new workflow.GetVersion is
// recorded under a new name (e.g. filing_completed_v2).
func (s *stack) recordHistory(t *testing.T, wid, name string) {
	t.Helper()
	if os.Getenv("CPE_RECORD_HISTORY") == "" {
		return
	}
	file := filepath.Join(repoRoot(), "workflows", "testdata", name+".json")
	if _, err := os.Stat(file); err == nil {
		t.Logf("kept the recorded %s", file)
		return
	}
	var h historypb.History
	it := s.temporal.GetWorkflowHistory(context.Background(), wid, "", false, 0)
	for it.HasNext() {
		e, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		h.Events = append(h.Events, e)
	}
	raw, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(&h)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("recorded %s (%d events)", file, len(h.Events))
}

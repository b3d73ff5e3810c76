package integration

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/liaoning-finance/cpe/store"
)

// TestTraceFollowsARequestIntoWorkflowsAndQueries files a training and
// follows its trace: the HTTP request span, the Temporal client span, the
// workflow and activity spans on the worker, and the pgx query spans, all in
// one trace.
func TestTraceFollowsARequestIntoWorkflowsAndQueries(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})

	s := startStack(t)
	instID := s.institution("追踪培训中心", "210102")
	inst := s.account(map[string]any{"role": "institution", "institution_id": instID})
	start := time.Now().Add(time.Hour).Truncate(time.Second)
	var f store.Filing
	s.must(http.StatusCreated, request{method: "POST", path: "/v1/filings", token: inst, body: map[string]any{
		"title": "追踪", "category": "professional", "level": "junior", "venue": "沈阳",
		"start_at": start.Format(time.RFC3339), "end_at": start.Add(time.Hour).Format(time.RFC3339), "credits": 1}}, &f)

	s.eventually(30*time.Second, "the filing's trace", func() string {
		var root sdktrace.ReadOnlySpan
		for _, sp := range spans.Ended() {
			if sp.Name() == "POST /v1/filings" {
				root = sp
			}
		}
		if root == nil {
			return "no HTTP span"
		}
		seen := map[string]bool{}
		// The workflow span lasts as long as the workflow: it has started,
		// not ended.
		for _, sp := range spans.Started() {
			if sp.SpanContext().TraceID() != root.SpanContext().TraceID() {
				continue
			}
			switch {
			case strings.HasPrefix(sp.Name(), "StartWorkflow:FilingWorkflow"):
				seen["client"] = true
			case strings.HasPrefix(sp.Name(), "RunWorkflow:FilingWorkflow"):
				seen["workflow"] = true
			case strings.HasPrefix(sp.Name(), "RunActivity:"):
				seen["activity"] = true
			case strings.Contains(sp.InstrumentationScope().Name, "otelpgx"):
				seen["pgx"] = true
			}
		}
		var missing []string
		for _, k := range []string{"client", "workflow", "activity", "pgx"} {
			if !seen[k] {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			return fmt.Sprintf("missing %v spans in trace %s", missing, root.SpanContext().TraceID())
		}
		return ""
	})
}

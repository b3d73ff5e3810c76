package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

// EvaluationStarted is the answer to POST /v1/admin/compliance/{year}/evaluate.
type EvaluationStarted struct {
	Year       int    `json:"year"`
	WorkflowID string `json:"workflow_id"`
	RunID      string `json:"run_id"`
}

// evaluateCompliance answers POST /v1/admin/compliance/{year}/evaluate:
// it starts the evaluation of the year and answers 202 with the workflow
// id. While one runs, a repeated request answers with the running one.
func (s *Server) evaluateCompliance(c *gin.Context) {
	year, ok := pathYear(c)
	if !ok {
		return
	}
	if year > calendar.DateOf(time.Now()).Year {
		failField(c, "year", "the year has not started")
		return
	}
	if _, err := s.Store.Policy(c, year); errors.Is(err, store.ErrNotFound) {
		failRule(c, "policy", fmt.Sprintf("no continuing-education policy is loaded for %d: load it with PUT /v1/admin/policy/%d", year, year))
		return
	} else if err != nil {
		failInternal(c, err)
		return
	}
	if s.Temporal == nil {
		fail(c, http.StatusServiceUnavailable, "unavailable", "Temporal is not connected")
		return
	}
	run, err := s.Temporal.ExecuteWorkflow(c, workflows.ComplianceStartOptions(year, s.TaskQueue),
		workflows.ComplianceWorkflow, year)
	if err != nil {
		failInternal(c, fmt.Errorf("start compliance evaluation: %w", err))
		return
	}
	p := principal(c)
	if err := s.Store.Audit(c, store.AuditEntry{AccountID: p.AccountRef(), Role: string(p.Role),
		Action: "compliance.evaluate", SubjectKind: "compliance", SubjectID: strconv.Itoa(year),
		Details: map[string]any{"workflow_id": run.GetID(), "run_id": run.GetRunID()}}); err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusAccepted, EvaluationStarted{Year: year, WorkflowID: run.GetID(), RunID: run.GetRunID()})
}

// complianceRun answers GET /v1/admin/compliance/{year}: the state of the
// year's evaluation.
func (s *Server) complianceRun(c *gin.Context) {
	year, ok := pathYear(c)
	if !ok {
		return
	}
	run, err := s.Store.ComplianceRunOf(c, year)
	if errors.Is(err, store.ErrNotFound) {
		fail(c, http.StatusNotFound, "not_evaluated", fmt.Sprintf("%d has never been evaluated", year))
		return
	}
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, run)
}

package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

// DecisionBody is the body of POST /v1/filings/{id}/decisions.
type DecisionBody struct {
	Step     string `json:"step"`
	Decision string `json:"decision"`
	Reason   string `json:"reason"`
}

// filingProcess is the workflow of filing f.
func filingProcess(f store.Filing) process {
	return process{noun: "filing", workflowID: f.WorkflowID}
}

func (s *Server) decideFiling(c *gin.Context) {
	f, key, ok := s.loadFilingForChange(c)
	if !ok {
		return
	}
	var body DecisionBody
	if !bindJSON(c, &body) {
		return
	}
	if body.Step != workflows.StepFiling && body.Step != workflows.StepRecords {
		failField(c, "step", `want "filing" or "records"`)
		return
	}
	id := updateID(c, "decide", key)
	same := func() (bool, error) {
		d, err := s.Store.FilingDecisionByRequest(c, f.ID, id)
		return d.Step == body.Step && d.Decision == body.Decision, err
	}
	req := workflows.DecisionRequest{Step: body.Step, Decision: body.Decision, Reason: body.Reason, Actor: actorOf(principal(c))}
	if s.decide(c, filingProcess(f), id, req, same) {
		s.respondFiling(c, http.StatusOK, f.ID)
	}
}

func (s *Server) amendFiling(c *gin.Context) {
	f, key, ok := s.loadFilingForChange(c)
	if !ok {
		return
	}
	var req FilingRequest
	if !bindJSON(c, &req) {
		return
	}
	t, ok := s.checkTraining(c, req, f.Region)
	if !ok {
		return
	}
	id := updateID(c, "amend", key)
	amend := workflows.AmendRequest{Actor: actorOf(principal(c)), Title: t.Title, Category: t.Category, Level: t.Level,
		Venue: t.Venue, StartAt: t.StartAt, EndAt: t.EndAt, Credits: t.Credits, Year: t.Year}
	if s.update(c, filingProcess(f), workflows.AmendUpdate, id, amend) {
		s.respondFiling(c, http.StatusOK, f.ID)
	}
}

func (s *Server) withdrawFiling(c *gin.Context) {
	f, ok := s.loadFiling(c)
	if !ok {
		return
	}
	body, id, ok := withdrawal(c)
	if !ok {
		return
	}
	req := workflows.WithdrawRequest{Actor: actorOf(principal(c)), Reason: body.Reason}
	if s.update(c, filingProcess(f), workflows.WithdrawUpdate, id, req) {
		s.respondFiling(c, http.StatusOK, f.ID)
	}
}

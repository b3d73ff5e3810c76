package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

// maxIdempotencyKey caps the Idempotency-Key header.
const maxIdempotencyKey = 200

// updateID is the Temporal update id of a request: the caller's
// Idempotency-Key namespaced by operation and account, so the same key
// repeats the same request only; without a key, a random one.
func updateID(c *gin.Context, op string) (string, bool) {
	key := c.GetHeader("Idempotency-Key")
	if len(key) > maxIdempotencyKey {
		failField(c, "Idempotency-Key", fmt.Sprintf("at most %d characters", maxIdempotencyKey))
		return "", false
	}
	if key == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		key = "auto-" + hex.EncodeToString(b)
	}
	return fmt.Sprintf("%s:%d:%s", op, principal(c).AccountID, key), true
}

// update sends a filing Update with the given id and waits until it took
// effect; refusals are answered and reported as false.
func (s *Server) update(c *gin.Context, f store.Filing, name, id string, arg any) bool {
	ctx, cancel := contextWithTimeout(c, temporalTimeout)
	defer cancel()
	h, err := s.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: f.WorkflowID, UpdateName: name,
		UpdateID: id, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		var res workflows.FilingUpdateResult
		err = h.Get(ctx, &res)
	}
	if err != nil {
		failTemporal(c, err)
		return false
	}
	return true
}

// DecisionBody is the body of POST /v1/filings/{id}/decisions.
type DecisionBody struct {
	Step     string `json:"step"`
	Decision string `json:"decision"`
	Reason   string `json:"reason"`
}

func (s *Server) decideFiling(c *gin.Context) {
	f, ok := s.loadFiling(c)
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
	id, ok := updateID(c, "decide")
	if !ok {
		return
	}
	// A repeat of a decision that took effect answers as the first did, also
	// after the workflow finished.
	_, err := s.Store.FilingDecisionByRequest(c, f.ID, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		req := workflows.DecisionRequest{Step: body.Step, Decision: body.Decision, Reason: body.Reason, Actor: actorOf(principal(c))}
		if !s.update(c, f, workflows.DecideUpdate, id, req) {
			return
		}
	case err != nil:
		failInternal(c, err)
		return
	}
	s.respondFiling(c, http.StatusOK, f.ID)
}

func (s *Server) amendFiling(c *gin.Context) {
	f, ok := s.loadFiling(c)
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
	id, ok := updateID(c, "amend")
	if !ok {
		return
	}
	amend := workflows.AmendRequest{Actor: actorOf(principal(c)), Title: t.Title, Category: t.Category, Level: t.Level,
		Venue: t.Venue, StartAt: t.StartAt, EndAt: t.EndAt, Credits: t.Credits, Year: t.Year}
	if s.update(c, f, workflows.AmendUpdate, id, amend) {
		s.respondFiling(c, http.StatusOK, f.ID)
	}
}

// WithdrawBody is the optional body of POST /v1/filings/{id}/withdraw.
type WithdrawBody struct {
	Reason string `json:"reason"`
}

func (s *Server) withdrawFiling(c *gin.Context) {
	f, ok := s.loadFiling(c)
	if !ok {
		return
	}
	var body WithdrawBody
	if c.Request.ContentLength != 0 && !bindJSON(c, &body) {
		return
	}
	id, ok := updateID(c, "withdraw")
	if !ok {
		return
	}
	req := workflows.WithdrawRequest{Actor: actorOf(principal(c)), Reason: body.Reason}
	if s.update(c, f, workflows.WithdrawUpdate, id, req) {
		s.respondFiling(c, http.StatusOK, f.ID)
	}
}

package api

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

// temporalTimeout bounds a request's wait for Temporal.
const temporalTimeout = 30 * time.Second

// maxIdempotencyKey caps the Idempotency-Key header.
const maxIdempotencyKey = 200

// process is the workflow of one filing or claim, as the handlers drive it.
type process struct {
	// noun names the item in error answers: "filing" or "claim".
	noun       string
	workflowID string
}

// WithdrawBody is the optional body of POST /v1/filings/{id}/withdraw and
// POST /v1/claims/{id}/withdraw.
type WithdrawBody struct {
	Reason string `json:"reason"`
}

// actorOf is the workflow actor of the caller.
func actorOf(p Principal) store.Actor {
	return store.Actor{AccountID: p.AccountID, Role: string(p.Role), Region: p.Region, InstitutionID: p.InstitutionID}
}

// reserveID reserves the id of a new filing or claim of owner with reserve,
// under the caller's Idempotency-Key and the hash of content, so that the
// key repeats the same request only: a key reused for other content is 409,
// naming what. It reports whether the handler may go on.
func reserveID(c *gin.Context, what string, reserve func(context.Context, int64, string, []byte) (int64, error),
	owner int64, content any) (int64, bool) {
	raw, err := json.Marshal(content)
	if err != nil {
		failInternal(c, err)
		return 0, false
	}
	sum := sha256.Sum256(raw)
	id, err := reserve(c, owner, c.GetHeader("Idempotency-Key"), sum[:])
	if errors.Is(err, store.ErrKeyReused) {
		fail(c, http.StatusConflict, "conflict", "the Idempotency-Key was already used for a different "+what)
		return 0, false
	}
	if err != nil {
		failInternal(c, err)
		return 0, false
	}
	return id, true
}

// start starts the workflow of a new filing or claim (noun); one already
// started under the same id, by a repeated request, is fine. Refusals are
// answered and reported as false.
func (s *Server) start(c *gin.Context, noun string, opts client.StartWorkflowOptions, workflow, input any) bool {
	ctx, cancel := contextWithTimeout(c, temporalTimeout)
	defer cancel()
	_, err := s.Temporal.ExecuteWorkflow(ctx, opts, workflow, input)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if err != nil && !errors.As(err, &started) {
		failTemporal(c, noun, err)
		return false
	}
	return true
}

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

// update sends Update name with update id to p's workflow and waits until it
// took effect; refusals are answered and reported as false.
func (s *Server) update(c *gin.Context, p process, name, id string, arg any) bool {
	ctx, cancel := contextWithTimeout(c, temporalTimeout)
	defer cancel()
	h, err := s.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: p.workflowID, UpdateName: name,
		UpdateID: id, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		err = h.Get(ctx, nil)
	}
	if err != nil {
		failTemporal(c, p.noun, err)
		return false
	}
	return true
}

// decide sends decision req with update id to p's workflow, unless that
// decision already took effect: lookup is the error of reading it from the
// store, store.ErrNotFound when it did not. A repeat answers as the first
// did, also after the workflow finished.
func (s *Server) decide(c *gin.Context, p process, id string, lookup error, req any) bool {
	switch {
	case errors.Is(lookup, store.ErrNotFound):
		return s.update(c, p, workflows.DecideUpdate, id, req)
	case lookup != nil:
		failInternal(c, lookup)
		return false
	}
	return true
}

// withdrawal reads the optional body of a withdraw request and its update id.
func withdrawal(c *gin.Context) (WithdrawBody, string, bool) {
	var body WithdrawBody
	if c.Request.ContentLength != 0 && !bindJSON(c, &body) {
		return body, "", false
	}
	id, ok := updateID(c, "withdraw")
	return body, id, ok
}

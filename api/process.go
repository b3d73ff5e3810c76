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

// idempotencyKey returns the caller's Idempotency-Key header ("" when not
// sent), answering 400 naming the header when it is longer than
// maxIdempotencyKey or holds anything but printable ASCII. Every mutating
// handler of filings and claims (create, decisions, withdraw, amend,
// records, proofs) reads the key through it, once the item is found and in
// the caller's scope, before anything else.
func idempotencyKey(c *gin.Context) (string, bool) {
	key := c.GetHeader("Idempotency-Key")
	if len(key) > maxIdempotencyKey {
		failField(c, "Idempotency-Key", fmt.Sprintf("at most %d characters", maxIdempotencyKey))
		return "", false
	}
	for i := range len(key) {
		if key[i] < 0x20 || key[i] > 0x7e {
			failField(c, "Idempotency-Key", "printable ASCII characters only")
			return "", false
		}
	}
	return key, true
}

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
// under the caller's Idempotency-Key key and the hash of content, so that
// the key repeats the same request only: a key reused for other content is
// 409, naming what. It reports whether the handler may go on.
func reserveID(c *gin.Context, what string, reserve func(context.Context, int64, string, []byte) (int64, error),
	owner int64, key string, content any) (int64, bool) {
	raw, err := json.Marshal(content)
	if err != nil {
		failInternal(c, err)
		return 0, false
	}
	sum := sha256.Sum256(raw)
	id, err := reserve(c, owner, key, sum[:])
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
// Idempotency-Key key (see idempotencyKey) namespaced by operation and
// account, so the same key repeats the same request only; without a key, a
// random one.
func updateID(c *gin.Context, op, key string) string {
	if key == "" {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		key = "auto-" + hex.EncodeToString(b)
	}
	return fmt.Sprintf("%s:%d:%s", op, principal(c).AccountID, key)
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

// failKeyReused answers 409: the caller's Idempotency-Key already took
// effect with a different request.
func failKeyReused(c *gin.Context) {
	fail(c, http.StatusConflict, "conflict", "Idempotency-Key reused for a different request")
}

// decide sends decision req with update id to p's workflow, unless a
// decision already took effect under that id. same reads that decision and
// reports whether it is the one req asks for (store.ErrNotFound when none
// took effect). A repeat answers as the first did, also after the workflow
// finished; the key of another decision (step, outcome or credits) is 409,
// also when the two requests race.
func (s *Server) decide(c *gin.Context, p process, id string, req any, same func() (bool, error)) bool {
	match, err := same()
	if errors.Is(err, store.ErrNotFound) {
		if !s.update(c, p, workflows.DecideUpdate, id, req) {
			return false
		}
		// Temporal answered a racing request under the same id with
		// the outcome of the first: compare with what took effect.
		if match, err = same(); errors.Is(err, store.ErrNotFound) {
			match, err = true, nil
		}
	}
	switch {
	case err != nil:
		failInternal(c, err)
		return false
	case !match:
		failKeyReused(c)
		return false
	}
	return true
}

// withdrawal reads the Idempotency-Key and the optional body of a withdraw
// request, and returns the body and the request's update id.
func withdrawal(c *gin.Context) (WithdrawBody, string, bool) {
	var body WithdrawBody
	key, ok := idempotencyKey(c)
	if !ok || c.Request.ContentLength != 0 && !bindJSON(c, &body) {
		return body, "", false
	}
	return body, updateID(c, "withdraw", key), true
}

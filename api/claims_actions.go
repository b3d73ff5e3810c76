package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

// ClaimDecisionBody is the body of POST /v1/claims/{id}/decisions. Credits,
// only for an approval, grants fewer credits than claimed: a number for a
// claim of one category, or {"professional": …, "public": …}; omitted, the
// claimed credits are granted.
type ClaimDecisionBody struct {
	Decision string          `json:"decision"`
	Reason   string          `json:"reason"`
	Credits  json.RawMessage `json:"credits"`
}

// claimUpdate sends a claim Update with the given id and waits until it
// took effect; refusals are answered and reported as false.
func (s *Server) claimUpdate(c *gin.Context, cl store.Claim, name, id string, arg any) bool {
	ctx, cancel := contextWithTimeout(c, temporalTimeout)
	defer cancel()
	h, err := s.Temporal.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: cl.WorkflowID, UpdateName: name,
		UpdateID: id, Args: []any{arg}, WaitForStage: client.WorkflowUpdateStageCompleted})
	if err == nil {
		var res workflows.ClaimUpdateResult
		err = h.Get(ctx, &res)
	}
	if err != nil {
		failClaimTemporal(c, err)
		return false
	}
	return true
}

// approvedCredits reads the credits of a decision body for claim cl: nil
// when omitted; a bare number goes to the one category cl claims.
func approvedCredits(raw json.RawMessage, cl store.Claim) (*store.ClaimCredits, *claimError) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var out store.ClaimCredits
	if raw[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&out); err != nil {
			return nil, claimFieldErr("credits", `want a number or {"professional": number, "public": number}`)
		}
		return &out, nil
	}
	var n float64
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, claimFieldErr("credits", `want a number or {"professional": number, "public": number}`)
	}
	switch {
	case cl.Claimed.Professional > 0 && cl.Claimed.Public > 0:
		return nil, claimFieldErr("credits", `the claim has professional and public credits: send {"professional": number, "public": number}`)
	case cl.Claimed.Public > 0:
		out.Public = n
	default:
		out.Professional = n
	}
	return &out, nil
}

func (s *Server) decideClaim(c *gin.Context) {
	cl, ok := s.loadClaim(c)
	if !ok {
		return
	}
	var body ClaimDecisionBody
	if !bindJSON(c, &body) {
		return
	}
	credits, ierr := approvedCredits(body.Credits, cl)
	if ierr != nil {
		failClaim(c, ierr)
		return
	}
	id, ok := updateID(c, "decide")
	if !ok {
		return
	}
	// A repeat of a decision that took effect answers as the first did, also
	// after the workflow finished.
	_, err := s.Store.ClaimDecisionByRequest(c, cl.ID, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		req := workflows.ClaimDecisionRequest{DecisionRequest: workflows.DecisionRequest{Step: workflows.StepClaim,
			Decision: body.Decision, Reason: body.Reason, Actor: actorOf(principal(c))}, Credits: credits, Proofs: cl.ProofCount}
		if !s.claimUpdate(c, cl, workflows.DecideUpdate, id, req) {
			return
		}
	case err != nil:
		failInternal(c, err)
		return
	}
	s.respondClaim(c, http.StatusOK, cl.ID)
}

func (s *Server) amendClaim(c *gin.Context) {
	cl, ok := s.loadClaim(c)
	if !ok {
		return
	}
	person, ok := s.applicant(c)
	if !ok {
		return
	}
	content, ok := s.bindClaim(c, person)
	if !ok {
		return
	}
	if content.Kind != cl.Kind {
		failField(c, "kind", "a claim keeps its kind ("+cl.Kind+"); withdraw it and file a new claim instead")
		return
	}
	id, ok := updateID(c, "amend")
	if !ok {
		return
	}
	req := workflows.ClaimAmendRequest{Actor: actorOf(principal(c)), PersonID: person.ID, Year: content.Year,
		PolicyYear: content.PolicyYear, Details: content.Details, Claimed: content.Claimed}
	if s.claimUpdate(c, cl, workflows.AmendUpdate, id, req) {
		s.respondClaim(c, http.StatusOK, cl.ID)
	}
}

func (s *Server) withdrawClaim(c *gin.Context) {
	cl, ok := s.loadClaim(c)
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
	p := principal(c)
	req := workflows.ClaimWithdrawRequest{Actor: actorOf(p), PersonID: p.PersonID, Reason: body.Reason}
	if s.claimUpdate(c, cl, workflows.WithdrawUpdate, id, req) {
		s.respondClaim(c, http.StatusOK, cl.ID)
	}
}

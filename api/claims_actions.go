package api

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

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

// claimProcess is the workflow of claim cl.
func claimProcess(cl store.Claim) process {
	return process{noun: "claim", workflowID: cl.WorkflowID}
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

// sameClaimDecision reports whether d, a decision that took effect, is
// the one a request asks for: the same outcome and, for an approval, the
// same credits granted (credits, or all claimed when nil).
func sameClaimDecision(d store.ClaimDecision, decision string, credits *store.ClaimCredits, claimed store.ClaimCredits) bool {
	if d.Decision != decision {
		return false
	}
	if d.Approved == nil {
		return credits == nil
	}
	want := claimed
	if credits != nil {
		want = *credits
	}
	return *d.Approved == want
}

func (s *Server) decideClaim(c *gin.Context) {
	cl, key, ok := s.loadClaimForChange(c)
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
	id := updateID(c, "decide", key)
	same := func() (bool, error) {
		d, err := s.Store.ClaimDecisionByRequest(c, cl.ID, id)
		return sameClaimDecision(d, body.Decision, credits, cl.Claimed), err
	}
	req := workflows.ClaimDecisionRequest{DecisionRequest: workflows.DecisionRequest{Step: workflows.StepClaim,
		Decision: body.Decision, Reason: body.Reason, Actor: actorOf(principal(c))}, Credits: credits, Proofs: cl.ProofCount}
	if s.decide(c, claimProcess(cl), id, req, same) {
		s.respondClaim(c, http.StatusOK, cl.ID)
	}
}

func (s *Server) amendClaim(c *gin.Context) {
	cl, key, ok := s.loadClaimForChange(c)
	if !ok {
		return
	}
	person, content, ok := s.bindClaim(c)
	if !ok {
		return
	}
	if content.Kind != cl.Kind {
		failField(c, "kind", "a claim keeps its kind ("+cl.Kind+"); withdraw it and file a new claim instead")
		return
	}
	id := updateID(c, "amend", key)
	req := workflows.ClaimAmendRequest{Actor: actorOf(principal(c)), PersonID: person.ID, Year: content.Year,
		PolicyYear: content.PolicyYear, Details: content.Details, Claimed: content.Claimed}
	if s.update(c, claimProcess(cl), workflows.AmendUpdate, id, req) {
		s.respondClaim(c, http.StatusOK, cl.ID)
	}
}

func (s *Server) withdrawClaim(c *gin.Context) {
	cl, ok := s.loadClaim(c)
	if !ok {
		return
	}
	body, id, ok := withdrawal(c)
	if !ok {
		return
	}
	p := principal(c)
	req := workflows.ClaimWithdrawRequest{Actor: actorOf(p), PersonID: p.PersonID, Reason: body.Reason}
	if s.update(c, claimProcess(cl), workflows.WithdrawUpdate, id, req) {
		s.respondClaim(c, http.StatusOK, cl.ID)
	}
}

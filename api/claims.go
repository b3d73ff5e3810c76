package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

const (
	scopeOwnClaim   = "accountant: their own claims (another person's is 404)"
	scopeReadClaims = "accountant: their own claims (another person's is 404); reviewer and supervisor: claims of persons of regions their region covers (else 403)"
	scopeClaimDec   = "reviewer: the department holding the review; supervisor: reviews held within its region (else 403)"
)

// claimRoutes are the endpoints of individual credit claims. Institutions
// and admins are refused on every one of them (403): claims and their proof
// files are personal data of the applicant and of the departments
// reviewing them.
func (s *Server) claimRoutes() []Route {
	acc := []Role{RoleAccountant}
	readers := []Role{RoleAccountant, RoleReviewer, RoleSupervisor}
	deciders := []Role{RoleReviewer, RoleSupervisor}
	return []Route{
		{Method: http.MethodPost, Path: "/v1/claims", Roles: acc, Scope: "accountant: claims for themselves only", Handle: s.createClaim},
		{Method: http.MethodGet, Path: "/v1/claims", Roles: readers, Scope: scopeReadClaims, Handle: s.listClaims},
		{Method: http.MethodGet, Path: "/v1/claims/:id", Roles: readers, Scope: scopeReadClaims, Handle: s.getClaim},
		{Method: http.MethodPost, Path: "/v1/claims/:id/amend", Roles: acc, Scope: scopeOwnClaim, Handle: s.amendClaim},
		{Method: http.MethodPost, Path: "/v1/claims/:id/withdraw", Roles: acc, Scope: scopeOwnClaim, Handle: s.withdrawClaim},
		{Method: http.MethodPost, Path: "/v1/claims/:id/decisions", Roles: deciders, Scope: scopeClaimDec, Handle: s.decideClaim},
		{Method: http.MethodPost, Path: "/v1/claims/:id/proofs", Roles: acc, Scope: scopeOwnClaim, Handle: s.uploadProof},
		{Method: http.MethodGet, Path: "/v1/claims/:id/proofs", Roles: readers, Scope: scopeReadClaims, Handle: s.listProofs},
		{Method: http.MethodGet, Path: "/v1/claims/:id/proofs/:proof_id", Roles: readers, Scope: scopeReadClaims, Handle: s.downloadProof},
	}
}

// bindClaim reads the person of the calling accountant and decodes and
// judges a claim body for them, answering 400 or 422 itself; it reports
// whether the handler may go on.
func (s *Server) bindClaim(c *gin.Context) (store.Person, claimContent, bool) {
	person, err := s.Store.Person(c, principal(c).PersonID)
	if err != nil {
		failInternal(c, err)
		return person, claimContent{}, false
	}
	var raw map[string]json.RawMessage
	if !bindJSON(c, &raw) {
		return person, claimContent{}, false
	}
	var req ClaimRequest
	if b, err := json.Marshal(raw); err != nil {
		failInternal(c, err)
		return person, claimContent{}, false
	} else if err := json.Unmarshal(b, &req); err != nil {
		failJSON(c, err)
		return person, claimContent{}, false
	}
	form, ierr := parseClaim(req, raw)
	if ierr != nil {
		failClaim(c, ierr)
		return person, claimContent{}, false
	}
	facts := claimFacts{person: person, today: calendar.DateOf(time.Now()), policies: map[int]policy.Policy{}}
	load := s.policyCache(c)
	for _, y := range []int{form.year, form.year + 1, facts.today.Year} {
		p, err := load(y)
		if err != nil {
			failInternal(c, err)
			return person, claimContent{}, false
		}
		if p != nil {
			facts.policies[y] = *p
		}
	}
	content, ierr := judgeClaim(form, facts)
	if ierr != nil {
		failClaim(c, ierr)
		return person, content, false
	}
	return person, content, true
}

// failClaim answers a claim refusal: 422 naming the rule, or 400 naming
// the field.
func failClaim(c *gin.Context, e *claimError) {
	if e.Rule != "" {
		failRule(c, e.Rule, e.Message)
		return
	}
	failField(c, e.Field, e.Message)
}

func (s *Server) createClaim(c *gin.Context) {
	key, ok := idempotencyKey(c)
	if !ok {
		return
	}
	person, content, ok := s.bindClaim(c)
	if !ok {
		return
	}
	region, err := codes.ParseRegion(person.Region)
	if err != nil {
		failRule(c, ruleExcludedRegion, "your region "+person.Region+" is not served: "+err.Error())
		return
	}
	id, ok := reserveID(c, "claim", s.Store.ReserveClaimID, person.ID, key, content)
	if !ok {
		return
	}
	cl := store.Claim{ID: id, PersonID: person.ID, Region: region.Code, City: region.City(), Kind: content.Kind,
		Year: content.Year, PolicyYear: content.PolicyYear, ClaimDetails: content.Details, Claimed: content.Claimed}
	actor := actorOf(principal(c))
	if !s.start(c, "claim", workflows.ClaimStartOptions(cl, s.TaskQueue), workflows.ClaimWorkflow,
		workflows.ClaimInput{Claim: cl, Submitter: actor}) {
		return
	}
	if _, err := s.Store.CreateClaim(c, cl, actor); err != nil {
		failInternal(c, err)
		return
	}
	s.respondClaim(c, http.StatusCreated, id)
}

// respondClaim answers with the claim as the read model has it.
func (s *Server) respondClaim(c *gin.Context, status int, id int64) {
	cl, err := s.Store.GetClaim(c, id)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(status, cl)
}

// loadClaimForChange loads the claim of a mutating request and reads its
// Idempotency-Key (see idempotencyKey), answering any error itself.
func (s *Server) loadClaimForChange(c *gin.Context) (store.Claim, string, bool) {
	cl, ok := s.loadClaim(c)
	if !ok {
		return cl, "", false
	}
	key, ok := idempotencyKey(c)
	return cl, key, ok
}

// loadClaim reads the claim of the :id path parameter and enforces the
// caller's scope: an accountant sees only their own (404 otherwise), a
// reviewer or supervisor those of the regions it covers (403 otherwise).
func (s *Server) loadClaim(c *gin.Context) (store.Claim, bool) {
	id, ok := pathID(c)
	if !ok {
		return store.Claim{}, false
	}
	cl, err := s.Store.GetClaim(c, id)
	if !found(c, err, "no such claim") {
		return cl, false
	}
	p := principal(c)
	switch p.Role {
	case RoleAccountant:
		if cl.PersonID != p.PersonID {
			fail(c, http.StatusNotFound, "not_found", "no such claim")
			return cl, false
		}
	case RoleReviewer, RoleSupervisor:
		if !covers(p.Region, cl.Region) {
			fail(c, http.StatusForbidden, "forbidden", "the claim's region "+cl.Region+" is outside your region "+p.Region)
			return cl, false
		}
	default:
		fail(c, http.StatusForbidden, "forbidden", "claims are seen only by the applicant and the reviewing departments")
		return cl, false
	}
	return cl, true
}

func (s *Server) getClaim(c *gin.Context) {
	if cl, ok := s.loadClaim(c); ok {
		c.JSON(http.StatusOK, cl)
	}
}

package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/workflows"
)

const (
	scopeOwnFiling   = "institution: its own filings (another institution's is 404)"
	scopeReadFilings = "institution: its own filings (another's is 404); reviewer and supervisor: filings of regions their region covers (else 403); admin: all"
	scopeDecide      = "reviewer: the department holding the review; supervisor: reviews held within its region (else 403)"
)

// filingRoutes are the endpoints of face-to-face filings.
func (s *Server) filingRoutes() []Route {
	inst := []Role{RoleInstitution}
	readers := []Role{RoleInstitution, RoleReviewer, RoleSupervisor, RoleAdmin}
	deciders := []Role{RoleReviewer, RoleSupervisor}
	return []Route{
		{Method: http.MethodPost, Path: "/v1/filings", Roles: inst, Scope: "institution: files for itself, in its own region", Handle: s.createFiling},
		{Method: http.MethodGet, Path: "/v1/filings", Roles: readers, Scope: scopeReadFilings, Handle: s.listFilings},
		{Method: http.MethodGet, Path: "/v1/filings/:id", Roles: readers, Scope: scopeReadFilings, Handle: s.getFiling},
		{Method: http.MethodPost, Path: "/v1/filings/:id/amend", Roles: inst, Scope: scopeOwnFiling, Handle: s.amendFiling},
		{Method: http.MethodPost, Path: "/v1/filings/:id/withdraw", Roles: inst, Scope: scopeOwnFiling, Handle: s.withdrawFiling},
		{Method: http.MethodPost, Path: "/v1/filings/:id/records", Roles: inst, Scope: scopeOwnFiling, Handle: s.uploadRecords},
		{Method: http.MethodPost, Path: "/v1/filings/:id/decisions", Roles: deciders, Scope: scopeDecide, Handle: s.decideFiling},
	}
}

func (s *Server) createFiling(c *gin.Context) {
	p := principal(c)
	key, ok := idempotencyKey(c)
	if !ok {
		return
	}
	var req FilingRequest
	if !bindJSON(c, &req) {
		return
	}
	inst, err := s.Store.Institution(c, p.InstitutionID)
	if err != nil {
		failInternal(c, err)
		return
	}
	if inst.Kind != "face_to_face" {
		fail(c, http.StatusForbidden, "forbidden", "only a face-to-face training institution files trainings")
		return
	}
	region, ok := checkRegion(c, "region", inst.Region)
	if !ok {
		return
	}
	t, ok := s.checkTraining(c, req, region.Code)
	if !ok {
		return
	}
	id, ok := reserveID(c, "filing request", s.Store.ReserveFilingID, inst.ID, key, t)
	if !ok {
		return
	}
	f := store.Filing{ID: id, InstitutionID: inst.ID, InstitutionName: inst.Name, Region: region.Code,
		City: region.City(), Title: t.Title, Category: t.Category, Level: t.Level, Venue: t.Venue,
		StartAt: t.StartAt, EndAt: t.EndAt, Credits: t.Credits, Year: t.Year}
	actor := actorOf(p)
	if !s.start(c, "filing", workflows.FilingStartOptions(f, s.TaskQueue), workflows.FilingWorkflow,
		workflows.FilingInput{Filing: f, Submitter: actor}) {
		return
	}
	if _, err := s.Store.CreateFiling(c, f, actor); err != nil {
		failInternal(c, err)
		return
	}
	s.respondFiling(c, http.StatusCreated, id)
}

// respondFiling answers with the filing as the read model has it, as the
// caller may see it (see shownTo).
func (s *Server) respondFiling(c *gin.Context, status int, id int64) {
	f, err := s.Store.GetFiling(c, id)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(status, shownTo(principal(c), f))
}

// shownTo is filing f as caller p may see it: the integrity flags of its
// records review describe other trainings and persons, for the reviewing
// departments only, so an institution gets an empty list of flags.
func shownTo(p Principal, f store.Filing) store.Filing {
	if p.Role == RoleInstitution {
		f.Flags = []store.Flag{}
	}
	return f
}

// loadFilingForChange loads the filing of a mutating request and reads its
// Idempotency-Key (see idempotencyKey), answering any error itself.
func (s *Server) loadFilingForChange(c *gin.Context) (store.Filing, string, bool) {
	f, ok := s.loadFiling(c)
	if !ok {
		return f, "", false
	}
	key, ok := idempotencyKey(c)
	return f, key, ok
}

// loadFiling reads the filing of the :id path parameter and enforces the
// caller's scope: an institution sees only its own (404 otherwise), a
// reviewer or supervisor those of the regions it covers (403 otherwise).
func (s *Server) loadFiling(c *gin.Context) (store.Filing, bool) {
	id, ok := pathID(c)
	if !ok {
		return store.Filing{}, false
	}
	f, err := s.Store.GetFiling(c, id)
	if !found(c, err, "no such filing") {
		return f, false
	}
	p := principal(c)
	switch p.Role {
	case RoleInstitution:
		if f.InstitutionID != p.InstitutionID {
			fail(c, http.StatusNotFound, "not_found", "no such filing")
			return f, false
		}
	case RoleReviewer, RoleSupervisor:
		if !covers(p.Region, f.Region) {
			fail(c, http.StatusForbidden, "forbidden", "the filing's region "+f.Region+" is outside your region "+p.Region)
			return f, false
		}
	}
	return f, true
}

// covers reports whether the region code scope covers region.
func covers(scope, region string) bool {
	s, err := codes.ParseRegion(scope)
	if err != nil {
		return false
	}
	r, err := codes.ParseRegion(region)
	return err == nil && s.Covers(r)
}

func (s *Server) getFiling(c *gin.Context) {
	if f, ok := s.loadFiling(c); ok {
		c.JSON(http.StatusOK, shownTo(principal(c), f))
	}
}

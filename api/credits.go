package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

// CreditsResponse is a person's year as GET /v1/persons/{id}/credits shows
// it: the totals per category against the policy, the ledger entries by
// source, what is still under review, and the integrity flags.
type CreditsResponse struct {
	Year         int              `json:"year"`
	PersonID     int64            `json:"person_id"`
	Professional float64          `json:"professional"`
	Public       float64          `json:"public"`
	Total        float64          `json:"total"`
	Compliant    bool             `json:"compliant"`
	Exempt       bool             `json:"exempt"`
	Shortfall    policy.Shortfall `json:"shortfall"`
	// Entries are the credits in the ledger, by date.
	Entries []store.CreditEntry `json:"entries"`
	// Pending are items under review that would add credits to the year;
	// they do not count in the totals.
	Pending []store.PendingCredit `json:"pending"`
	// IntegrityFlags are the days with more learning hours than a day has.
	IntegrityFlags []store.IntegrityFlag `json:"integrity_flags"`
}

// creditRoutes are the ledger as users see it.
func (s *Server) creditRoutes() []Route {
	return []Route{{Method: http.MethodGet, Path: "/v1/persons/:id/credits",
		Roles:  []Role{RoleAccountant, RoleReviewer, RoleSupervisor, RoleAdmin},
		Scope:  "accountant: own person only (another is 404); reviewer, supervisor: persons of the regions their region covers (else 403); admin: all",
		Handle: s.personCredits}}
}

// personCredits answers GET /v1/persons/{id}/credits?year=.
func (s *Server) personCredits(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		return
	}
	year, ok := requiredYear(c)
	if !ok {
		return
	}
	p := principal(c)
	// An accountant asking for someone else learns nothing, not even
	// whether the person exists.
	if p.Role == RoleAccountant && p.PersonID != id {
		fail(c, http.StatusNotFound, "not_found", "no such person")
		return
	}
	person, err := s.Store.Person(c, id)
	if !found(c, err, "no such person") {
		return
	}
	if !personInScope(p, person.Region) {
		fail(c, http.StatusForbidden, "forbidden", "the person is outside the region of this account")
		return
	}
	pol, err := s.Store.Policy(c, year)
	if !found(c, err, "no continuing-education policy is loaded for "+strconv.Itoa(year)) {
		return
	}
	py, err := s.Store.CreditYear(c, id, year)
	if err != nil {
		failInternal(c, err)
		return
	}
	entries := make([]policy.Entry, len(py.Entries))
	for i, e := range py.Entries {
		entries[i] = policy.Entry{Category: e.Category, Credits: e.Credits}
	}
	r, err := pol.Evaluate(person.ObligationStartYear, entries)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, CreditsResponse{Year: year, PersonID: id, Professional: r.Professional, Public: r.Public,
		Total: r.Total, Compliant: r.Compliant, Exempt: r.Exempt, Shortfall: r.Shortfall, Entries: py.Entries,
		Pending: py.Pending, IntegrityFlags: py.Flags})
}

// personInScope reports whether the caller may see items of region: an admin or
// accountant always (an accountant is limited to their own person
// elsewhere), a reviewer or supervisor when their region covers it.
func personInScope(p Principal, region string) bool {
	switch p.Role {
	case RoleAdmin, RoleAccountant:
		return true
	case RoleReviewer, RoleSupervisor:
		return covers(p.Region, region)
	}
	return false
}

// requiredYear parses the required ?year= parameter.
func requiredYear(c *gin.Context) (int, bool) {
	y, err := strconv.Atoi(c.Query("year"))
	if err != nil || y < 2000 || y > 2100 {
		failField(c, "year", "required: a year from 2000 to 2100")
		return 0, false
	}
	return y, true
}

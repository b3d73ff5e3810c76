package api

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/store"
)

// listClaims answers GET /v1/claims?stage=&kind=&year=&overdue=&page=&page_size=:
// an accountant's own claims, or the claims of the regions a reviewer's or
// supervisor's region covers, newest first.
func (s *Server) listClaims(c *gin.Context) {
	page, size, overdue, ok := listQuery(c)
	if !ok {
		return
	}
	flt := store.ClaimFilter{Stage: c.Query("stage"), Kind: c.Query("kind"), Overdue: overdue, Page: page, PageSize: size}
	if flt.Stage != "" && !slices.Contains(store.ClaimStages, flt.Stage) {
		failField(c, "stage", "not a claim stage")
		return
	}
	if flt.Kind != "" && !slices.Contains(store.ClaimKinds, flt.Kind) {
		failField(c, "kind", "not a claim kind")
		return
	}
	if v := c.Query("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2000 || y > 2100 {
			failField(c, "year", "want a year such as 2025")
			return
		}
		flt.Year = y
	}
	p := principal(c)
	if p.Role == RoleAccountant {
		flt.PersonID = p.PersonID
	} else {
		scope, ok := regionScope(c, p.Region)
		if !ok {
			return
		}
		flt.Scope = &scope
	}
	items, total, err := s.Store.ListClaims(c, flt)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, ListPage[store.Claim]{Items: items, Page: page, PageSize: size, Total: total})
}

package api

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
)

// Paging defaults of the filing, claim and review lists.
const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// maxPage bounds ?page= of every list, so the offset of a page stays far
// from overflowing (at most 1e6 pages of at most 500 rows).
const maxPage = 1_000_000

// ListPage is the body of a paged list.
type ListPage[T any] struct {
	Items    []T `json:"items"`
	Page     int `json:"page"`
	PageSize int `json:"page_size"`
	Total    int `json:"total"`
}

// pageQuery reads ?page= (default 1, at most maxPage) and ?page_size=
// (default defaultSize, at most maxSize) of every paged list, answering 400
// naming the parameter; it reports whether the handler may go on.
func pageQuery(c *gin.Context, defaultSize, maxSize int) (page, size int, ok bool) {
	page, size = 1, defaultSize
	var err error
	if v := c.Query("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > maxPage {
			failField(c, "page", fmt.Sprintf("want a whole number from 1 to %d", maxPage))
			return 0, 0, false
		}
	}
	if v := c.Query("page_size"); v != "" {
		if size, err = strconv.Atoi(v); err != nil || size < 1 || size > maxSize {
			failField(c, "page_size", fmt.Sprintf("want a whole number from 1 to %d", maxSize))
			return 0, 0, false
		}
	}
	return page, size, true
}

// listQuery reads page, page_size and overdue of a list request.
func listQuery(c *gin.Context) (page, size int, overdue *bool, ok bool) {
	if page, size, ok = pageQuery(c, defaultPageSize, maxPageSize); !ok {
		return 0, 0, nil, false
	}
	if v := c.Query("overdue"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			failField(c, "overdue", `want "true" or "false"`)
			return 0, 0, nil, false
		}
		overdue = &b
	}
	return page, size, overdue, true
}

// regionScope is the set of regions a reviewer's or supervisor's region
// covers.
func regionScope(c *gin.Context, region string) (store.RegionScope, bool) {
	r, err := codes.ParseRegion(region)
	if err != nil {
		fail(c, http.StatusForbidden, "forbidden", "the account has no valid region")
		return store.RegionScope{}, false
	}
	return store.ScopeOf(r), true
}

func (s *Server) listFilings(c *gin.Context) {
	page, size, overdue, ok := listQuery(c)
	if !ok {
		return
	}
	flt := store.FilingFilter{Stage: c.Query("stage"), Overdue: overdue, Page: page, PageSize: size}
	if flt.Stage != "" && !slices.Contains(store.FilingStages, flt.Stage) {
		failField(c, "stage", "not a filing stage")
		return
	}
	p := principal(c)
	switch p.Role {
	case RoleInstitution:
		flt.InstitutionID = p.InstitutionID
	case RoleReviewer, RoleSupervisor:
		scope, ok := regionScope(c, p.Region)
		if !ok {
			return
		}
		flt.Scope = &scope
	}
	items, total, err := s.Store.ListFilings(c, flt)
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, ListPage[store.Filing]{Items: items, Page: page, PageSize: size, Total: total})
}

package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/liaoning-finance/cpe/store"
)

// reviewRoutes are the endpoints of the review inbox.
func (s *Server) reviewRoutes() []Route {
	return []Route{
		{Method: http.MethodGet, Path: "/v1/reviews", Roles: []Role{RoleReviewer, RoleSupervisor},
			Scope:  "reviewer: open reviews held by its own department; supervisor: open reviews held within its region",
			Handle: s.reviewInbox},
	}
}

// reviewInbox serves the caller's open reviews, most urgent first, from the
// review_items read model: GET /v1/reviews?overdue=&page=&page_size=.
func (s *Server) reviewInbox(c *gin.Context) {
	page, size, overdue, ok := listQuery(c)
	if !ok {
		return
	}
	p := principal(c)
	scope, ok := regionScope(c, p.Region)
	if !ok {
		return
	}
	if p.Role == RoleReviewer {
		scope = store.RegionScope{Exact: p.Region}
	}
	items, total, err := s.Store.Inbox(c, store.InboxFilter{Scope: scope, Overdue: overdue, Page: page, PageSize: size})
	if err != nil {
		failInternal(c, err)
		return
	}
	c.JSON(http.StatusOK, ListPage[store.ReviewItem]{Items: items, Page: page, PageSize: size, Total: total})
}

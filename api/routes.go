package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Route declares one endpoint: who may call it and the scope rule its
// handler enforces. Every endpoint of the API is one entry of routes();
// a test walks the router and fails on any route that lacks a declaration.
type Route struct {
	Method string
	Path   string
	// Public routes need no token; all others list the roles allowed.
	Public bool
	Roles  []Role
	// Scope states which items of the allowed roles the handler lets through.
	Scope  string
	Handle gin.HandlerFunc
}

const (
	scopePublic = "public: no token"
	scopeAdmin  = "the whole province: admin only"
)

func (s *Server) routes() []Route {
	admin := []Role{RoleAdmin}
	rs := []Route{
		{Method: http.MethodGet, Path: "/healthz", Public: true, Scope: scopePublic, Handle: s.healthz},
		{Method: http.MethodGet, Path: "/readyz", Public: true, Scope: scopePublic, Handle: s.readyz},
		{Method: http.MethodGet, Path: "/metrics", Public: true, Scope: scopePublic, Handle: s.metrics},
		{Method: http.MethodGet, Path: "/openapi.yaml", Public: true, Scope: scopePublic, Handle: s.openapi},
		{Method: http.MethodGet, Path: "/v1/calendar/deadline", Public: true, Scope: scopePublic, Handle: s.deadline},
		{Method: http.MethodPost, Path: "/v1/admin/institutions", Roles: admin, Scope: scopeAdmin, Handle: s.createInstitution},
		{Method: http.MethodGet, Path: "/v1/admin/institutions", Roles: admin, Scope: scopeAdmin, Handle: s.listInstitutions},
		{Method: http.MethodPost, Path: "/v1/admin/persons", Roles: admin, Scope: scopeAdmin, Handle: s.createPerson},
		{Method: http.MethodGet, Path: "/v1/admin/persons/:id", Roles: admin, Scope: scopeAdmin, Handle: s.getPerson},
		{Method: http.MethodPost, Path: "/v1/admin/accounts", Roles: admin, Scope: scopeAdmin, Handle: s.createAccount},
		{Method: http.MethodPut, Path: "/v1/admin/calendar/:year", Roles: admin, Scope: scopeAdmin, Handle: s.putCalendar},
		{Method: http.MethodGet, Path: "/v1/admin/policy/:year", Roles: admin, Scope: scopeAdmin, Handle: s.getPolicy},
		{Method: http.MethodPut, Path: "/v1/admin/policy/:year", Roles: admin, Scope: scopeAdmin, Handle: s.putPolicy},
	}
	rs = append(rs, s.filingRoutes()...)
	rs = append(rs, s.reviewRoutes()...)
	rs = append(rs, s.onlineRoutes()...)
	rs = append(rs, s.creditRoutes()...)
	rs = append(rs, s.reportRoutes()...)
	rs = append(rs, s.claimRoutes()...)
	return rs
}

// Package api is the gin HTTP API: bearer authentication with roles and
// scopes, the route table, request/response types and handlers.
package api

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/contrib/instrumentation/github.com/gin-gonic/gin/otelgin"
	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/store"
)

// Server holds what the handlers need.
type Server struct {
	// Store is the PostgreSQL layer.
	Store *store.Store
	// Temporal is the Temporal client used to start and update workflows.
	Temporal client.Client
	// TaskQueue is the task queue workflows are started on.
	TaskQueue string
	// AdminToken is the bootstrap admin token (CPE_ADMIN_TOKEN).
	AdminToken string
	// Log is the structured logger.
	Log *slog.Logger
	// Registry is served on /metrics; request metrics are registered in it.
	Registry *prometheus.Registry
}

// Handler builds the gin engine with every route of the table.
func (s *Server) Handler() http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.ContextWithFallback = true
	e.Use(requestID(), otelgin.Middleware("cpe-api"), s.accessLog(), s.recovery(), newHTTPMetrics(s.Registry).middleware())
	e.NoRoute(func(c *gin.Context) { fail(c, http.StatusNotFound, "not_found", "no such endpoint") })
	e.NoMethod(func(c *gin.Context) {
		fail(c, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed on this endpoint")
	})
	for _, r := range s.routes() {
		handlers := []gin.HandlerFunc{}
		if !r.Public {
			handlers = append(handlers, s.authenticate(r.Roles))
		}
		e.Handle(r.Method, r.Path, append(handlers, r.Handle)...)
	}
	return e
}

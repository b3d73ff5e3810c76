package api

import (
	_ "embed"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.temporal.io/sdk/client"
)

//go:embed openapi.yaml
var openapiSpec []byte

func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers 200 only when PostgreSQL and Temporal both answer. It is
// public, so it says only which dependency is down; the error (with hosts
// and database names) goes to the log.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := contextWithTimeout(c, 3*time.Second)
	defer cancel()
	checks := gin.H{}
	ready := true
	check := func(name string, err error) {
		if err != nil {
			s.Log.Warn("not ready", "dependency", name, "error", err)
			checks[name], ready = "unavailable", false
			return
		}
		checks[name] = "ok"
	}
	check("postgres", s.Store.Ping(ctx))
	_, err := s.Temporal.CheckHealth(ctx, &client.CheckHealthRequest{})
	check("temporal", err)
	if !ready {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "checks": checks})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "checks": checks})
}

func (s *Server) metrics(c *gin.Context) {
	promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{}).ServeHTTP(c.Writer, c.Request)
}

func (s *Server) openapi(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml", openapiSpec)
}

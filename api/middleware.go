package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

const requestIDKey = "cpe.request_id"

// requestID takes X-Request-Id from the caller when it is sane, or makes one,
// and echoes it on the response.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		if len(id) == 0 || len(id) > 64 {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Set(requestIDKey, id)
		c.Header("X-Request-Id", id)
		c.Next()
	}
}

// accessLog writes one structured line per request, with any handler error.
func (s *Server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		attrs := []any{"method", c.Request.Method, "route", c.FullPath(), "status", c.Writer.Status(),
			"duration", time.Since(start), "request_id", c.GetString(requestIDKey)}
		if p := principal(c); p.Role != "" {
			attrs = append(attrs, "role", p.Role, "account", p.AccountID)
		}
		level := slog.LevelInfo
		if len(c.Errors) > 0 {
			level = slog.LevelError
			attrs = append(attrs, "error", c.Errors.String())
		}
		s.Log.Log(c, level, "http request", attrs...)
	}
}

// recovery turns a panic into a logged 500 with the JSON error shape.
func (s *Server) recovery() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				failInternal(c, fmt.Errorf("panic: %v", r))
			}
		}()
		c.Next()
	}
}

type httpMetrics struct {
	duration *prometheus.HistogramVec
}

// newHTTPMetrics registers the request histogram in reg, or reuses the one
// an earlier Handler call registered there.
func newHTTPMetrics(reg *prometheus.Registry) *httpMetrics {
	m := &httpMetrics{duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "cpe_http_request_duration_seconds",
		Help:    "HTTP request latency by route and status.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method", "route", "status"})}
	if reg == nil {
		return m
	}
	if err := reg.Register(m.duration); err != nil {
		var are prometheus.AlreadyRegisteredError
		if !errors.As(err, &are) {
			panic(err)
		}
		m.duration = are.ExistingCollector.(*prometheus.HistogramVec)
	}
	return m
}

func (m *httpMetrics) middleware() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		m.duration.WithLabelValues(c.Request.Method, c.FullPath(), fmt.Sprint(c.Writer.Status())).Observe(time.Since(start).Seconds())
	}
}

// Package config reads the program's settings from environment variables,
// with documented defaults, and refuses a missing or malformed value by name.
package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Config holds every setting of the binary.
type Config struct {
	// DatabaseURL is CPE_DATABASE_URL.
	DatabaseURL string
	// TemporalAddress is CPE_TEMPORAL_ADDRESS (host:port of the frontend).
	TemporalAddress string
	// TemporalNamespace is CPE_TEMPORAL_NAMESPACE.
	TemporalNamespace string
	// TaskQueue is CPE_TASK_QUEUE.
	TaskQueue string
	// HTTPAddr is CPE_HTTP_ADDR, where the API listens.
	HTTPAddr string
	// MetricsAddr is CPE_METRICS_ADDR, where a stand-alone worker serves /metrics.
	MetricsAddr string
	// AdminToken is CPE_ADMIN_TOKEN, the bootstrap admin bearer token.
	AdminToken string
	// OTelExporter is CPE_OTEL_EXPORTER: "none" or "otlp".
	OTelExporter string
	// LogLevel is CPE_LOG_LEVEL: debug, info, warn or error.
	LogLevel string
	// LogFormat is CPE_LOG_FORMAT: text or json.
	LogFormat string
}

// Var documents one environment variable.
type Var struct {
	Name    string
	Default string
	Help    string
}

// Vars lists every variable the binary reads, with its default.
var Vars = []Var{
	{"CPE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cpe?sslmode=disable", "PostgreSQL connection URL"},
	{"CPE_TEMPORAL_ADDRESS", "127.0.0.1:7233", "Temporal frontend host:port"},
	{"CPE_TEMPORAL_NAMESPACE", "default", "Temporal namespace"},
	{"CPE_TASK_QUEUE", "cpe", "Temporal task queue of the worker"},
	{"CPE_HTTP_ADDR", "127.0.0.1:8080", "address the API listens on"},
	{"CPE_METRICS_ADDR", "127.0.0.1:9464", "address a stand-alone worker serves /metrics on"},
	{"CPE_ADMIN_TOKEN", "", "bootstrap admin bearer token, at least 16 characters (required by api and dev)"},
	{"CPE_OTEL_EXPORTER", "none", "tracing exporter: none, or otlp (configured by the standard OTEL_EXPORTER_OTLP_* variables)"},
	{"CPE_LOG_LEVEL", "info", "log level: debug, info, warn, error"},
	{"CPE_LOG_FORMAT", "text", "log format: text or json"},
}

// Load reads the configuration through getenv (os.Getenv in production).
// needAdminToken makes CPE_ADMIN_TOKEN required.
func Load(getenv func(string) string, needAdminToken bool) (Config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, v := range Vars {
			if v.Name == name {
				return v.Default
			}
		}
		return ""
	}
	c := Config{
		DatabaseURL:       get("CPE_DATABASE_URL"),
		TemporalAddress:   get("CPE_TEMPORAL_ADDRESS"),
		TemporalNamespace: get("CPE_TEMPORAL_NAMESPACE"),
		TaskQueue:         get("CPE_TASK_QUEUE"),
		HTTPAddr:          get("CPE_HTTP_ADDR"),
		MetricsAddr:       get("CPE_METRICS_ADDR"),
		AdminToken:        get("CPE_ADMIN_TOKEN"),
		OTelExporter:      get("CPE_OTEL_EXPORTER"),
		LogLevel:          get("CPE_LOG_LEVEL"),
		LogFormat:         get("CPE_LOG_FORMAT"),
	}
	return c, c.check(needAdminToken)
}

func (c Config) check(needAdminToken bool) error {
	if u, err := url.Parse(c.DatabaseURL); err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return fmt.Errorf("CPE_DATABASE_URL: want postgres://user@host:port/db, got %q", c.DatabaseURL)
	}
	for name, addr := range map[string]string{"CPE_TEMPORAL_ADDRESS": c.TemporalAddress, "CPE_HTTP_ADDR": c.HTTPAddr, "CPE_METRICS_ADDR": c.MetricsAddr} {
		if _, port, err := net.SplitHostPort(addr); err != nil || port == "" {
			return fmt.Errorf("%s: want host:port, got %q", name, addr)
		}
	}
	if c.TemporalNamespace == "" || strings.ContainsAny(c.TemporalNamespace, " /") {
		return fmt.Errorf("CPE_TEMPORAL_NAMESPACE: malformed %q", c.TemporalNamespace)
	}
	if c.TaskQueue == "" || strings.ContainsAny(c.TaskQueue, " /") {
		return fmt.Errorf("CPE_TASK_QUEUE: malformed %q", c.TaskQueue)
	}
	if needAdminToken && len(c.AdminToken) < 16 {
		if c.AdminToken == "" {
			return fmt.Errorf("CPE_ADMIN_TOKEN: missing (set a random token of at least 16 characters)")
		}
		return fmt.Errorf("CPE_ADMIN_TOKEN: too short (%d characters, want at least 16)", len(c.AdminToken))
	}
	if c.OTelExporter != "none" && c.OTelExporter != "otlp" {
		return fmt.Errorf("CPE_OTEL_EXPORTER: want none or otlp, got %q", c.OTelExporter)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("CPE_LOG_LEVEL: want debug, info, warn or error, got %q", c.LogLevel)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("CPE_LOG_FORMAT: want text or json, got %q", c.LogFormat)
	}
	return nil
}

// Package worker holds the Temporal client options shared by the API and the
// worker (logger, tracing interceptor, metrics) and the worker's registration.
package worker

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.opentelemetry.io/otel/metric"
	"go.temporal.io/sdk/client"
	temporalotel "go.temporal.io/sdk/contrib/opentelemetry"
	"go.temporal.io/sdk/interceptor"
	tlog "go.temporal.io/sdk/log"
)

// ClientOptions are where and how to reach Temporal.
type ClientOptions struct {
	HostPort  string
	Namespace string
	Log       *slog.Logger
	// Meter receives the SDK's metrics; nil reports none.
	Meter metric.Meter
}

// Dial connects to Temporal with the slog logger, the OpenTelemetry tracing
// interceptor (spans flow from the HTTP request into workflows and
// activities) and the OpenTelemetry metrics handler. It waits up to 30 s for
// the frontend to answer, so a dev server that is still starting is fine.
func Dial(ctx context.Context, o ClientOptions) (client.Client, error) {
	tracing, err := temporalotel.NewTracingInterceptor(temporalotel.TracerOptions{})
	if err != nil {
		return nil, fmt.Errorf("temporal tracing interceptor: %w", err)
	}
	opts := client.Options{
		HostPort:     o.HostPort,
		Namespace:    o.Namespace,
		Logger:       tlog.NewStructuredLogger(o.Log),
		Interceptors: []interceptor.ClientInterceptor{tracing},
	}
	if o.Meter != nil {
		opts.MetricsHandler = temporalotel.NewMetricsHandler(temporalotel.MetricsHandlerOptions{Meter: o.Meter})
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := client.DialContext(ctx, opts)
		if err == nil {
			return c, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("connect to Temporal at %s (namespace %s): %w", o.HostPort, o.Namespace, err)
		}
		o.Log.Info("waiting for Temporal", "address", o.HostPort, "error", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

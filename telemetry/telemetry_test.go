package telemetry

import (
	"context"
	"log/slog"
	"testing"

	"go.opentelemetry.io/otel"
)

func TestSetupNoneReportsMetricsWithoutTracing(t *testing.T) {
	tel, err := Setup(context.Background(), "cpe-test", "none")
	if err != nil {
		t.Fatal(err)
	}
	defer tel.Shutdown(context.Background())
	if tel.Tracing {
		t.Fatal("tracing is on with exporter none")
	}
	counter, err := tel.Meter.Int64Counter("cpe_test_events")
	if err != nil {
		t.Fatal(err)
	}
	counter.Add(context.Background(), 3)
	families, err := tel.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "cpe_test_events_total" && f.GetMetric()[0].GetCounter().GetValue() == 3 {
			return
		}
	}
	t.Fatal("the meter's counter is not in the registry")
}

func TestSetupOTLPInstallsTheTracerProvider(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")
	before := otel.GetTracerProvider()
	tel, err := Setup(context.Background(), "cpe-test", "otlp")
	if err != nil {
		t.Fatal(err)
	}
	defer tel.Shutdown(context.Background())
	if !tel.Tracing || otel.GetTracerProvider() == before {
		t.Fatal("otlp did not install a tracer provider")
	}
}

func TestNewLoggerLevel(t *testing.T) {
	if !NewLogger("debug", "json").Enabled(context.Background(), slog.LevelDebug) {
		t.Fatal("debug level not enabled")
	}
	if NewLogger("warn", "text").Enabled(context.Background(), slog.LevelInfo) {
		t.Fatal("info enabled at warn level")
	}
}

package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.temporal.io/sdk/client"

	"github.com/liaoning-finance/cpe/config"
	"github.com/liaoning-finance/cpe/store"
	"github.com/liaoning-finance/cpe/telemetry"
	"github.com/liaoning-finance/cpe/worker"
)

// app is what every command shares: configuration, logger, telemetry, the
// database and (for api, worker, dev) the Temporal client.
type app struct {
	cfg      config.Config
	log      *slog.Logger
	tel      *telemetry.Telemetry
	store    *store.Store
	temporal client.Client
}

func newApp(ctx context.Context, cmd string, cfg config.Config) (*app, error) {
	a := &app{cfg: cfg, log: telemetry.NewLogger(cfg.LogLevel, cfg.LogFormat).With("service", "cpe-"+cmd)}
	slog.SetDefault(a.log)
	tel, err := telemetry.Setup(ctx, "cpe-"+cmd, cfg.OTelExporter)
	if err != nil {
		return nil, err
	}
	a.tel = tel
	if cmd == "migrate" || cmd == "dev" {
		if err := store.EnsureDatabase(ctx, cfg.DatabaseURL); err != nil {
			a.close()
			return nil, fmt.Errorf("%w\n(is PostgreSQL running? Locally: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; or set CPE_DATABASE_URL)", err)
		}
	}
	a.store, err = store.Open(ctx, cfg.DatabaseURL, tel.Tracing)
	if err != nil {
		a.close()
		return nil, fmt.Errorf("%w\n(is PostgreSQL running? Locally: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; or set CPE_DATABASE_URL)", err)
	}
	if cmd == "migrate" {
		return a, nil
	}
	a.temporal, err = worker.Dial(ctx, worker.ClientOptions{HostPort: cfg.TemporalAddress, Namespace: cfg.TemporalNamespace, Log: a.log, Meter: tel.Meter})
	if err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

func (a *app) close() {
	if a.temporal != nil {
		a.temporal.Close()
	}
	if a.store != nil {
		a.store.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if a.tel != nil {
		if err := a.tel.Shutdown(ctx); err != nil {
			a.log.Warn("telemetry shutdown", "error", err)
		}
	}
}

package main

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/api"
	"github.com/liaoning-finance/cpe/worker"
)

func runMigrate(ctx context.Context, a *app) error {
	if err := a.store.Migrate(ctx, a.log); err != nil {
		return err
	}
	if err := a.store.SeedBuiltins(ctx); err != nil {
		return err
	}
	a.log.Info("database is up to date")
	return nil
}

func runAPI(ctx context.Context, a *app) error {
	srv := &api.Server{Store: a.store, Temporal: a.temporal, TaskQueue: a.cfg.TaskQueue,
		AdminToken: a.cfg.AdminToken, Log: a.log, Registry: a.tel.Registry}
	return serve(ctx, a, a.cfg.HTTPAddr, srv.Handler())
}

func runWorker(ctx context.Context, a *app) error {
	metrics := http.NewServeMux()
	metrics.Handle("/metrics", promhttp.HandlerFor(a.tel.Registry, promhttp.HandlerOpts{}))
	stop, err := startWorker(a)
	if err != nil {
		return err
	}
	defer stop()
	return serve(ctx, a, a.cfg.MetricsAddr, metrics)
}

// startWorker starts the Temporal worker; the returned stop waits for
// running activities to finish (graceful shutdown).
func startWorker(a *app) (stop func(), err error) {
	w := worker.New(a.temporal, a.cfg.TaskQueue, &activities.Activities{Store: a.store, Log: a.log})
	if err := w.Start(); err != nil {
		return nil, err
	}
	a.log.Info("worker started", "task_queue", a.cfg.TaskQueue, "namespace", a.cfg.TemporalNamespace)
	return func() {
		a.log.Info("worker stopping")
		w.Stop()
	}, nil
}

// serve runs an HTTP server on addr until ctx ends, then drains it.
func serve(ctx context.Context, a *app, addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	a.log.Info("listening", "address", "http://"+addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if errors.Is(<-errc, http.ErrServerClosed) && err == nil {
		a.log.Info("stopped", "address", addr)
	}
	return err
}

package main

import (
	"context"
	"fmt"
	"os"

	"github.com/liaoning-finance/cpe/api"
)

// runDev is the local stack in one process: migrations, built-in data, the
// demo accounts (printed with their tokens), the worker and the API.
func runDev(ctx context.Context, a *app) error {
	if err := runMigrate(ctx, a); err != nil {
		return err
	}
	if err := runSetupTemporal(ctx, a); err != nil {
		return err
	}
	accounts, err := seedDemo(ctx, a.store, a.cfg.AdminToken)
	if err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	stop, err := startWorker(a)
	if err != nil {
		return err
	}
	defer stop()
	printDemo(os.Stdout, a.cfg, accounts)
	srv := &api.Server{Store: a.store, Temporal: a.temporal, TaskQueue: a.cfg.TaskQueue,
		AdminToken: a.cfg.AdminToken, Log: a.log, Registry: a.tel.Registry}
	return serve(ctx, a, a.cfg.HTTPAddr, srv.Handler())
}

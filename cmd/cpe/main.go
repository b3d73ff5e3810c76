// Command cpe is the CPE approvals binary: the HTTP API, the Temporal worker,
// the database migrations, and all of them at once for local use.
//
// Usage:
//
//	cpe api       serve the HTTP API
//	cpe worker    run the Temporal worker
//	cpe migrate   apply database migrations and built-in policy/calendar data
//	cpe dev       migrate, seed demo accounts, run worker and API in one process
//	cpe setup-temporal     register the search attributes and the compliance schedule
//	cpe search-attributes  print the start-dev flags that register them
//
// Settings come from environment variables; `cpe help` lists them.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/liaoning-finance/cpe/config"
)

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	cmd := os.Args[1]
	run, ok := map[string]func(context.Context, *app) error{
		"api":            runAPI,
		"worker":         runWorker,
		"migrate":        runMigrate,
		"dev":            runDev,
		"setup-temporal": runSetupTemporal,
	}[cmd]
	if cmd == "search-attributes" {
		printSearchAttributeFlags()
		return
	}
	if !ok {
		if cmd == "help" || cmd == "-h" || cmd == "--help" {
			usage()
			return
		}
		fmt.Fprintf(os.Stderr, "cpe: unknown command %q\n\n", cmd)
		usage()
		os.Exit(2)
	}
	cfg, err := config.Load(os.Getenv, cmd == "api" || cmd == "dev")
	if err != nil {
		fmt.Fprintf(os.Stderr, "cpe %s: configuration: %v\n", cmd, err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a, err := newApp(ctx, cmd, cfg)
	if err == nil {
		err = run(ctx, a)
		a.close()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "cpe %s: %v\n", cmd, err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: cpe <command>

commands:
  api       serve the HTTP API
  worker    run the Temporal worker
  migrate   apply database migrations and built-in policy/calendar data
  dev       migrate, seed demo accounts, run worker and API in one process
  setup-temporal     register the search attributes and the yearly compliance schedule
  search-attributes  print the temporal server start-dev flags for them

environment:
`)
	for _, v := range config.Vars {
		def := v.Default
		if def == "" {
			def = "(none)"
		}
		fmt.Fprintf(os.Stderr, "  %-24s %s; default %s\n", v.Name, v.Help, def)
	}
}

package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"

	"github.com/liaoning-finance/cpe/workflows"
)

// printSearchAttributeFlags prints the `temporal server start-dev` flags that
// register every custom search attribute (used by scripts/run-local.sh).
func printSearchAttributeFlags() {
	for _, name := range sortedAttributeNames() {
		fmt.Printf("--search-attribute %s=%s\n", name, typeName(workflows.SearchAttributes()[name]))
	}
}

func sortedAttributeNames() []string {
	var names []string
	for n := range workflows.SearchAttributes() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// typeName is the CLI spelling of an indexed value type ("Keyword", "Datetime").
func typeName(t enumspb.IndexedValueType) string {
	return strings.TrimPrefix(t.String(), "INDEXED_VALUE_TYPE_")
}

// runSetupTemporal prepares the namespace: the custom search attributes
// missing from it (a cluster started without them, as in deploy/) and the
// yearly compliance schedule. Both steps are idempotent.
func runSetupTemporal(ctx context.Context, a *app) error {
	if err := registerSearchAttributes(ctx, a); err != nil {
		return err
	}
	if err := workflows.EnsureComplianceSchedule(ctx, a.temporal, a.cfg.TaskQueue); err != nil {
		return fmt.Errorf("compliance schedule: %w", err)
	}
	a.log.Info("compliance schedule in place", "schedule", workflows.ComplianceScheduleID)
	return nil
}

// registerSearchAttributes adds the custom search attributes the namespace
// lacks and refuses one registered with another type.
func registerSearchAttributes(ctx context.Context, a *app) error {
	ops := a.temporal.OperatorService()
	have, err := ops.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: a.cfg.TemporalNamespace})
	if err != nil {
		return fmt.Errorf("list search attributes: %w", err)
	}
	missing := map[string]enumspb.IndexedValueType{}
	for name, t := range workflows.SearchAttributes() {
		if got, ok := have.GetCustomAttributes()[name]; ok {
			if got != t {
				return fmt.Errorf("search attribute %s exists with type %s, want %s", name, got, t)
			}
			continue
		}
		missing[name] = t
	}
	if len(missing) == 0 {
		a.log.Info("search attributes already registered", "count", len(workflows.SearchAttributes()))
		return nil
	}
	if _, err := ops.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: a.cfg.TemporalNamespace, SearchAttributes: missing}); err != nil {
		return fmt.Errorf("add search attributes: %w", err)
	}
	a.log.Info("search attributes registered", "count", len(missing))
	return nil
}

package workflows

// All returns the workflow functions the worker registers.
func All() []any {
	return []any{FilingWorkflow, ClaimWorkflow, ComplianceWorkflow}
}

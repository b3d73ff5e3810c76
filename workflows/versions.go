package workflows

// Change ids of workflow.GetVersion. A workflow whose history was written
// before a change replays on its DefaultVersion path; every path stays
// until no running workflow can take it (testdata holds a recorded history
// of each).
const (
	// changeFlagCount (version 1): a filing writes its changes with
	// ApplyFilingChangeCounted, which returns the number of integrity flags
	// only; before, ApplyFilingChange returned every flag.
	changeFlagCount = "filing-change-flag-count"
	// changeDeadlineMidnight (version 1): a deadline timer fires at the end
	// of the deadline's day, 24:00 +08:00 (DESIGN.md §3); before, at
	// Deadline.At, 23:59:59 +08:00.
	changeDeadlineMidnight = "deadline-timer-at-midnight"
)

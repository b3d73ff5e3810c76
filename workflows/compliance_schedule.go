package workflows

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

// ComplianceScheduleID is the id of the yearly compliance schedule.
const ComplianceScheduleID = "compliance-yearly"

// complianceCatchup is how late a missed scheduled run still starts.
const complianceCatchup = 7 * 24 * time.Hour

// complianceSchedule is when the previous year is evaluated: 1 February,
// 02:00 Asia/Shanghai, a month after the year ended, so that late online
// postings and reviews of December trainings have arrived. A run missed
// while Temporal was down is caught up within a week.
func complianceSchedule(taskQueue string) (client.ScheduleSpec, *client.ScheduleWorkflowAction) {
	spec := client.ScheduleSpec{
		Calendars: []client.ScheduleCalendarSpec{{
			Month:      []client.ScheduleRange{{Start: 2}},
			DayOfMonth: []client.ScheduleRange{{Start: 1}},
			Hour:       []client.ScheduleRange{{Start: 2}},
			Comment:    "each 1 February 02:00: evaluate the previous year",
		}},
		TimeZoneName: "Asia/Shanghai",
	}
	action := &client.ScheduleWorkflowAction{
		ID:                    "compliance-scheduled",
		Workflow:              ComplianceWorkflow,
		Args:                  []any{0},
		TaskQueue:             taskQueue,
		StaticSummary:         "年度继续教育达标评估 · 上一年度（定时）",
		TypedSearchAttributes: temporal.NewSearchAttributes(KindKey.ValueSet(kindCompliance)),
	}
	return spec, action
}

// EnsureComplianceSchedule creates the yearly compliance schedule, or
// brings an existing one up to date with this version's spec and action;
// calling it again changes nothing. Pausing the schedule in the UI is kept.
func EnsureComplianceSchedule(ctx context.Context, c client.Client, taskQueue string) error {
	spec, action := complianceSchedule(taskQueue)
	_, err := c.ScheduleClient().Create(ctx, client.ScheduleOptions{
		ID:            ComplianceScheduleID,
		Spec:          spec,
		Action:        action,
		Overlap:       enumspb.SCHEDULE_OVERLAP_POLICY_SKIP,
		CatchupWindow: complianceCatchup,
		Note:          "evaluates each person's continuing-education year after it ends",
	})
	if err == nil {
		return nil
	}
	if !errors.Is(err, temporal.ErrScheduleAlreadyRunning) {
		return fmt.Errorf("create schedule %s: %w", ComplianceScheduleID, err)
	}
	err = c.ScheduleClient().GetHandle(ctx, ComplianceScheduleID).Update(ctx, client.ScheduleUpdateOptions{
		DoUpdate: func(in client.ScheduleUpdateInput) (*client.ScheduleUpdate, error) {
			s := in.Description.Schedule
			s.Spec, s.Action = &spec, action
			if s.Policy == nil {
				s.Policy = &client.SchedulePolicies{}
			}
			s.Policy.Overlap = enumspb.SCHEDULE_OVERLAP_POLICY_SKIP
			s.Policy.CatchupWindow = complianceCatchup
			return &client.ScheduleUpdate{Schedule: &s}, nil
		},
	})
	if err != nil {
		return fmt.Errorf("update schedule %s: %w", ComplianceScheduleID, err)
	}
	return nil
}

package activities

import (
	"context"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/liaoning-finance/cpe/calendar"
)

// reminderHour is the local hour (Asia/Shanghai) a reminder goes out on its day.
const reminderHour = 9

// ScheduleRequest asks for the deadlines of a period that starts with an
// event on From, counted in working days by the calendar.
type ScheduleRequest struct {
	// From is the day of the event; counting starts the day after.
	From calendar.Date `json:"from"`
	// WorkingDays is the length of the period (≥ 1).
	WorkingDays int `json:"working_days"`
	// ReminderBefore places a reminder that many working days before the
	// deadline (0: no reminder).
	ReminderBefore int `json:"reminder_before"`
	// FollowUpWorkingDays places a second deadline that many working days
	// after the first (0: none).
	FollowUpWorkingDays int `json:"follow_up_working_days"`
}

// Schedule is the deadlines of a period.
type Schedule struct {
	// Due is the end of the last working day of the period.
	Due calendar.Deadline `json:"due"`
	// ReminderAt is 09:00 of the reminder day, or nil when there is no
	// reminder or its day would not come after From.
	ReminderAt *time.Time `json:"reminder_at,omitempty"`
	// FollowUp is the second deadline, or nil.
	FollowUp *calendar.Deadline `json:"follow_up,omitempty"`
}

// Schedule computes the deadlines of req from the calendar in PostgreSQL.
func (a *Activities) Schedule(ctx context.Context, req ScheduleRequest) (Schedule, error) {
	cal, err := a.Store.Calendar(ctx)
	if err != nil {
		return Schedule{}, fmt.Errorf("load calendar: %w", err)
	}
	s, err := ComputeSchedule(cal, req)
	if err != nil {
		return Schedule{}, temporal.NewNonRetryableApplicationError(err.Error(), "InvalidSchedule", err)
	}
	return s, nil
}

// ComputeSchedule computes the deadlines of req on cal.
func ComputeSchedule(cal *calendar.Calendar, req ScheduleRequest) (Schedule, error) {
	due, err := cal.AddWorkingDays(req.From, req.WorkingDays)
	if err != nil {
		return Schedule{}, err
	}
	s := Schedule{Due: due}
	if req.ReminderBefore > 0 {
		day, err := cal.SubtractWorkingDays(due.Date, req.ReminderBefore)
		if err != nil {
			return Schedule{}, err
		}
		if day.After(req.From) {
			at := day.StartOf().Add(reminderHour * time.Hour)
			s.ReminderAt = &at
		}
	}
	if req.FollowUpWorkingDays > 0 {
		follow, err := cal.AddWorkingDays(due.Date, req.FollowUpWorkingDays)
		if err != nil {
			return Schedule{}, err
		}
		s.FollowUp = &follow
	}
	return s, nil
}

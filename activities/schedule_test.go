package activities_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/liaoning-finance/cpe/activities"
	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/internal/testdb"
)

func date(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The deadlines of DESIGN.md §3 from the calendar in PostgreSQL, with the
// reminder and the second deadline of a review.
func TestScheduleFromDatabase(t *testing.T) {
	s, _ := testdb.New(t)
	a := &activities.Activities{Store: s, Log: slog.New(slog.DiscardHandler)}
	tests := []struct {
		from, due, reminder, followUp string
		provisional                   bool
	}{
		{"2025-04-30", "2025-05-19", "2025-05-15 09:00", "2025-05-26", false},
		{"2025-12-26", "2026-01-12", "2026-01-08 09:00", "2026-01-19", false},
		{"2026-12-28", "2027-01-11", "2027-01-07 09:00", "2027-01-18", true},
	}
	for _, tt := range tests {
		got, err := a.Schedule(context.Background(), activities.ScheduleRequest{From: date(t, tt.from), WorkingDays: 10,
			ReminderBefore: 2, FollowUpWorkingDays: 5})
		if err != nil {
			t.Fatal(err)
		}
		if got.Due.Date.String() != tt.due || got.Due.Provisional != tt.provisional ||
			got.ReminderAt == nil || got.ReminderAt.In(calendar.Shanghai).Format("2006-01-02 15:04") != tt.reminder ||
			got.FollowUp == nil || got.FollowUp.Date.String() != tt.followUp {
			t.Errorf("from %s: %+v (reminder %v, follow-up %+v)", tt.from, got.Due, got.ReminderAt, got.FollowUp)
		}
	}
	rules, err := a.Rules(context.Background(), 2025)
	if err != nil || rules.Review.DeadlineWorkingDays != 5 || rules.RecordsDueWorkingDays != 10 || rules.Review.MaxReturnRounds != 3 {
		t.Errorf("rules of 2025: %+v, %v", rules, err)
	}
	if _, err := a.Schedule(context.Background(), activities.ScheduleRequest{From: date(t, "2025-01-01")}); err == nil {
		t.Error("a period of 0 working days was accepted")
	}
}

package workflows

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/liaoning-finance/cpe/calendar"
	"github.com/liaoning-finance/cpe/codes"
	"github.com/liaoning-finance/cpe/store"
)

// awaitRecords waits for the attendance records until their deadline (or,
// after a return, the correction deadline); when it passes, the filing is
// overdue, escalates up the ladder and late records need a supervisor.
func (r *filingRun) awaitRecords(ctx workflow.Context) error {
	home, err := codes.ParseRegion(r.f.Region)
	if err != nil {
		return err
	}
	due := r.f.RecordsDueAt
	if r.f.Stage == store.StageRecordsReturned {
		due = r.f.CorrectionDueAt
	}
	timers, cancel := workflow.WithCancel(ctx)
	defer cancel()
	var reminderDue, deadlinePassed, followUpPassed, reminded, followedUp bool
	if at := r.recordsSched.ReminderAt; at != nil {
		startTimer(timers, *at, "records reminder", &reminderDue)
	}
	startDeadlineTimer(timers, *due, "records deadline", &deadlinePassed)
	if f := r.recordsSched.FollowUp; f != nil {
		startDeadlineTimer(timers, f.At, "records second escalation", &followUpPassed)
	}
	for {
		if err := workflow.Await(ctx, func() bool {
			return r.records != nil || (reminderDue && !reminded) || (deadlinePassed && !r.f.Overdue) ||
				(followUpPassed && !followedUp)
		}); err != nil {
			return err
		}
		switch {
		case r.records != nil:
			r.takeRecords()
			return nil
		case reminderDue && !reminded:
			reminded = true
			err = notify(ctx, r.recordsNotice("records_reminder", r.f.Region,
				fmt.Sprintf("%s 的培训记录须于 %s 前导入", r.label(), due.In(calendar.Shanghai).Format("2006-01-02 15:04"))))
		case deadlinePassed && !r.f.Overdue:
			err = r.recordsOverdue(ctx, home)
		default:
			followedUp = true
			err = r.escalateRecords(ctx, home, codes.Region{Code: codes.ProvinceCode, Level: codes.Province}, "second")
		}
		if err != nil {
			return err
		}
	}
}

// recordsOverdue marks the records late and escalates them one level above
// the department holding the filing.
func (r *filingRun) recordsOverdue(ctx workflow.Context, home codes.Region) error {
	r.f.Overdue, r.f.RecordsLate, r.f.SupervisorRequired = true, true, true
	dept, err := r.holder(home)
	if err != nil {
		return err
	}
	if up, ok := dept.Parent(); ok {
		dept = up
	}
	return r.escalateRecords(ctx, home, dept, "deadline")
}

// holder is the department holding the filing: the one overdue records
// were escalated to, or home.
func (r *filingRun) holder(home codes.Region) (codes.Region, error) {
	if r.f.AssignedRegion == "" {
		return home, nil
	}
	return codes.ParseRegion(r.f.AssignedRegion)
}

// escalateRecords hands overdue records to dept and tells it.
func (r *filingRun) escalateRecords(ctx workflow.Context, home, dept codes.Region, which string) error {
	r.f.AssignedRegion, r.f.EscalationLevel = dept.Code, max(0, int(dept.Level)-int(home.Level))
	audit := r.audit(store.SystemActor, "filing.records_overdue", map[string]any{
		"assigned_region": dept.Code, "escalation_level": r.f.EscalationLevel})
	if err := r.persist(ctx, store.FilingChange{Audit: &audit}); err != nil {
		return err
	}
	return notify(ctx, r.recordsNotice("records_overdue_"+which, dept.Code,
		fmt.Sprintf("%s 的培训记录逾期未导入，已升级至 %s 督办；逾期导入须由监督人员审核", r.label(), dept.Name())))
}

// recordsNotice is an outbox message about the records of this round.
func (r *filingRun) recordsNotice(kind, region, message string) store.Notification {
	return store.Notification{Kind: kind, Region: region, SubjectKind: kindFiling, SubjectID: fmt.Sprint(r.f.ID),
		Message: message, DedupKey: fmt.Sprintf("filing:%d:records:%d:%s:%s", r.f.ID, r.f.RecordsReturns+1, kind, region)}
}

// takeRecords moves an uploaded batch into review; the review writes it
// (with the integrity flags) when it opens, and answers the Update then.
func (r *filingRun) takeRecords() {
	batch := take(&r.subject, &r.records).BatchID
	r.f.RecordsBatchID = &batch
	r.f.Stage, r.f.CorrectionDueAt = store.StageRecordsReview, nil
	r.onOpen = store.FilingChange{CheckOverlaps: true, BatchStatus: store.BatchInReview}
}

// recordsReview runs the records review; late records start where the
// overdue records were escalated to and need a supervisor.
func (r *filingRun) recordsReview(ctx workflow.Context) error {
	start := ""
	if r.f.RecordsLate {
		start = r.f.AssignedRegion
	}
	dec, err := r.openReview(ctx, StepRecords, r.f.RecordsReturns, start, r.f.RecordsLate, func() bool { return false })
	if err != nil {
		return err
	}
	item := r.closeReview()
	ch := store.FilingChange{Review: item, Decision: decisionRow(dec)}
	switch dec.Decision {
	case DecisionApprove:
		r.f.Stage, ch.BatchStatus, ch.PostCredits = store.StageCompleted, store.BatchApproved, true
	case DecisionReject:
		r.f.Stage, ch.BatchStatus = store.StageRejected, store.BatchRejected
	case DecisionReturn:
		sched, err := r.schedule(ctx, calendar.DateOf(dec.At), r.rules.Review.CorrectionWorkingDays)
		if err != nil {
			return err
		}
		r.recordsSched = sched
		at := sched.Due.At
		r.f.Stage, r.f.CorrectionDueAt, ch.BatchStatus = store.StageRecordsReturned, &at, store.BatchReturned
		r.f.RecordsReturns++
		if r.f.RecordsLate {
			// Late records stay with the department they were escalated to.
			r.f.AssignedRegion, r.f.EscalationLevel = dec.AssignedRegion, dec.EscalationLevel
			r.f.SupervisorRequired = true
		}
	}
	r.acks = append(r.acks, dec.RequestID)
	return r.persist(ctx, ch)
}

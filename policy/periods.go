package policy

import "github.com/liaoning-finance/cpe/calendar"

// InLearningPeriod reports whether d lies in LearningStart…LearningEnd.
func (p Policy) InLearningPeriod(d calendar.Date) bool {
	return !d.Before(p.LearningStart) && !d.After(p.LearningEnd)
}

// InOnlineWindow reports whether d lies in OnlineStart…OnlineEnd.
func (p Policy) InOnlineWindow(d calendar.Date) bool {
	return !d.Before(p.OnlineStart) && !d.After(p.OnlineEnd)
}

// AcceptsOnlineMakeup reports whether online learning for creditYear
// completed on the date completed arrives automatically as a make-up under
// p: creditYear is the year before p.Year and completed lies in p.Year on or
// before MakeupOnlineCutoff. Online learning of a past year that is neither
// in that year's online window nor accepted here needs a make-up application.
func (p Policy) AcceptsOnlineMakeup(creditYear int, completed calendar.Date) bool {
	return creditYear == p.Year-1 && completed.Year == p.Year && !completed.After(p.MakeupOnlineCutoff)
}

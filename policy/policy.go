package policy

import "github.com/liaoning-finance/cpe/calendar"

// Credit categories.
const (
	// CategoryProfessional is 专业科目.
	CategoryProfessional = "professional"
	// CategoryPublic is 公需科目.
	CategoryPublic = "public"
)

// Online course levels.
const (
	// LevelJunior is 初级.
	LevelJunior = "junior"
	// LevelIntermediate is 中级.
	LevelIntermediate = "intermediate"
	// LevelSenior is 高级.
	LevelSenior = "senior"
)

// Policy is the continuing-education policy of one year and province.
type Policy struct {
	// Year is the year the credits belong to.
	Year int `json:"year"`
	// Province is the GB/T 2260 code of the province, e.g. "210000".
	Province string `json:"province"`

	// TotalMin is the yearly minimum of credits.
	TotalMin float64 `json:"total_min"`
	// ProfessionalMin is the yearly minimum of professional credits.
	ProfessionalMin float64 `json:"professional_min"`
	// PublicMin is the yearly minimum of public credits.
	PublicMin float64 `json:"public_min"`

	// LearningStart is the first day of the learning period.
	LearningStart calendar.Date `json:"learning_start"`
	// LearningEnd is the last day of the learning period.
	LearningEnd calendar.Date `json:"learning_end"`
	// OnlineStart is the first day of online learning.
	OnlineStart calendar.Date `json:"online_start"`
	// OnlineEnd is the last day of online learning.
	OnlineEnd calendar.Date `json:"online_end"`

	// OnlineInstitutions are the approved online training institutions.
	OnlineInstitutions []OnlineInstitution `json:"online_institutions"`
	// CourseLevels are the online course levels (LevelJunior, …).
	CourseLevels []string `json:"course_levels"`
	// Categories are the credit categories: CategoryProfessional and CategoryPublic.
	Categories []string `json:"categories"`
	// FeeYuanPer90Credits is the online fee in yuan per 90 credits per year
	// (informational).
	FeeYuanPer90Credits float64 `json:"fee_yuan_per_90_credits"`

	// OtherForms is the conversion table of other forms of learning, keyed
	// by form (FormExam, …).
	OtherForms map[string]OtherForm `json:"other_forms"`

	// CadreMinHours is the minimum of 学时 on the cadre learning site
	// (辽宁省干部在线学习网) that earns CadreCreditsAwarded.
	CadreMinHours float64 `json:"cadre_min_hours"`
	// CadreCreditsAwarded is the public credits granted for CadreMinHours
	// or more (the method CadreCredits applies the rule).
	CadreCreditsAwarded float64 `json:"cadre_credits"`

	// MakeupOnlineCutoff is the last day on which a make-up of the previous
	// year finished through an online institution arrives automatically.
	MakeupOnlineCutoff calendar.Date `json:"makeup_online_cutoff"`

	// ExcludedRegions are GB/T 2260 codes the policy does not cover; a code
	// excludes its subordinate regions too (210200 大连 excludes 210211).
	ExcludedRegions []string `json:"excluded_regions"`

	// MaxCreditsPerTrainingDay caps the credits a face-to-face training may
	// grant per training day.
	MaxCreditsPerTrainingDay float64 `json:"max_credits_per_training_day"`
	// CreditsPerHour converts learning hours (学时) to credits: the credits
	// of a face-to-face claim are its hours times CreditsPerHour (up to the
	// day cap), and the learning time of posted credits is the credits
	// divided by it (1 credit = 1 learning hour in 2025 and 2026).
	CreditsPerHour float64 `json:"credits_per_hour"`
	// RecordsDueWorkingDays is the number of working days after a training
	// ends within which its attendance records are due.
	RecordsDueWorkingDays int `json:"records_due_working_days"`

	// Review holds the review deadlines.
	Review Review `json:"review"`
}

// OnlineInstitution is an approved online training institution.
type OnlineInstitution struct {
	// Name is the registered name.
	Name string `json:"name"`
	// USCC is the unified social credit code (统一社会信用代码).
	USCC string `json:"uscc"`
}

// Review holds the review deadlines, which are policy rather than law.
type Review struct {
	// DeadlineWorkingDays is the time a reviewer has to decide.
	DeadlineWorkingDays int `json:"deadline_working_days"`
	// ReminderWorkingDaysBefore places the reminder before the deadline.
	ReminderWorkingDaysBefore int `json:"reminder_working_days_before"`
	// SecondEscalationWorkingDays is the time after the first escalation
	// before the review escalates to the province.
	SecondEscalationWorkingDays int `json:"second_escalation_working_days"`
	// MaxReturnRounds is how often an item may be returned for correction.
	MaxReturnRounds int `json:"max_return_rounds"`
	// CorrectionWorkingDays is the window an applicant or institution has to
	// amend a returned item.
	CorrectionWorkingDays int `json:"correction_working_days"`
}

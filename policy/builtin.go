package policy

import (
	"time"

	"github.com/liaoning-finance/cpe/calendar"
)

// Builtin returns the Liaoning policies of 2025 (from the 2025 notice) and
// 2026 (the same rules one year later; the annex of approved online
// institutions covers 2025–2026). Every call returns fresh values, so the
// caller may modify them.
func Builtin() []Policy {
	return []Policy{liaoning(2025), liaoning(2026)}
}

// liaoning returns the Liaoning policy of year under the 2025 rules.
func liaoning(year int) Policy {
	return Policy{
		Year:            year,
		Province:        "210000",
		TotalMin:        90,
		ProfessionalMin: 60,
		PublicMin:       30,
		LearningStart:   calendar.Date{Year: year, Month: time.January, Day: 1},
		LearningEnd:     calendar.Date{Year: year, Month: time.December, Day: 31},
		OnlineStart:     calendar.Date{Year: year, Month: time.March, Day: 1},
		OnlineEnd:       calendar.Date{Year: year, Month: time.December, Day: 31},
		// The USCCs are placeholders that only pass the GB 32100 check
		// character; the admin replaces them with the institutions' real codes.
		OnlineInstitutions: []OnlineInstitution{
			{Name: "北京东奥时代教育科技有限公司", USCC: "91110108722600001R"},
			{Name: "北京东大正保科技有限公司", USCC: "91110108700000002W"},
			{Name: "东北财经大学", USCC: "12210000455000003A"},
			{Name: "北京京人教育科技有限公司", USCC: "91110105600000004C"},
			{Name: "上海国家会计学院", USCC: "123100004250000051"},
		},
		CourseLevels:        []string{LevelJunior, LevelIntermediate, LevelSenior},
		Categories:          []string{CategoryProfessional, CategoryPublic},
		FeeYuanPer90Credits: 35,
		OtherForms: map[string]OtherForm{
			FormExam:         {Category: CategoryProfessional, Credits: 90},
			FormConference:   {Category: CategoryProfessional, Credits: 10, PerDay: true, MaxDays: 30},
			FormDegreeCourse: {Category: CategoryProfessional, Credits: 90},
			FormResearch: {Category: CategoryProfessional, Roles: map[string]float64{
				RoleSole: 90, RoleLead: 90, RoleParticipant: 60, RoleOther: 60}},
			FormPaper: {Category: CategoryProfessional, Roles: map[string]float64{
				RoleSole: 30, RoleFirst: 30, RoleOther: 10}},
			FormBook: {Category: CategoryProfessional, Roles: map[string]float64{
				RoleSole: 90, RoleFirst: 90, RoleOther: 60}},
		},
		CadreMinHours:            50,
		CadreCreditsAwarded:      30,
		MakeupOnlineCutoff:       calendar.Date{Year: year, Month: time.March, Day: 31},
		ExcludedRegions:          []string{"210200"},
		MaxCreditsPerTrainingDay: 10,
		CreditsPerHour:           1,
		RecordsDueWorkingDays:    10,
		Review: Review{
			DeadlineWorkingDays:         5,
			ReminderWorkingDaysBefore:   2,
			SecondEscalationWorkingDays: 5,
			MaxReturnRounds:             3,
			CorrectionWorkingDays:       10,
		},
	}
}

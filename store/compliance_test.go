package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/internal/testdb"
	"github.com/liaoning-finance/cpe/policy"
	"github.com/liaoning-finance/cpe/store"
)

func TestEvaluateCompliance(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	inst := testdb.OnlineInstitution(t, s)
	pol, err := s.Policy(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	ok := addPerson(t, s, 10, "210102", 2020)       // 60 + 30: compliant
	short := addPerson(t, s, 11, "210103", 2020)    // 50 + 10: short 10 / 20 / 30
	addPerson(t, s, 12, "210102", 2026)             // obligation starts later
	shenyang := addPerson(t, s, 13, "210100", 2025) // nothing: short 60 / 30 / 90
	anshan := addPerson(t, s, 14, "210300", 2020)   // another city
	credit := func(rec string, p int64, cat string, c float64) store.OnlineCredit {
		return store.OnlineCredit{RecordID: rec, PersonID: p, Year: 2025, Category: cat, Credits: c,
			CompletedOn: day(t, "2025-06-01"), CourseID: "C", Level: "junior"}
	}
	post(t, s, inst, []store.OnlineCredit{
		credit("1", ok.ID, "professional", 20), credit("2", ok.ID, "professional", 20), credit("3", ok.ID, "professional", 20),
		credit("4", ok.ID, "public", 20), credit("5", ok.ID, "public", 10),
		credit("6", short.ID, "professional", 20), credit("7", short.ID, "professional", 20), credit("8", short.ID, "professional", 10),
		credit("9", short.ID, "public", 10),
	})
	if _, err := s.ComplianceRunOf(ctx, 2025); err != store.ErrNotFound {
		t.Fatalf("run before evaluation: %v, want ErrNotFound", err)
	}
	at := time.Date(2026, 2, 1, 2, 0, 0, 0, time.UTC)
	if err := s.StartComplianceRun(ctx, 2025, "compliance-2025", at); err != nil {
		t.Fatal(err)
	}
	var after int64
	total := 0
	for {
		page, err := s.EvaluateCompliancePage(ctx, pol, "compliance-2025", after, 2, at)
		if err != nil {
			t.Fatal(err)
		}
		total += page.Evaluated
		after = page.LastPersonID
		if page.Evaluated < 2 {
			break
		}
	}
	if err := s.FinishComplianceRun(ctx, 2025, "compliance-2025", total, at.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	run, err := s.ComplianceRunOf(ctx, 2025)
	if err != nil || run.Running || run.Persons != 5 {
		t.Fatalf("run = %+v, %v", run, err)
	}
	byRegion, err := s.ComplianceByRegion(ctx, 2025, store.RegionScope{Prefix: "2101"})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.RegionCompliance{
		{Region: "210100", Name: "沈阳", Persons: 1, Short: 1},
		{Region: "210102", Name: "沈阳辖区 210102", Persons: 2, Compliant: 1, Exempt: 1},
		{Region: "210103", Name: "沈阳辖区 210103", Persons: 1, Short: 1},
	}
	if len(byRegion) != len(want) {
		t.Fatalf("by region = %+v, want %+v", byRegion, want)
	}
	for i := range want {
		if byRegion[i] != want[i] {
			t.Errorf("region %d = %+v, want %+v", i, byRegion[i], want[i])
		}
	}
	list, n, err := s.ShortPersons(ctx, 2025, store.RegionScope{Prefix: "2101"}, 1, 1)
	if err != nil || n != 2 || len(list) != 1 {
		t.Fatalf("short page 1 = %+v, %d, %v", list, n, err)
	}
	if list[0].PersonID != shenyang.ID || list[0].Shortfall != (policy.Shortfall{Professional: 60, Public: 30, Total: 90}) {
		t.Errorf("first short = %+v", list[0])
	}
	list, _, _ = s.ShortPersons(ctx, 2025, store.RegionScope{Prefix: "2101"}, 2, 1)
	if len(list) != 1 || list[0].PersonID != short.ID || list[0].Name != "测试11" ||
		list[0].IDNumberMasked != "210102********"+testdb.IDNumber(11)[14:] ||
		list[0].Professional != 50 || list[0].Public != 10 ||
		list[0].Shortfall != (policy.Shortfall{Professional: 10, Public: 20, Total: 30}) {
		t.Errorf("second short = %+v", list)
	}
	var all []int64
	if err := s.EachShortPerson(ctx, 2025, store.RegionScope{Exact: "210300"}, func(sp store.ShortPerson) error {
		all = append(all, sp.PersonID)
		return nil
	}); err != nil || len(all) != 1 || all[0] != anshan.ID {
		t.Errorf("EachShortPerson(210300) = %v, %v", all, err)
	}
}

package records

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/liaoning-finance/cpe/internal/testdb"
)

// wantError is an expected RowError: its message must contain message.
type wantError struct {
	line    int
	field   string
	message string
}

// assertErrors compares Validate's result with the expected errors, in order.
func assertErrors(t *testing.T, got []RowError, want []wantError) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.line || g.Field != w.field || !strings.Contains(g.Message, w.message) {
			t.Errorf("error %d = %+v, want line %d field %s containing %q", i, g, w.line, w.field, w.message)
		}
	}
}

func TestValidateValid(t *testing.T) {
	reg := everyone(3)
	rows := []Row{
		{Line: 1, IDNumber: testdb.IDNumber(0), Name: "甲", Credits: 10, Category: "professional"},
		{Line: 2, IDNumber: " " + testdb.IDNumber(1), Name: "乙", Credits: 0.5, Category: "专业科目"},
		{Line: 3, IDNumber: testdb.IDNumber(2), Name: "丙", Credits: 1},
	}
	errs, err := Validate(rows, reg.check())
	if err != nil || len(errs) != 0 {
		t.Fatalf("Validate = %+v, %v; want no errors", errs, err)
	}
	want := []string{testdb.IDNumber(0), testdb.IDNumber(1), testdb.IDNumber(2)}
	if reg.calls != 1 || !reflect.DeepEqual(reg.asked, want) {
		t.Errorf("Registered called %d times with %v, want once with %v", reg.calls, reg.asked, want)
	}
}

func TestValidateEveryErrorKind(t *testing.T) {
	reg := everyone(10)
	badCheck := testdb.IDNumber(3)[:17] + map[bool]string{true: "1", false: "0"}[testdb.IDNumber(3)[17] == '0']
	rows := mustParse(t, MediaCSV, []byte("身份证号,姓名,学分,科目类别\n"+
		testdb.IDNumber(0)+",甲,10,\n"+ // 1: valid
		",乙,1,\n"+ // 2: id missing
		badCheck+",丙,1,\n"+ // 3: wrong check digit
		"1.10101E+17,丁,1,\n"+ // 4: mangled by Excel
		testdb.IDNumber(4)+",,1,\n"+ // 5: name missing
		testdb.IDNumber(5)+",戊,0,\n"+ // 6: no credits
		testdb.IDNumber(6)+",己,-1,\n"+ // 7: negative credits
		testdb.IDNumber(7)+",庚,10.5,\n"+ // 8: above the filed credits
		testdb.IDNumber(8)+",辛,abc,\n"+ // 9: not a number
		testdb.IDNumber(9)+",壬,1,其他\n"+ // 10: unknown category
		testdb.IDNumber(0)+",癸,1,公需科目\n"+ // 11: duplicate of line 1 and wrong category
		testdb.IDNumber(20)+",子,1,\n"+ // 12: not registered
		",,,专业\n"+ // 13: several problems at once, in field order
		"110101199003071234,丑,1,\n")) // 14: check digit
	errs, err := Validate(rows, reg.check())
	if err != nil {
		t.Fatal(err)
	}
	assertErrors(t, errs, []wantError{
		{2, "id_number", "id_number is required"},
		{3, "id_number", "id_number: check digit"},
		{4, "id_number", "id_number looks like a number formatted by Excel (1.10101E+17): format the column as text"},
		{5, "name", "name is required"},
		{6, "credits", "credits must be greater than 0, got 0"},
		{7, "credits", "credits must be greater than 0, got -1"},
		{8, "credits", "credits 10.5 exceed the 10 credits filed"},
		{9, "credits", `credits must be a number, got "abc"`},
		{10, "category", `category must be professional (专业科目) or public (公需科目), got "其他"`},
		{11, "category", "category public differs from the filing's category professional"},
		{11, "id_number", "duplicate person: the same id_number as line 1"},
		{12, "id_number", "id_number is not registered"},
		{13, "credits", "credits is required"},
		{13, "id_number", "id_number is required"},
		{13, "name", "name is required"},
		{14, "id_number", "id_number: "},
	})
	if reg.calls != 1 || len(reg.asked) != 8 {
		t.Errorf("Registered called %d times with %d ids, want once with the 8 distinct valid ones", reg.calls, len(reg.asked))
	}
}

func TestValidateDuplicates(t *testing.T) {
	var withX string
	for i := 0; withX == ""; i++ {
		if id := testdb.IDNumber(i); strings.HasSuffix(id, "X") {
			withX = id
		}
	}
	reg := &registry{persons: map[string]bool{testdb.IDNumber(0): true}}
	rows := []Row{
		{Line: 1, IDNumber: withX, Name: "甲", Credits: 1},
		{Line: 2, IDNumber: testdb.IDNumber(0), Name: "乙", Credits: 1},
		{Line: 3, IDNumber: strings.ToLower(withX), Name: "甲", Credits: 1},
		{Line: 4, IDNumber: " " + withX + " ", Name: "甲", Credits: 1},
		{Line: 5, IDNumber: testdb.IDNumber(0), Name: "乙", Credits: 2},
	}
	errs, err := Validate(rows, reg.check())
	if err != nil {
		t.Fatal(err)
	}
	// The unregistered person is reported once, on its first line.
	assertErrors(t, errs, []wantError{
		{1, "id_number", "not registered"},
		{3, "id_number", "as line 1"},
		{4, "id_number", "as line 1"},
		{5, "id_number", "as line 2"},
	})
	if want := []string{withX, testdb.IDNumber(0)}; reg.calls != 1 || !reflect.DeepEqual(reg.asked, want) {
		t.Errorf("Registered called %d times with %v, want once with %v", reg.calls, reg.asked, want)
	}
}

func TestValidateCategories(t *testing.T) {
	reg := everyone(2)
	chk := reg.check()
	chk.Category = "公需科目"
	rows := []Row{
		{Line: 1, IDNumber: testdb.IDNumber(0), Name: "甲", Credits: 1, Category: "public"},
		{Line: 2, IDNumber: testdb.IDNumber(1), Name: "乙", Credits: 1, Category: "专业"},
	}
	errs, err := Validate(rows, chk)
	if err != nil {
		t.Fatal(err)
	}
	assertErrors(t, errs, []wantError{{2, "category", "professional differs from the filing's category public"}})
}

func TestValidateEmptyBatch(t *testing.T) {
	reg := everyone(0)
	for _, rows := range [][]Row{nil, mustParse(t, MediaCSV, []byte("身份证号,姓名,学分\n"))} {
		errs, err := Validate(rows, reg.check())
		if err != nil {
			t.Fatal(err)
		}
		assertErrors(t, errs, []wantError{{0, "rows", "no attendance rows"}})
	}
	if reg.calls != 0 {
		t.Errorf("Registered called %d times for an empty batch", reg.calls)
	}
}

func TestValidateNoValidIDSkipsLookup(t *testing.T) {
	reg := everyone(0)
	errs, err := Validate([]Row{{Line: 1, IDNumber: "123", Name: "甲", Credits: 1}}, reg.check())
	if err != nil {
		t.Fatal(err)
	}
	assertErrors(t, errs, []wantError{{1, "id_number", "must be 18 characters"}})
	if reg.calls != 0 {
		t.Errorf("Registered called %d times without a valid ID", reg.calls)
	}
}

func TestValidateRegistryFailure(t *testing.T) {
	down := errors.New("database down")
	chk := everyone(1).check()
	chk.Registered = func([]string) (map[string]bool, error) { return nil, down }
	errs, err := Validate([]Row{{Line: 1, IDNumber: testdb.IDNumber(0), Name: "甲", Credits: 1}}, chk)
	if !errors.Is(err, down) || errs != nil {
		t.Errorf("Validate = %v, %v; want the registry's error", errs, err)
	}
}

func TestValidateBadCheck(t *testing.T) {
	rows := []Row{{Line: 1, IDNumber: testdb.IDNumber(0), Name: "甲", Credits: 1}}
	reg := everyone(1)
	for name, edit := range map[string]func(*Check){
		"no filed credits": func(c *Check) { c.FiledCredits = 0 },
		"no category":      func(c *Check) { c.Category = "" },
		"bad category":     func(c *Check) { c.Category = "other" },
		"no registry":      func(c *Check) { c.Registered = nil },
	} {
		chk := reg.check()
		edit(&chk)
		if errs, err := Validate(rows, chk); err == nil || errs != nil {
			t.Errorf("%s: Validate = %v, %v; want an error", name, errs, err)
		}
	}
}

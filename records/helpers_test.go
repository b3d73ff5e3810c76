package records

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/liaoning-finance/cpe/internal/testdb"
)

// registry is a fake person registry that counts its lookups.
type registry struct {
	persons map[string]bool
	calls   int
	asked   []string
}

// everyone returns a registry in which the first n idNumbers are registered.
func everyone(n int) *registry {
	r := &registry{persons: make(map[string]bool, n)}
	for i := range n {
		r.persons[testdb.IDNumber(i)] = true
	}
	return r
}

// lookup implements Check.Registered.
func (r *registry) lookup(ids []string) (map[string]bool, error) {
	r.calls++
	r.asked = ids
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		if r.persons[id] {
			out[id] = true
		}
	}
	return out, nil
}

// check returns a professional filing of 10 credits backed by r.
func (r *registry) check() Check {
	return Check{FiledCredits: 10, Category: "professional", Registered: r.lookup}
}

// buildXLSX writes rows (header first) to the first sheet of a new workbook.
// A string value is written as a text cell, a number as a number cell, and
// an excelNumber as a number cell holding that exact text, as Excel writes
// big numbers.
func buildXLSX(tb testing.TB, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		for j, v := range row {
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				tb.Fatal(err)
			}
			if n, ok := v.(excelNumber); ok {
				err = f.SetCellDefault("Sheet1", cell, string(n))
			} else {
				err = f.SetCellValue("Sheet1", cell, v)
			}
			if err != nil {
				tb.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// excelNumber is a number cell's value as Excel stores it, for buildXLSX.
type excelNumber string

// bigCSV returns a CSV upload of n valid rows.
func bigCSV(n int) []byte {
	var b strings.Builder
	b.WriteString("身份证号,姓名,学分,科目类别\n")
	for i := range n {
		fmt.Fprintf(&b, "%s,学员%d,%d,专业科目\n", testdb.IDNumber(i), i, 1+i%10)
	}
	return []byte(b.String())
}

// bigXLSX returns an XLSX upload of n valid rows.
func bigXLSX(tb testing.TB, n int) []byte {
	rows := [][]any{{"身份证号", "姓名", "学分", "科目类别"}}
	for i := range n {
		rows = append(rows, []any{testdb.IDNumber(i), fmt.Sprintf("学员%d", i), 1 + i%10, "专业科目"})
	}
	return buildXLSX(tb, rows)
}

// mustParse parses an upload that must be valid.
func mustParse(tb testing.TB, contentType string, data []byte) []Row {
	tb.Helper()
	rows, err := Parse(contentType, bytes.NewReader(data), 0)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", contentType, err)
	}
	return rows
}

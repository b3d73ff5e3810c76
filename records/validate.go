package records

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Validate checks every row of a batch against a filing and returns all the
// problems found, sorted by line, then field: the ID-card number (present,
// not mangled by Excel, valid per GB 11643, not repeated in the batch, of a
// registered person), the name (present), the credits (a number, greater
// than 0, at most chk.FiledCredits) and the category (professional or
// public in an accepted spelling, equal to the filing's). A person repeated
// in the batch is reported on the second and later rows, naming the first;
// an unregistered person on the first row only. An empty batch yields one
// RowError with Line 0 and Field "rows".
//
// The error is non-nil only when chk is unusable or chk.Registered fails;
// chk.Registered is called at most once, with every distinct valid ID-card
// number of the batch.
func Validate(rows []Row, chk Check) ([]RowError, error) {
	filedCategory, err := chk.category()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return []RowError{{Field: "rows", Message: "the upload has no attendance rows"}}, nil
	}
	var errs []RowError
	report := func(line int, field, problem string) {
		if problem != "" {
			errs = append(errs, RowError{Line: line, Field: field, Message: problem})
		}
	}
	firstLine := make(map[string]int, len(rows))
	ids := make([]string, 0, len(rows))
	for _, row := range rows {
		id, problem := checkID(row.IDNumber)
		if first, dup := firstLine[id]; problem == "" && dup {
			problem = fmt.Sprintf("duplicate person: the same id_number as line %d", first)
		} else if problem == "" {
			firstLine[id] = row.Line
			ids = append(ids, id)
		}
		report(row.Line, colID, problem)
		report(row.Line, colName, checkName(row.Name))
		report(row.Line, colCredits, checkCredits(row, chk.FiledCredits))
		report(row.Line, colCategory, checkCategory(row.Category, filedCategory))
	}
	if len(ids) > 0 {
		registered, err := chk.Registered(ids)
		if err != nil {
			return nil, fmt.Errorf("records: look up registered persons: %w", err)
		}
		for _, id := range ids {
			if !registered[id] {
				report(firstLine[id], colID, "id_number is not registered: the person must first complete 信息采集 on the national accounting platform")
			}
		}
	}
	slices.SortStableFunc(errs, func(a, b RowError) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), strings.Compare(a.Field, b.Field))
	})
	return errs, nil
}

package records

import (
	"fmt"
	"strings"
)

// The columns of a table upload (CSV or XLSX), by their JSON names.
const (
	colID       = "id_number"
	colName     = "name"
	colCredits  = "credits"
	colCategory = "category"
)

// headerAliases maps the accepted header names (lower case) to columns.
var headerAliases = map[string]string{
	"id_number": colID, "身份证号": colID, "身份证号码": colID, "证件号码": colID,
	"name": colName, "姓名": colName,
	"credits": colCredits, "学分": colCredits,
	"category": colCategory, "科目类别": colCategory, "类别": colCategory,
}

// requiredColumns are the columns a header must have, with their Chinese
// names for error messages; the category column is optional (an absent
// category means the filing's).
var requiredColumns = []struct{ col, zh string }{
	{colID, "身份证号"}, {colName, "姓名"}, {colCredits, "学分"},
}

// table turns the rows of a CSV file or worksheet into Rows: the first
// non-blank row is the header, blank rows are skipped, and the others are
// data rows numbered from the header.
type table struct {
	out        *collector
	index      map[string]int // column → cell index; nil until the header
	headerLine int
}

// add takes the cells of the row on physical line (or sheet row) line.
func (t *table) add(line int, cells []string) error {
	if isBlank(cells) {
		return nil
	}
	if t.index == nil {
		index, err := readHeader(cells)
		if err != nil {
			return fmt.Errorf("%w: header row (line %d): %s", ErrMalformed, line, err)
		}
		t.index, t.headerLine = index, line
		return nil
	}
	row := newRow(line-t.headerLine, t.cell(cells, colID), t.cell(cells, colName), t.cell(cells, colCategory))
	setCredits(&row, t.cell(cells, colCredits))
	return t.out.add(row)
}

// finish reports an upload without a header row.
func (t *table) finish() error {
	if t.index == nil {
		return fmt.Errorf("%w: the file is empty: expected a header row with 身份证号, 姓名, 学分 (id_number, name, credits)", ErrMalformed)
	}
	return nil
}

// cell returns the trimmed cell of col, or "" when the column or the cell
// is absent.
func (t *table) cell(cells []string, col string) string {
	i, ok := t.index[col]
	if !ok || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// readHeader maps the columns of a header row to their cell indexes;
// unknown columns are ignored.
func readHeader(cells []string) (map[string]int, error) {
	index := make(map[string]int, len(headerAliases))
	for i, name := range cells {
		col, ok := headerAliases[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			continue
		}
		if j, dup := index[col]; dup {
			return nil, fmt.Errorf("columns %d (%q) and %d (%q) are both %s", j+1, cells[j], i+1, name, col)
		}
		index[col] = i
	}
	var missing []string
	for _, c := range requiredColumns {
		if _, ok := index[c.col]; !ok {
			missing = append(missing, c.zh+" ("+c.col+")")
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing column %s; found %q", strings.Join(missing, ", "), cells)
	}
	return index, nil
}

// isBlank reports whether every cell is empty or white space.
func isBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

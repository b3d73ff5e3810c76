package records

import (
	"fmt"
	"io"
)

// Parse reads an attendance-record upload of the given Content-Type:
// application/json ({"rows":[{"id_number","name","credits","category"}]}),
// text/csv or application/csv (a header row, then one row per attendee), or
// an XLSX workbook (the first sheet, laid out as the CSV). Use DetectType
// first when the declared Content-Type may be generic.
//
// Parse fails with ErrUnsupportedType for any other type, ErrTooManyRows
// when there are more than maxRows data rows (maxRows ≤ 0: no limit) and
// ErrMalformed when the content cannot be read as its type or the header
// lacks a column; an error of r itself is returned wrapped as is (so that
// errors.As finds an *http.MaxBytesError). Problems of single cells, such
// as credits that are not a number, are left to Validate, which reports
// them with the row's other problems. Zero rows is not a parse error either.
func Parse(contentType string, r io.Reader, maxRows int) ([]Row, error) {
	kind := kindOf(contentType)
	if kind == mediaXLS {
		return nil, fmt.Errorf("%w: legacy Excel 97-2003 (.xls) or password-protected workbook: save it as .xlsx or CSV", ErrUnsupportedType)
	}
	if kind == "" {
		return nil, fmt.Errorf("%w: %q: upload CSV, XLSX or JSON", ErrUnsupportedType, contentType)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("records: read upload: %w", err)
	}
	out := collector{max: maxRows}
	switch kind {
	case MediaJSON:
		err = parseJSON(data, &out)
	case MediaCSV:
		err = parseCSV(data, &out)
	default:
		err = parseXLSX(data, &out)
	}
	if err != nil {
		return nil, err
	}
	return out.rows, nil
}

// collector gathers parsed rows up to a limit.
type collector struct {
	rows []Row
	max  int
}

// add appends row, or fails with ErrTooManyRows when the limit is reached.
func (c *collector) add(row Row) error {
	if c.max > 0 && len(c.rows) >= c.max {
		return fmt.Errorf("%w: more than %d rows", ErrTooManyRows, c.max)
	}
	c.rows = append(c.rows, row)
	return nil
}

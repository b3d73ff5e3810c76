package records

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Unzip limits for workbooks: an attendance list unpacks to a few
// megabytes, so anything far bigger is refused rather than inflated (a ZIP
// bomb); worksheets stay in memory up to xlsxInMemory bytes.
const (
	xlsxUnzipLimit = 256 << 20
	xlsxInMemory   = 64 << 20
)

// parseXLSX reads the first sheet of a workbook, streaming its rows. Cells
// are read as Excel displays them, so an ID-card number typed into a
// number cell shows in scientific notation, which Validate recognises.
func parseXLSX(data []byte, out *collector) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    xlsxUnzipLimit,
		UnzipXMLSizeLimit: xlsxInMemory,
	})
	if err != nil {
		return fmt.Errorf("%w: not a readable XLSX workbook: %w", ErrMalformed, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return fmt.Errorf("%w: the workbook has no sheet", ErrMalformed)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return fmt.Errorf("%w: sheet %q: %w", ErrMalformed, sheets[0], err)
	}
	defer rows.Close()
	t := table{out: out}
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("%w: sheet %q row %d: %w", ErrMalformed, sheets[0], line, err)
		}
		if err := t.add(line, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("%w: sheet %q: %w", ErrMalformed, sheets[0], err)
	}
	return t.finish()
}

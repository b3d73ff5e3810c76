package records

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// parseCSV reads a CSV upload: comma-separated, or tab-separated when the
// first line has more tabs than commas.
func parseCSV(data []byte, out *collector) error {
	text, err := decodeText(data)
	if err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = delimiter(text)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t := table{out: out}
	for {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			return t.finish()
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrMalformed, err)
		}
		line, _ := r.FieldPos(0)
		if err := t.add(line, cells); err != nil {
			return err
		}
	}
}

// delimiter guesses the field separator from the first line of text.
func delimiter(text []byte) rune {
	first, _, _ := bytes.Cut(text, []byte("\n"))
	if bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")) {
		return '\t'
	}
	return ','
}

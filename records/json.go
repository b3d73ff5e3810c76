package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonRow is one element of the "rows" array of a JSON upload.
type jsonRow struct {
	IDNumber string   `json:"id_number"`
	Name     string   `json:"name"`
	Credits  *float64 `json:"credits"`
	Category string   `json:"category"`
}

// parseJSON reads {"rows":[...]} one row at a time, so that the row limit
// stops it early; other top-level members are ignored.
func parseJSON(data []byte, out *collector) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	seen := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return malformedJSON(err)
		}
		if key == "rows" && seen {
			return fmt.Errorf("%w: JSON: \"rows\" given twice", ErrMalformed)
		}
		if key != "rows" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return malformedJSON(err)
			}
			continue
		}
		if err := parseJSONRows(dec, out); err != nil {
			return err
		}
		seen = true
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: JSON: unexpected data after the top-level object", ErrMalformed)
	}
	return nil
}

// parseJSONRows reads the array value of "rows".
func parseJSONRows(dec *json.Decoder, out *collector) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for i := 0; dec.More(); i++ {
		var jr jsonRow
		if err := dec.Decode(&jr); err != nil {
			return fmt.Errorf("%w: JSON rows[%d]: %w", ErrMalformed, i, err)
		}
		row := newRow(i+1, jr.IDNumber, jr.Name, jr.Category)
		if jr.Credits == nil {
			row.creditsProblem = "credits is required"
		} else {
			row.Credits = *jr.Credits
		}
		if err := out.add(row); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

// expectDelim reads the next token, which must be the delimiter want.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return malformedJSON(err)
	}
	if tok != want {
		return fmt.Errorf("%w: JSON: expected %q, got %v", ErrMalformed, want, tok)
	}
	return nil
}

// malformedJSON wraps a decoding error as ErrMalformed.
func malformedJSON(err error) error {
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	return fmt.Errorf("%w: JSON: %w", ErrMalformed, err)
}

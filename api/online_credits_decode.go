package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxOnlineBody caps the body of POST /v1/online-credits: 50,000 rows of
// about 250 bytes each, with room to spare.
const maxOnlineBody = 32 << 20

// maxOnlineRows is the most rows one batch may carry.
const maxOnlineRows = 50_000

// OnlineRecord is one row of POST /v1/online-credits: a completed online
// course.
type OnlineRecord struct {
	// RecordID is the institution's own id of the completion (at most 100
	// characters); a resent record id is posted once.
	RecordID string `json:"record_id"`
	// IDNumber is the person's ID-card number.
	IDNumber string `json:"id_number"`
	CourseID string `json:"course_id"`
	// Level is "junior", "intermediate" or "senior".
	Level string `json:"level"`
	// Category is "professional" or "public".
	Category string `json:"category"`
	// Credits are also the learning hours, on the completion date.
	Credits float64 `json:"credits"`
	// CompletedAt is an RFC 3339 instant (or a date YYYY-MM-DD in
	// Asia/Shanghai).
	CompletedAt string `json:"completed_at"`
	// Year is the year the credits count for; omitted, the year of
	// CompletedAt. An earlier year is a make-up.
	Year *int `json:"year,omitempty"`
}

// decodedRecord is a row as decoded: the record, and why it could not be
// decoded (a field of the wrong JSON type), if so.
type decodedRecord struct {
	OnlineRecord
	decodeErr string
}

// errTooManyRows means the batch has more than maxOnlineRows rows.
var errTooManyRows = fmt.Errorf("a batch carries at most %d records; split it", maxOnlineRows)

// badBatchError is a body that is not a batch: malformed JSON or an
// unexpected member. Field names the member, when there is one.
type badBatchError struct {
	field, msg string
}

func (e *badBatchError) Error() string { return e.msg }

// decodeOnlineBatch reads {"records":[…]} from r one record at a time, so a
// batch of 50,000 rows is never held as one generic JSON value. A record
// with a field of the wrong type is kept with its decode error, so that
// only that row is refused.
func decodeOnlineBatch(r io.Reader) ([]decodedRecord, error) {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	var out []decodedRecord
	seen := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxError(err)
		}
		if key, _ := tok.(string); key != "records" {
			return nil, &badBatchError{field: fmt.Sprint(tok), msg: fmt.Sprintf("unknown member %q: the body is {\"records\": [...]}", tok)}
		}
		if seen {
			return nil, &badBatchError{field: "records", msg: "records appears twice"}
		}
		seen = true
		if out, err = decodeRecords(dec); err != nil {
			return nil, err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, syntaxError(err)
		}
		return nil, &badBatchError{msg: "malformed JSON: data after the closing brace"}
	}
	if !seen {
		return nil, &badBatchError{field: "records", msg: "records is required: a JSON array of completions"}
	}
	return out, nil
}

// decodeRecords reads the records array.
func decodeRecords(dec *json.Decoder) ([]decodedRecord, error) {
	if err := expectDelim(dec, '['); err != nil {
		var bad *badBatchError
		if errors.As(err, &bad) {
			bad.field = "records"
		}
		return nil, err
	}
	out := []decodedRecord{}
	for dec.More() {
		if len(out) == maxOnlineRows {
			return nil, errTooManyRows
		}
		var rec decodedRecord
		err := dec.Decode(&rec.OnlineRecord)
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr):
			rec.decodeErr = fmt.Sprintf("%s: want a JSON %s, got %s", typeErr.Field, typeErr.Type, typeErr.Value)
			if typeErr.Field == "" {
				rec.decodeErr = "record: want a JSON object, got " + typeErr.Value
			}
		case err != nil:
			return nil, syntaxError(err)
		}
		out = append(out, rec)
	}
	return out, expectDelim(dec, ']')
}

// expectDelim reads the next token and fails unless it is want.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return &badBatchError{msg: fmt.Sprintf("malformed batch: want %q, got %v; the body is {\"records\": [...]}", want, tok)}
	}
	return nil
}

// syntaxError wraps a decoder error; a body over its limit stays
// recognisable by isTooLarge.
func syntaxError(err error) error {
	if isTooLarge(err) {
		return err
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &badBatchError{msg: "malformed JSON: the body ends early"}
	}
	return &badBatchError{msg: "malformed JSON: " + err.Error()}
}

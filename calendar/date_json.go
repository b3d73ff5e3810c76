package calendar

import (
	"encoding/json"
	"fmt"
)

// MarshalJSON writes d as "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == (Date{}) {
		return []byte("null"), nil
	}
	if !d.Valid() {
		return nil, fmt.Errorf("calendar: cannot marshal invalid date %s", d)
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a date written as "YYYY-MM-DD"; null leaves d unchanged.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("calendar: date must be a string YYYY-MM-DD, got %s", b)
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

package calendar_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/liaoning-finance/cpe/calendar"
)

// mustDate parses s or fails the test.
func mustDate(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    calendar.Date
		wantErr bool
	}{
		{in: "2025-05-19", want: calendar.Date{Year: 2025, Month: time.May, Day: 19}},
		{in: "2024-02-29", want: calendar.Date{Year: 2024, Month: time.February, Day: 29}},
		{in: "2025-02-29", wantErr: true},
		{in: "2025-5-19", wantErr: true},
		{in: "2025-05-19T00:00:00Z", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		got, err := calendar.ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if !tt.wantErr && got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := mustDate(t, "2025-12-31")
	if got := d.AddDays(1).String(); got != "2026-01-01" {
		t.Errorf("AddDays(1) = %s", got)
	}
	if got := mustDate(t, "2024-03-01").AddDays(-1).String(); got != "2024-02-29" {
		t.Errorf("AddDays(-1) = %s", got)
	}
	if got := d.Weekday(); got != time.Wednesday {
		t.Errorf("Weekday = %v", got)
	}
	e := mustDate(t, "2026-01-01")
	if !d.Before(e) || d.After(e) || !e.After(d) || d.Equal(e) || !d.Equal(d) || d.Before(d) {
		t.Error("ordering of 2025-12-31 and 2026-01-01 is wrong")
	}
	if (calendar.Date{}).Valid() || (calendar.Date{Year: 2025, Month: 2, Day: 30}).Valid() || !d.Valid() {
		t.Error("Valid is wrong")
	}
}

func TestDateOfAndBounds(t *testing.T) {
	// 16:00 UTC is already midnight of the next day in Shanghai.
	instant := time.Date(2025, 5, 18, 16, 0, 0, 0, time.UTC)
	if got := calendar.DateOf(instant).String(); got != "2025-05-19" {
		t.Errorf("DateOf(%v) = %s", instant, got)
	}
	if got := calendar.DateOf(instant.Add(-time.Second)).String(); got != "2025-05-18" {
		t.Errorf("DateOf(one second earlier) = %s", got)
	}
	d := mustDate(t, "2025-05-19")
	if got := d.StartOf().Format(time.RFC3339); got != "2025-05-19T00:00:00+08:00" {
		t.Errorf("StartOf = %s", got)
	}
	if got := d.EndOf().Format(time.RFC3339); got != "2025-05-19T23:59:59+08:00" {
		t.Errorf("EndOf = %s", got)
	}
	if calendar.DateOf(d.EndOf()) != d || calendar.DateOf(d.StartOf()) != d {
		t.Error("StartOf/EndOf leave the day")
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		D calendar.Date  `json:"d"`
		P *calendar.Date `json:"p"`
	}
	b, err := json.Marshal(doc{D: mustDate(t, "2025-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"d":"2025-01-02","p":null}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	var back doc
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.D != mustDate(t, "2025-01-02") || back.P != nil {
		t.Errorf("Unmarshal = %+v", back)
	}
	if b, err := json.Marshal(calendar.Date{}); err != nil || string(b) != "null" {
		t.Errorf("Marshal(zero) = %s, %v", b, err)
	}
	if _, err := json.Marshal(calendar.Date{Year: 2025, Month: 2, Day: 30}); err == nil {
		t.Error("Marshal(invalid date) succeeded")
	}
	for _, in := range []string{`{"d":"2025-13-01"}`, `{"d":20250101}`, `{"d":"01/02/2025"}`} {
		if err := json.Unmarshal([]byte(in), &back); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", in)
		}
	}
}

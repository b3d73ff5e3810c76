package records

import (
	"bytes"
	"testing"
)

// bigRows is the size of the large uploads below.
const bigRows = 10_000

func TestLargeUploads(t *testing.T) {
	for _, tt := range []struct {
		contentType string
		data        []byte
	}{
		{MediaCSV, bigCSV(bigRows)},
		{MediaXLSX, bigXLSX(t, bigRows)},
	} {
		rows, err := Parse(tt.contentType, bytes.NewReader(tt.data), bigRows)
		if err != nil {
			t.Fatalf("%s: %v", tt.contentType, err)
		}
		if len(rows) != bigRows || rows[bigRows-1].Line != bigRows {
			t.Fatalf("%s: %d rows, want %d", tt.contentType, len(rows), bigRows)
		}
		reg := everyone(bigRows)
		errs, err := Validate(rows, reg.check())
		if err != nil || len(errs) != 0 {
			t.Fatalf("%s: Validate = %d errors (%v), %v", tt.contentType, len(errs), errs[:min(3, len(errs))], err)
		}
		if reg.calls != 1 || len(reg.asked) != bigRows {
			t.Errorf("%s: Registered called %d times with %d ids", tt.contentType, reg.calls, len(reg.asked))
		}
	}
}

func BenchmarkParseValidate10k(b *testing.B) {
	reg := everyone(bigRows)
	for _, bb := range []struct {
		name, contentType string
		data              []byte
	}{
		{"CSV", MediaCSV, bigCSV(bigRows)},
		{"XLSX", MediaXLSX, bigXLSX(b, bigRows)},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bb.data)))
			for b.Loop() {
				rows, err := Parse(bb.contentType, bytes.NewReader(bb.data), bigRows)
				if err != nil {
					b.Fatal(err)
				}
				if errs, err := Validate(rows, reg.check()); err != nil || len(errs) != 0 {
					b.Fatal(err, errs)
				}
			}
		})
	}
}

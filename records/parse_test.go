package records

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/liaoning-finance/cpe/internal/testdb"
)

// sampleRows are what every sample upload below holds.
func sampleRows() []Row {
	return []Row{
		{Line: 1, IDNumber: testdb.IDNumber(0), Name: "张三", Credits: 8, Category: "professional"},
		{Line: 2, IDNumber: testdb.IDNumber(1), Name: "李四", Credits: 2.5, Category: ""},
	}
}

// chineseCSV is the sample with Chinese headers, a different column order
// and extra columns.
func chineseCSV() string {
	return "序号,姓名,学分,身份证号码,类别,备注\r\n" +
		"1,张三,8," + testdb.IDNumber(0) + ",专业,\r\n" +
		"2, 李四 ,2.5, " + testdb.IDNumber(1) + " ,,迟到\r\n"
}

func TestParseFormats(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(chineseCSV())
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(
		strings.ReplaceAll(chineseCSV(), ",", "\t"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, contentType string
		data              []byte
	}{
		{"json", "application/json; charset=utf-8", []byte(`{"batch":"x","rows":[
			{"id_number":"` + testdb.IDNumber(0) + `","name":"张三","credits":8,"category":"professional"},
			{"id_number":" ` + testdb.IDNumber(1) + `","name":"李四 ","credits":2.5}]}`)},
		{"utf-8 csv, english headers", "text/csv", []byte("id_number,name,credits,category\n" +
			testdb.IDNumber(0) + ",张三,8,professional\n" + testdb.IDNumber(1) + ",李四,2.5,\n")},
		{"utf-8 csv with BOM, chinese headers", "text/csv; charset=utf-8", []byte("\xEF\xBB\xBF" + chineseCSV())},
		{"gbk csv", "application/csv", []byte(gbk)},
		{"utf-16 tab-separated text", "text/tab-separated-values", []byte(utf16)},
		{"xlsx", MediaXLSX, buildXLSX(t, [][]any{
			{"身份证号", "姓名", "学分", "科目类别"},
			{testdb.IDNumber(0), "张三", 8, "专业科目"},
			{testdb.IDNumber(1), " 李四", 2.5},
		})},
		{"xlsx, text credits, category column absent", MediaXLSX, buildXLSX(t, [][]any{
			{"证件号码", "name", "credits"},
			{testdb.IDNumber(0), "张三", "8"},
			{testdb.IDNumber(1), "李四", "2.5"},
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustParse(t, tt.contentType, tt.data)
			want := sampleRows()
			if tt.name == "xlsx, text credits, category column absent" {
				want[0].Category = ""
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestParseNormalises(t *testing.T) {
	var withX string
	for i := 0; withX == ""; i++ {
		if id := testdb.IDNumber(i); strings.HasSuffix(id, "X") {
			withX = id
		}
	}
	data := "姓名,身份证号,学分,科目类别\n" +
		"甲," + strings.ToLower(withX) + ",１０,公需\n" +
		"乙," + testdb.IDNumber(0) + ",1,公需科目\n" +
		"丙," + testdb.IDNumber(1) + ",1,Public\n" +
		"丁," + testdb.IDNumber(2) + ",1,其他\n"
	got := mustParse(t, MediaCSV, []byte(data))
	want := []Row{
		{Line: 1, IDNumber: withX, Name: "甲", Credits: 10, Category: "public"},
		{Line: 2, IDNumber: testdb.IDNumber(0), Name: "乙", Credits: 1, Category: "public"},
		{Line: 3, IDNumber: testdb.IDNumber(1), Name: "丙", Credits: 1, Category: "public"},
		{Line: 4, IDNumber: testdb.IDNumber(2), Name: "丁", Credits: 1, Category: "其他"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseLineNumbersSkipBlankRows(t *testing.T) {
	csvData := "\n身份证号,姓名,学分\n" + testdb.IDNumber(0) + ",甲,1\n\n , ,\n" + testdb.IDNumber(1) + ",乙,1\n,,\n"
	xlsxData := buildXLSX(t, [][]any{
		{"身份证号", "姓名", "学分"},
		{testdb.IDNumber(0), "甲", 1},
		{},
		{" ", nil, ""},
		{testdb.IDNumber(1), "乙", 1},
	})
	for _, tt := range []struct {
		contentType string
		data        []byte
		want        []int
	}{
		{MediaCSV, []byte(csvData), []int{1, 4}},
		{MediaXLSX, xlsxData, []int{1, 4}},
	} {
		var lines []int
		for _, row := range mustParse(t, tt.contentType, tt.data) {
			lines = append(lines, row.Line)
		}
		if !reflect.DeepEqual(lines, tt.want) {
			t.Errorf("%s: lines %v, want %v", tt.contentType, lines, tt.want)
		}
	}
}

func TestParseKeepsCellProblemsForValidate(t *testing.T) {
	rows := mustParse(t, MediaCSV, []byte("身份证号,姓名,学分\n1,甲,abc\n2,乙,\n3,丙,0x1p3\n4,丁,1e1\n"))
	want := []string{
		`credits must be a number, got "abc"`,
		"credits is required",
		`credits must be a number, got "0x1p3"`,
		`credits must be a number, got "1e1"`,
	}
	for i, row := range rows {
		if row.creditsProblem != want[i] || row.Credits != 0 {
			t.Errorf("row %d: credits %v, problem %q, want %q", i+1, row.Credits, row.creditsProblem, want[i])
		}
	}
	rows = mustParse(t, MediaJSON, []byte(`{"rows":[{"id_number":"1","name":"甲"}]}`))
	if rows[0].creditsProblem != "credits is required" {
		t.Errorf("JSON without credits: problem %q", rows[0].creditsProblem)
	}
}

func TestParseXLSXExcelNumbers(t *testing.T) {
	data := buildXLSX(t, [][]any{
		{"身份证号", "姓名", "学分"},
		{excelNumber("1.10101199003071E+17"), "甲", excelNumber("2")},
		{testdb.IDNumber(0), "乙", 1.5},
	})
	got := mustParse(t, MediaXLSX, data)
	want := []Row{
		{Line: 1, IDNumber: "1.10101199003071E+17", Name: "甲", Credits: 2},
		{Line: 2, IDNumber: testdb.IDNumber(0), Name: "乙", Credits: 1.5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

// failingReader fails as an over-long request body does.
type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func TestParseErrors(t *testing.T) {
	tooBig := errors.New("http: request body too large")
	header := "身份证号,姓名,学分\n"
	tests := []struct {
		name, contentType string
		data              string
		want              error
		message           string
	}{
		{"no content type", "", header, ErrUnsupportedType, `""`},
		{"plain text", "text/plain", header, ErrUnsupportedType, "text/plain"},
		{"legacy xls", "application/vnd.ms-excel", header, ErrUnsupportedType, ".xlsx"},
		{"empty csv", MediaCSV, "", ErrMalformed, "header row"},
		{"blank csv", MediaCSV, "\n,,\n", ErrMalformed, "header row"},
		{"missing columns", MediaCSV, "name,学分,备注\n", ErrMalformed, "missing column 身份证号 (id_number)"},
		{"missing name", MediaCSV, "身份证号,学分\n", ErrMalformed, "姓名 (name)"},
		{"duplicate column", MediaCSV, "身份证号,姓名,学分,id_number\n", ErrMalformed, "both id_number"},
		{"bare quote", MediaCSV, header + "1,张\"三,1\n", ErrMalformed, "line 2"},
		{"unterminated quote", MediaCSV, header + "1,\"张三,1\n2,李四,1\n", ErrMalformed, "line 2"},
		{"bad json", MediaJSON, `{"rows":[{"id_number":}]}`, ErrMalformed, "rows[0]"},
		{"json array", MediaJSON, `[]`, ErrMalformed, "expected"},
		{"json rows object", MediaJSON, `{"rows":{}}`, ErrMalformed, "expected"},
		{"json rows twice", MediaJSON, `{"rows":[],"rows":[]}`, ErrMalformed, "twice"},
		{"json id number as number", MediaJSON, `{"rows":[{"id_number":110101199003071234}]}`, ErrMalformed, "id_number"},
		{"json credits as string", MediaJSON, `{"rows":[{"credits":"2"}]}`, ErrMalformed, "credits"},
		{"json truncated", MediaJSON, `{"rows":[`, ErrMalformed, "unexpected EOF"},
		{"json trailing data", MediaJSON, `{"rows":[]} {}`, ErrMalformed, "after"},
		{"not a workbook", MediaXLSX, "PK\x03\x04garbage", ErrMalformed, "XLSX"},
		{"workbook without header", MediaXLSX, string(buildXLSX(t, nil)), ErrMalformed, "header row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := Parse(tt.contentType, strings.NewReader(tt.data), 10)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("err = %v, want %v containing %q", err, tt.want, tt.message)
			}
			if rows != nil {
				t.Errorf("rows = %v, want nil", rows)
			}
		})
	}
	t.Run("read error", func(t *testing.T) {
		_, err := Parse(MediaCSV, failingReader{tooBig}, 10)
		if !errors.Is(err, tooBig) || errors.Is(err, ErrMalformed) {
			t.Errorf("err = %v, want the reader's error only", err)
		}
	})
}

func TestParseTooManyRows(t *testing.T) {
	jsonRows := func(n int) []byte {
		rows := make([]string, n)
		for i := range rows {
			rows[i] = fmt.Sprintf(`{"id_number":%q,"name":"x","credits":1}`, testdb.IDNumber(i))
		}
		return []byte(`{"rows":[` + strings.Join(rows, ",") + `]}`)
	}
	for _, tt := range []struct {
		contentType string
		data        func(n int) []byte
	}{
		{MediaCSV, bigCSV},
		{MediaJSON, jsonRows},
		{MediaXLSX, func(n int) []byte { return bigXLSX(t, n) }},
	} {
		if rows, err := Parse(tt.contentType, bytes.NewReader(tt.data(3)), 3); err != nil || len(rows) != 3 {
			t.Errorf("%s: 3 rows with limit 3: %d rows, err %v", tt.contentType, len(rows), err)
		}
		_, err := Parse(tt.contentType, bytes.NewReader(tt.data(4)), 3)
		if !errors.Is(err, ErrTooManyRows) || !strings.Contains(err.Error(), "more than 3 rows") {
			t.Errorf("%s: 4 rows with limit 3: err %v, want ErrTooManyRows", tt.contentType, err)
		}
	}
}

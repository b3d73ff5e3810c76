package records

import "testing"

func TestDetectType(t *testing.T) {
	tests := []struct {
		name, contentType, filename string
		head                        string
		want                        string
	}{
		{"json content type", "application/json; charset=utf-8", "x.csv", "a,b", MediaJSON},
		{"csv content type", "text/csv", "", "", MediaCSV},
		{"application/csv", "Application/CSV", "", "", MediaCSV},
		{"xlsx content type", MediaXLSX, "a.bin", "", MediaXLSX},
		{"octet-stream zip", "application/octet-stream", "records", "PK\x03\x04\x14\x00", MediaXLSX},
		{"zip beats extension", "application/octet-stream", "records.csv", "PK\x03\x04", MediaXLSX},
		{"ms-excel sent for csv", "application/vnd.ms-excel", "签到表.csv", "身份证号,姓名", MediaCSV},
		{"legacy xls", "application/octet-stream", "a.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", mediaXLS},
		{"json by extension", "application/octet-stream", "rows.JSON", "", MediaJSON},
		{"xlsx by extension", "", "签到表.xlsx", "not a zip", MediaXLSX},
		{"csv by extension", "", "rows.csv", "{", MediaCSV},
		{"json sniffed", "application/octet-stream", "upload", " \r\n\t{\"rows\":[]}", MediaJSON},
		{"json sniffed after BOM", "", "", "\xEF\xBB\xBF{", MediaJSON},
		{"csv sniffed", "application/octet-stream", "upload", "身份证号,姓名,学分", MediaCSV},
		{"gbk sniffed as csv", "", "", "\xc9\xed\xb7\xdd", MediaCSV},
		{"empty", "", "", "", MediaCSV},
		{"bad content type", "text/;;", "", "{", MediaJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectType(tt.contentType, tt.filename, []byte(tt.head)); got != tt.want {
				t.Errorf("DetectType(%q, %q, %q) = %q, want %q", tt.contentType, tt.filename, tt.head, got, tt.want)
			}
		})
	}
}

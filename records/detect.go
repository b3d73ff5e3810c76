package records

import (
	"bytes"
	"mime"
	"path"
	"strings"
)

// Media types of the upload kinds, as DetectType returns them and Parse
// accepts them.
const (
	// MediaJSON is a JSON upload: {"rows":[{"id_number",...}]}.
	MediaJSON = "application/json"
	// MediaCSV is a CSV upload with a header row.
	MediaCSV = "text/csv"
	// MediaXLSX is an Excel workbook; its first sheet has a header row.
	MediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// mediaXLS is the legacy Excel 97-2003 format, recognised only to refuse it
// with a helpful message.
const mediaXLS = "application/vnd.ms-excel"

var (
	// zipMagic starts every ZIP archive, hence every XLSX file.
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts every OLE2 compound file: legacy .xls files and
	// password-protected workbooks.
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
)

// knownTypes maps the accepted media types (lower case, without
// parameters) to the kind they denote.
var knownTypes = map[string]string{
	"application/json":          MediaJSON,
	"text/json":                 MediaJSON,
	"text/csv":                  MediaCSV,
	"application/csv":           MediaCSV,
	"text/tab-separated-values": MediaCSV,
	MediaXLSX:                   MediaXLSX,
	mediaXLS:                    mediaXLS,
}

// kindOf returns the kind a Content-Type header denotes, or "" when it
// denotes none of the known ones.
func kindOf(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return knownTypes[mt]
}

// DetectType returns the media type (MediaJSON, MediaCSV or MediaXLSX) to
// pass to Parse for an upload whose declared Content-Type may be generic,
// as in multipart uploads where browsers send application/octet-stream.
// head is the start of the content (512 bytes are plenty).
//
// A known Content-Type wins, except application/vnd.ms-excel, which
// browsers on Windows send for .csv files. Otherwise the content decides:
// the ZIP signature means XLSX, and the OLE2 signature a legacy .xls
// (returned as application/vnd.ms-excel, which Parse refuses with advice).
// Then the file name extension (.json, .xlsx, .csv, .tsv, .txt) decides,
// then a first non-space character '{' means JSON; anything else is CSV.
func DetectType(contentType, filename string, head []byte) string {
	if kind := kindOf(contentType); kind != "" && kind != mediaXLS {
		return kind
	}
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return MediaXLSX
	case bytes.HasPrefix(head, oleMagic):
		return mediaXLS
	}
	switch strings.ToLower(path.Ext(filename)) {
	case ".json":
		return MediaJSON
	case ".xlsx":
		return MediaXLSX
	case ".csv", ".tsv", ".txt":
		return MediaCSV
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(text) > 0 && text[0] == '{' {
		return MediaJSON
	}
	return MediaCSV
}

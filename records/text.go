package records

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// utf8BOM is the byte-order mark some editors, Excel among them, put before
// UTF-8 text.
var utf8BOM = []byte("\xEF\xBB\xBF")

// decodeText returns uploaded text as UTF-8 without byte-order mark. Text
// with a UTF-16 byte-order mark (Excel's "Unicode text") is decoded as
// UTF-16, valid UTF-8 is kept, and anything else is decoded as GB18030, a
// superset of the GBK that Chinese Excel writes its CSV files in.
func decodeText(data []byte) ([]byte, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return data[len(utf8BOM):], nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case utf8.Valid(data):
		return data, nil
	default:
		enc = simplifiedchinese.GB18030
	}
	text, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("%w: text is neither UTF-8, UTF-16 nor GBK: %w", ErrMalformed, err)
	}
	return text, nil
}

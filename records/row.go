package records

// Row is one attendee of an uploaded attendance record.
type Row struct {
	// Line is the 1-based data row number in the upload, the header
	// excluded: for CSV and XLSX, the row's line (sheet row) minus the
	// header's, so blank lines count; for JSON, the array index + 1.
	Line int `json:"line"`
	// IDNumber is the attendee's ID-card number as uploaded, trimmed and
	// normalised with codes.NormalizeIDCard.
	IDNumber string `json:"id_number"`
	// Name is the attendee's name, trimmed.
	Name string `json:"name"`
	// Credits are the credits the attendee earned in the training.
	Credits float64 `json:"credits"`
	// Category is "professional" or "public" when the upload used one of
	// the accepted spellings, the uploaded text when it did not, or empty
	// for "the filing's category".
	Category string `json:"category"`

	// creditsProblem says why the uploaded credits could not be read as a
	// number ("" when they could); Validate reports it.
	creditsProblem string
}

// RowError is one problem found in one row of an upload.
type RowError struct {
	// Line is the Row.Line of the offending row, or 0 for a problem of
	// the upload as a whole.
	Line int `json:"line"`
	// Field is the JSON name of the offending field ("id_number", "name",
	// "credits", "category"), or "rows" for the upload as a whole.
	Field string `json:"field"`
	// Message says what is wrong, in English.
	Message string `json:"message"`
}

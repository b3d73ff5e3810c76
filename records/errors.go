package records

import "errors"

// Parse errors. Parse wraps them with details; test with errors.Is.
var (
	// ErrUnsupportedType: the upload is neither JSON, CSV nor XLSX (the
	// API answers 415, or 400 for a multipart part).
	ErrUnsupportedType = errors.New("records: unsupported upload type")
	// ErrTooManyRows: the upload has more data rows than allowed (413).
	ErrTooManyRows = errors.New("records: too many rows")
	// ErrMalformed: the upload cannot be read as its type, or its header
	// lacks a required column (400).
	ErrMalformed = errors.New("records: malformed upload")
)

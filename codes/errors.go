package codes

import (
	"errors"
	"fmt"
)

// Sentinel errors: the kind of problem an *Error reports. Test with errors.Is.
var (
	// ErrLength means the value has the wrong number of characters.
	ErrLength = errors.New("wrong length")
	// ErrCharacter means a character is not allowed at its position.
	ErrCharacter = errors.New("invalid character")
	// ErrProvinceCode means an ID-card number starts with an unknown province code.
	ErrProvinceCode = errors.New("invalid province code")
	// ErrBirthDate means an ID-card birth date is not a real date or out of range.
	ErrBirthDate = errors.New("invalid birth date")
	// ErrCheckChar means the check character does not match the others.
	ErrCheckChar = errors.New("wrong check character")
	// ErrExcludedRegion means the region is 210200 (大连) or one of its
	// districts, which run their own continuing-education administration.
	ErrExcludedRegion = errors.New("excluded region")
	// ErrUnknownRegion means the code is well-formed but is not the province,
	// a city or a county of this scheme (another province, unknown city).
	ErrUnknownRegion = errors.New("unknown region")
)

// Error reports why an identifier was rejected. Its message names the field
// and says precisely what is wrong, e.g. "id_number: check digit is 5,
// expected X".
type Error struct {
	// Field is the name of the identifier: "id_number", "uscc" or "region".
	Field string
	// Kind is one of the package's sentinel errors.
	Kind error
	// Detail is the English description of the problem, without the field.
	Detail string
}

// Error returns "<field>: <detail>".
func (e *Error) Error() string { return e.Field + ": " + e.Detail }

// Unwrap returns the sentinel kind, for errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

// fail builds an *Error with a formatted detail.
func fail(field string, kind error, format string, args ...any) error {
	return &Error{Field: field, Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

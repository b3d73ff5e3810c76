package records

import (
	"errors"
	"fmt"
	"math"
)

// Check is what Validate checks the rows of one filed training against.
type Check struct {
	// FiledCredits are the credits the training was filed with: each row's
	// credits must be greater than 0 and at most this.
	FiledCredits float64
	// Category is the filing's category, "professional" or "public". A
	// row's category, when given, must equal it; an empty row category
	// means the filing's.
	Category string
	// Registered reports which of the given normalised ID-card numbers
	// belong to registered persons (信息采集 done); absent or false means
	// not registered. Validate calls it at most once per batch, with every
	// distinct valid ID-card number of the batch.
	Registered func(idNumbers []string) (map[string]bool, error)
}

// category returns the filing's category normalised, or an error when the
// Check is unusable: a programming error of the caller, not of the upload.
func (c Check) category() (string, error) {
	if !(c.FiledCredits > 0) || math.IsInf(c.FiledCredits, 0) {
		return "", fmt.Errorf("records: check: filed credits %v must be a positive number", c.FiledCredits)
	}
	if c.Registered == nil {
		return "", errors.New("records: check: Registered is nil")
	}
	category := normaliseCategory(c.Category)
	if category != professional && category != public {
		return "", fmt.Errorf("records: check: filing category %q must be %q or %q", c.Category, professional, public)
	}
	return category, nil
}

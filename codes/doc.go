// Package codes validates the identifiers used across the CPE product: PRC
// resident ID-card numbers (GB 11643-1999), unified social credit codes
// (GB 32100-2015) and the Liaoning administrative-division codes
// (GB/T 2260) that scope reviews.
//
// Every validation failure is an *Error that wraps one of the package's
// sentinel errors, so callers can branch with errors.Is and read the field
// name and message with errors.As.
package codes

// Package records parses and validates the attendance records (培训记录) that
// a face-to-face training institution uploads for one filed training: one
// row per attendee with the attendee's ID-card number, name, the credits
// earned and the subject category.
//
// Parse reads an upload in JSON, CSV (UTF-8, UTF-8 with BOM, UTF-16 with
// BOM or GBK/GB18030) or XLSX into rows; DetectType tells which of these an
// upload is when its Content-Type cannot be trusted. Validate then checks
// every row against the filing and the person registry and reports all
// problems at once, so the institution can correct the file in one go.
package records

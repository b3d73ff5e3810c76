// Package policy holds the yearly continuing-education rules of a province
// as data: the credit requirements, learning periods, approved online
// institutions, the conversion table of other forms of learning
// (财会〔2018〕10号), the review deadlines, and the evaluation of a person's
// year against them.
//
// A Policy is stored as JSON per year and province; every field round-trips
// through encoding/json. Rule violations are reported as *RuleError.
package policy

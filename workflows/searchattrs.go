package workflows

import (
	"slices"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/temporal"
)

// Custom search attributes (DESIGN.md §5). None holds a person's name or
// ID-card number.
var (
	// KindKey is "filing" or "claim".
	KindKey = temporal.NewSearchAttributeKeyKeyword("CpeKind")
	// StageKey is the item's stage, e.g. "records_review".
	StageKey = temporal.NewSearchAttributeKeyKeyword("CpeStage")
	// RegionKey is the item's region code.
	RegionKey = temporal.NewSearchAttributeKeyKeyword("CpeRegion")
	// CityKey is the city of the item's region (the region itself for a
	// city, 210000 for the province), so one city's counties list together.
	CityKey = temporal.NewSearchAttributeKeyKeyword("CpeCity")
	// AssignedRegionKey is the department currently holding the review.
	AssignedRegionKey = temporal.NewSearchAttributeKeyKeyword("CpeAssignedRegion")
	// InstitutionKey is the institution id, in decimal.
	InstitutionKey = temporal.NewSearchAttributeKeyKeyword("CpeInstitution")
	// YearKey is the year the item's credits belong to.
	YearKey = temporal.NewSearchAttributeKeyInt64("CpeYear")
	// DueAtKey is the current deadline (review, records or correction).
	DueAtKey = temporal.NewSearchAttributeKeyTime("CpeDueAt")
	// OverdueKey is true once the current deadline has passed.
	OverdueKey = temporal.NewSearchAttributeKeyBool("CpeOverdue")
	// EscalationLevelKey is how many levels above its home department the
	// item is held (0: not escalated).
	EscalationLevelKey = temporal.NewSearchAttributeKeyInt64("CpeEscalationLevel")
)

// SearchAttributes returns every custom search attribute with its type, to
// register with a namespace (temporal server start-dev --search-attribute
// NAME=TYPE, or operator search-attribute create).
func SearchAttributes() map[string]enumspb.IndexedValueType {
	return map[string]enumspb.IndexedValueType{
		KindKey.GetName():            enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		StageKey.GetName():           enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		RegionKey.GetName():          enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		CityKey.GetName():            enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		AssignedRegionKey.GetName():  enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		InstitutionKey.GetName():     enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		YearKey.GetName():            enumspb.INDEXED_VALUE_TYPE_INT,
		DueAtKey.GetName():           enumspb.INDEXED_VALUE_TYPE_DATETIME,
		OverdueKey.GetName():         enumspb.INDEXED_VALUE_TYPE_BOOL,
		EscalationLevelKey.GetName(): enumspb.INDEXED_VALUE_TYPE_INT,
	}
}

// SearchAttributeFlags returns SearchAttributes as NAME=TYPE strings in
// name order, the form of the CLI's --search-attribute flag (e.g.
// "CpeDueAt=Datetime").
func SearchAttributeFlags() []string {
	names := map[enumspb.IndexedValueType]string{
		enumspb.INDEXED_VALUE_TYPE_KEYWORD:  "Keyword",
		enumspb.INDEXED_VALUE_TYPE_INT:      "Int",
		enumspb.INDEXED_VALUE_TYPE_DATETIME: "Datetime",
		enumspb.INDEXED_VALUE_TYPE_BOOL:     "Bool",
	}
	attrs := SearchAttributes()
	out := make([]string, 0, len(attrs))
	for name, typ := range attrs {
		out = append(out, name+"="+names[typ])
	}
	slices.Sort(out)
	return out
}

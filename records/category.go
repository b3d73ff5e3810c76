package records

import "strings"

// The two subject categories, as stored.
const (
	professional = "professional"
	public       = "public"
)

// categoryAliases maps the accepted spellings (lower case) of a category to
// the stored value.
var categoryAliases = map[string]string{
	"professional": professional,
	"专业科目":         professional,
	"专业":           professional,
	"public":       public,
	"公需科目":         public,
	"公需":           public,
}

// normaliseCategory returns the stored value for an accepted spelling of a
// category, and the trimmed text itself otherwise (for Validate to report).
func normaliseCategory(s string) string {
	s = strings.TrimSpace(s)
	if c, ok := categoryAliases[strings.ToLower(s)]; ok {
		return c
	}
	return s
}

package mesh

import (
	"strings"
	"testing"
)

// Every path of the table is a field of the body, spelled as Mesh spells it.
func TestFieldPathsAreFieldsOfTheBody(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Fields {
		if seen[f.Path] {
			t.Errorf("%s is in the table twice", f.Path)
		}
		seen[f.Path] = true
		if err := checkPath(strings.Split(strings.ReplaceAll(f.Path, "[]", "[0]"), ".")); err != nil {
			t.Errorf("%s: %v", f.Path, err)
		}
	}
}

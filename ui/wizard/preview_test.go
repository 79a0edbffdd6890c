package wizard

import (
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/muesli/termenv"

	"github.com/meshlink/meshlink/mesh"
)

// highlightJSON wraps each token in its style rendered once: that must
// draw what rendering the style around the token draws, for every profile,
// and each kind of token must get its own style.
func TestHighlightJSONDrawsAsRenderingEachToken(t *testing.T) {
	const body = `{"k \"q\" é 😀": [-1.5e+3, true, null, "addr\u001b]52;"]}`
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI, termenv.ANSI256, termenv.TrueColor} {
		st := newStyles(io.Discard, false)
		st.r.SetColorProfile(profile)
		want := st.jsonPunct.Render("{") + st.jsonKey.Render(`"k \"q\" é 😀"`) + st.jsonPunct.Render(":") + " " +
			st.jsonPunct.Render("[") + st.jsonNumber.Render("-1.5e+3") + st.jsonPunct.Render(",") + " " +
			st.jsonLiteral.Render("true") + st.jsonPunct.Render(",") + " " + st.jsonLiteral.Render("null") + st.jsonPunct.Render(",") + " " +
			st.jsonString.Render(`"addr\u001b]52;"`) + st.jsonPunct.Render("]") + st.jsonPunct.Render("}")
		if got := highlightJSON(body, st); got != want {
			t.Errorf("profile %v: highlightJSON differs from rendering each token:\n%q\n%q", profile, got, want)
		}
		if profile == termenv.ANSI && !strings.Contains(highlightJSON(body, st), "\x1b[") {
			t.Errorf("no colour drawn with the ANSI profile")
		}
	}
}

// problemLinesStylingAll is problemLines as it was: every line styled (no
// limit), then the list cut to its room.
func problemLinesStylingAll(s *session, width, limit int) []string {
	lines := problemLines(s, width, math.MaxInt)
	if len(lines) > limit {
		more := len(lines) - limit + 1
		lines = append(lines[:limit-1], s.st.dim.Render(fmt.Sprintf("  … %d more lines", more)))
	}
	return lines
}

func TestProblemLinesAsWhenEveryLineWasStyled(t *testing.T) {
	st := newStyles(io.Discard, false)
	st.r.SetColorProfile(termenv.ANSI)
	long := strings.Repeat("a long explanation that wraps ", 6)
	for _, n := range []int{0, 1, 2, 3, 7, 40} {
		var problems mesh.Problems
		for i := range n {
			sev := mesh.SeverityError
			if i%3 == 1 {
				sev = mesh.SeverityWarning
			}
			msg := "short"
			if i%2 == 0 {
				msg = long
			}
			problems = append(problems, mesh.Problem{Path: "transferOptions.toAddresses[0].address", Message: msg, Severity: sev})
		}
		s := &session{st: st, problems: problems}
		for _, width := range []int{30, 80} {
			for _, limit := range []int{2, 3, 5, 10, 100} {
				got, want := problemLines(s, width, limit), problemLinesStylingAll(s, width, limit)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%d problems, width %d, limit %d:\n%q\nwant\n%q", n, width, limit, got, want)
				}
			}
		}
	}
}

package wizard

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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

// problemLinesStylingAll is problemLines as it was, styling every line
// before cutting the list to its room.
func problemLinesStylingAll(s *session, width, limit int) []string {
	st := s.st
	errs, warns := s.problems.Errors(), s.problems.Warnings()
	var lines []string
	if len(errs) == 0 {
		ready := ansi.Wordwrap(fmt.Sprintf("✓ ready to send: exactly this body goes to POST %s", mesh.PathLinkToken), max(width, 20), "")
		for _, l := range strings.Split(ready, "\n") {
			lines = append(lines, st.ok.Render(l))
		}
	} else {
		lines = append(lines, st.err.Render(fmt.Sprintf("✗ %s to fix before sending (esc to go back, e to edit):", plural(len(errs), "error"))))
	}
	add := func(mark string, style func(...string) string, p mesh.Problem) {
		for i, l := range strings.Split(ansi.Wordwrap(p.String(), max(width-4, 20), ""), "\n") {
			if i > 0 {
				mark = "    "
			}
			lines = append(lines, style(mark+l))
		}
	}
	for _, p := range errs {
		add("  ✗ ", st.err.Render, p)
	}
	for _, p := range warns {
		add("  ! ", st.warn.Render, p)
	}
	if len(lines) > limit {
		more := len(lines) - limit + 1
		lines = append(lines[:limit-1], st.dim.Render(fmt.Sprintf("  … %d more lines", more)))
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

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

// highlightJSONPerToken is highlightJSON as it was, rendering the style of
// every token anew; the faster one must draw the same bytes.
func highlightJSONPerToken(s string, st styles) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			tok := s[i:j]
			k := j
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if k < len(s) && s[k] == ':' {
				b.WriteString(st.jsonKey.Render(tok))
			} else {
				b.WriteString(st.jsonString.Render(tok))
			}
			i = j
		case c == '-' || (c >= '0' && c <= '9'):
			j := i
			for j < len(s) && strings.IndexByte("-+.eE0123456789", s[j]) >= 0 {
				j++
			}
			b.WriteString(st.jsonNumber.Render(s[i:j]))
			i = j
		case c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			b.WriteString(st.jsonLiteral.Render(s[i:j]))
			i = j
		case strings.IndexByte("{}[],:", c) >= 0:
			b.WriteString(st.jsonPunct.Render(string(c)))
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func TestHighlightJSONDrawsAsRenderingEachToken(t *testing.T) {
	r := mesh.NewRequest(mesh.UsePayment, `user "quoted" \ back é 😀`)
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: "0291810a-5947-424d-9a59-e88bb33e999d", Symbol: "USDC", Address: "addr\u001b]52;", Amount: "-1.5e+3"}}
	b, err := mesh.EncodeBody(r)
	if err != nil {
		t.Fatal(err)
	}
	body := string(b) + ` [true, false, null, 0, {"k": ["\"", 12]}]`
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.ANSI, termenv.ANSI256, termenv.TrueColor} {
		st := newStyles(io.Discard, false)
		st.r.SetColorProfile(profile)
		if got, want := highlightJSON(body, st), highlightJSONPerToken(body, st); got != want {
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

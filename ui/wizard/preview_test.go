package wizard

import (
	"io"
	"strings"
	"testing"

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

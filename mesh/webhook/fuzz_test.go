package webhook_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/meshlink/meshlink/mesh/webhook"
)

func printable(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) })
}

// Any body: Parse never panics, and what it says about a bad one is
// printable.
func FuzzParse(f *testing.F) {
	for _, s := range []string{exampleBody, `{}`, `{"EventId":1}`, `{"Timestamp":1e99}`, "{\"Token\":\"\\u001b[2J\"}", `[`, "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := webhook.Parse(body)
		if err != nil {
			if !printable(err.Error()) {
				t.Fatalf("Parse(%q) = %q", body, err)
			}
			return
		}
		webhook.Time(d.Timestamp)
		webhook.Time(d.SentTimestamp)
	})
}

// Any body and header: the verdict agrees with Verify, an invalid one is
// explained, and nothing said holds the secret or a control character.
func FuzzCheckSignature(f *testing.F) {
	f.Add([]byte(exampleBody), exampleHeader, exampleSecret)
	f.Add([]byte(exampleBody), exampleHex, exampleSecret)
	f.Add([]byte(exampleBody+"\n"), "sha256="+exampleHeader, exampleSecret)
	f.Add([]byte(`{"a":[1.0,"\u00e9",{"b":null}]}`), exampleIndent1Header, "k")
	f.Add([]byte(`{"a":1}`), "", "k")
	f.Add([]byte("{\"a\":\"\x1b\"}"), "\x1b[2J", "")
	f.Fuzz(func(t *testing.T, body []byte, header, secret string) {
		secrets := webhook.SecretsFromEnv(func(k string) string {
			if k == webhook.SecretEnv {
				return secret
			}
			return ""
		})
		c := webhook.CheckSignature(secrets, body, header)
		trimmed := strings.TrimSpace(secret)
		switch {
		case strings.TrimSpace(header) == "":
			if c.Verdict != webhook.Missing {
				t.Fatalf("no header: %s", c.Verdict)
			}
		case trimmed == "":
			if c.Verdict != webhook.Unchecked {
				t.Fatalf("no secret: %s", c.Verdict)
			}
		case webhook.Verify(trimmed, body, header) != (c.Verdict == webhook.Valid):
			t.Fatalf("verdict %s, Verify says %v", c.Verdict, webhook.Verify(trimmed, body, header))
		case c.Verdict == webhook.Invalid && len(c.Findings) == 0:
			t.Fatal("invalid without a finding")
		}
		for _, fd := range c.Findings {
			if !printable(fd.Message) || len(trimmed) >= 20 && strings.Contains(fd.Message, trimmed) {
				t.Fatalf("finding %q", fd.Message)
			}
		}
	})
}

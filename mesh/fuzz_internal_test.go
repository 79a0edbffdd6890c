package mesh

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func inertOrFail(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) }) {
		t.Fatalf("%s holds a control character: %q", what, s)
	}
}

// Whatever token and pay link Mesh returns, meshlink shows a Link URL only
// on a trusted host, and nothing it shows holds a control character.
func FuzzNewLinkToken(f *testing.F) {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	for _, s := range [][2]string{
		{b64("https://sandbox-web.meshconnect.com/b2b-iframe/c/broker-connect?auth_code=x"), "https://pay.meshconnect.com/?t=1"},
		{b64("https://evil.example/x"), ""},
		{b64("https://web.meshconnect.com.evil.example/"), "javascript:alert(1)"},
		{b64("https://web.meshconnect.com/\x1b]52;c;eA==\a"), "https://pay\u202e.example"},
		{"not base64!", "ftp://x"},
		{base64.RawURLEncoding.EncodeToString([]byte("http://127.0.0.1:9/demo")), ""},
	} {
		f.Add(s[0], s[1])
	}
	received := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, token, payLink string) {
		if CleanText(token) != token { // the client refuses such a token before this
			return
		}
		lt := newLinkToken(token, payLink, received, linkCheck{extraOrigins: []string{"http://127.0.0.1:9"}})
		if !lt.ExpiresAt.Equal(received.Add(TokenLifetime)) || lt.Token != token {
			t.Fatalf("token or expiry changed: %+v", lt)
		}
		for what, s := range map[string]string{"link URL": lt.LinkURL, "pay link": lt.PaymentLink, "warning": lt.Suspicious} {
			inertOrFail(t, what, s)
		}
		if lt.LinkURL == "" && lt.Suspicious == "" {
			t.Fatal("neither a Link URL nor a reason for its absence")
		}
		if lt.LinkURL != "" {
			u, err := url.Parse(lt.LinkURL)
			if err != nil || !slices.Contains(append(slices.Clone(MeshLinkOrigins), "http://127.0.0.1:9"), u.Scheme+"://"+u.Host) {
				t.Fatalf("Link URL %q is not on a trusted host", lt.LinkURL)
			}
		}
		if lt.PaymentLink != "" {
			if u, err := url.Parse(lt.PaymentLink); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				t.Fatalf("pay link %q is not a web address", lt.PaymentLink)
			}
		}
	})
}

// A Retry-After, whatever it says, is a wait that is never negative and a
// text fit to print.
func FuzzParseRetryAfter(f *testing.F) {
	for _, v := range []string{"7", "0", "-5", "3600", "99999999999999999999", strings.Repeat("9", 40), "1.5", " 12 ",
		"Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "soon", "\x1b[2J"} {
		f.Add(v, int64(1764072000))
	}
	f.Fuzz(func(t *testing.T, v string, unix int64) {
		r := parseRetryAfter(v, time.Unix(unix, 0))
		if r.wait < 0 {
			t.Fatalf("parseRetryAfter(%q) waits %v", v, r.wait)
		}
		if r.set != (r.wait > 0) {
			t.Fatalf("parseRetryAfter(%q) = %+v: set and wait disagree", v, r)
		}
		if r.set {
			inertOrFail(t, "the wait's text", r.text)
			if len(r.text) > 64 {
				t.Fatalf("the wait's text is %d bytes", len(r.text))
			}
		}
	})
}

// isPlaceholder says what the regular expression it replaced said.
func FuzzIsPlaceholder(f *testing.F) {
	re := regexp.MustCompile(`(?i)^(x+|\.\.\.|…|0x(\.\.\.|…)|<.*>|your[_ -].*|address|addr|todo|tbd|replace.*)$`)
	for _, s := range []string{"xxx", "X", "", "...", "…", "0x...", "0X…", "0x", "<address>", "<a\nb>", "<>", "<", "your-address",
		"YOUR_wallet", "your", "yours", "ADDRESS", "addreſſ", "addr", "todo", "TBD", "replace", "Replace me\n", "xxxy", "0x…x",
		"your \n", "\xff", "x\n", "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isPlaceholder(s), re.MatchString(s); got != want {
			t.Fatalf("isPlaceholder(%q) = %v, the regular expression says %v", s, got, want)
		}
	})
}

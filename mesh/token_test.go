package mesh_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// fetchToken has a fake Mesh answer with token and payLink and returns what
// the client made of them.
func fetchToken(t *testing.T, token, payLink string, trusted ...string) *mesh.LinkToken {
	t.Helper()
	content := map[string]any{"linkToken": token}
	if payLink != "" {
		content["paymentLink"] = payLink
	}
	f := newFakeMesh(t, answer(200, okBody(content)))
	c := newClient(f, &sleeps{})
	c.TrustedLinkOrigins = trusted
	lt, err := c.LinkToken(context.Background(), validDeposit())
	if err != nil {
		t.Fatal(err)
	}
	return lt
}

func TestLinkToken_decoding(t *testing.T) {
	prod := "https://web.meshconnect.com/b2b-iframe/client-123/broker-connect?auth_code=xyz&link_style=eyJwYyI6IiMwMzdGRkYifQ=="
	tests := []struct {
		name        string
		token       string
		trusted     []string
		wantLinkURL string
		suspicious  string // words the reason must hold; "" means not suspicious
	}{
		{"sandbox_std_base64", b64(sandboxLink), nil, sandboxLink, ""},
		{"production_std_base64", b64(prod), nil, prod, ""},
		// Mesh's SDKs read standard base64: atob forgives missing padding, not - and _.
		{"unpadded_std_base64", base64.RawStdEncoding.EncodeToString([]byte(sandboxLink + "&x=1")), nil, sandboxLink + "&x=1", ""},
		{"raw_url_base64", base64.RawURLEncoding.EncodeToString([]byte(sandboxLink + "&x=??>>")), nil, "", "URL-safe base64 (it holds - or _), which Mesh's SDKs cannot decode"},
		// Another Mesh host: shown, with a warning (the released SDK opens any http(s) link).
		{"other_mesh_host", b64("https://dev-web.meshconnect.com/b2b-iframe/x"), nil, "https://dev-web.meshconnect.com/b2b-iframe/x",
			"leads to https://dev-web.meshconnect.com, a Mesh host but not one of Link's own: Mesh's newer web SDK opens it only if trustedLinkOrigins lists it"},
		{"every_mesh_origin", b64("https://link.sbx.meshpay.com/x"), nil, "https://link.sbx.meshpay.com/x", ""},
		{"trusted_extra_origin", b64("http://127.0.0.1:8080/demo/x"), []string{"http://127.0.0.1:8080"}, "http://127.0.0.1:8080/demo/x", ""},
		{"javascript_url", b64("javascript:alert(1)"), nil, "", `decodes to "javascript:alert(1)", which is not a web address`},
		{"data_url", b64("data:text/html,<script>alert(1)</script>"), nil, "", "is not a web address"},
		{"file_url", b64("file://sandbox-web.meshconnect.com/etc/passwd"), nil, "", "is not an http(s) address"},
		{"foreign_host", b64("https://evil.example/b2b-iframe/x"), nil, "", "leads to https://evil.example, which is not a Mesh Link host; do not open it"},
		{"plain_http_mesh_host", b64("http://sandbox-web.meshconnect.com/x"), nil, "", "not a Mesh Link host"},
		{"lookalike_suffix", b64("https://sandbox-web.meshconnect.com.evil.example/x"), nil, "", "not a Mesh Link host"},
		{"userinfo_trick", b64("https://sandbox-web.meshconnect.com@evil.example/x"), nil, "", "leads to https://evil.example"},
		{"explicit_port", b64("https://web.meshconnect.com:8443/x"), nil, "", "not a Mesh Link host"},
		{"not_base64", "this is not base64!", nil, "", "not a base64 Link URL"},
		{"bidi_override_in_url", b64("https://sandbox-web.meshconnect.com/b2b-iframe/\u202egpj.exe"), nil, "", "control characters"},
		{"c1_escape_in_url", b64("https://sandbox-web.meshconnect.com/x\u009b2J"), nil, "", "control characters"},
		{"invalid_utf8_in_url", b64("https://sandbox-web.meshconnect.com/x\xff\xfe"), nil, "", "control characters"},
		{"escape_in_url", b64("https://sandbox-web.meshconnect.com/x\x1b[2J"), nil, "", "control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lt := fetchToken(t, tt.token, "", tt.trusted...)
			if lt.LinkURL != tt.wantLinkURL {
				t.Errorf("LinkURL = %q, want %q", lt.LinkURL, tt.wantLinkURL)
			}
			switch {
			case tt.suspicious == "" && lt.Suspicious != "":
				t.Errorf("Suspicious = %q, want none", lt.Suspicious)
			case tt.suspicious != "" && !strings.Contains(lt.Suspicious, tt.suspicious):
				t.Errorf("Suspicious = %q, want it to say %q", lt.Suspicious, tt.suspicious)
			}
			if lt.Token != tt.token {
				t.Errorf("Token = %q, want it unchanged", lt.Token)
			}
			if lt.Suspicious != mesh.CleanText(lt.Suspicious) {
				t.Errorf("Suspicious holds control characters: %q", lt.Suspicious)
			}
		})
	}
}

func TestLinkToken_paymentLink(t *testing.T) {
	tests := []struct {
		name, payLink, want, suspicious string
	}{
		{"https_paylink", "https://paylink.meshconnect.com/?linkToken=abc", "https://paylink.meshconnect.com/?linkToken=abc", ""},
		{"javascript_paylink_dropped", "javascript:alert(1)", "", `the pay link "javascript:alert(1)" is not a web address and was dropped`},
		{"relative_paylink_dropped", "/paylink?x=1", "", `the pay link "/paylink?x=1" is not a web address and was dropped`},
		{"escapes_dropped_not_cleaned", "https://paylink.meshconnect.com\x1b[0m.evil.example/?x=1", "", "the pay link holds control characters and was dropped"},
		{"bidi_dropped", "https://paylink.meshconnect.com/\u202e?x=1", "", "the pay link holds control characters and was dropped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lt := fetchToken(t, b64(sandboxLink), tt.payLink)
			if lt.PaymentLink != tt.want {
				t.Errorf("PaymentLink = %q, want %q", lt.PaymentLink, tt.want)
			}
			if lt.Suspicious != tt.suspicious {
				t.Errorf("Suspicious = %q, want %q", lt.Suspicious, tt.suspicious)
			}
			if lt.LinkURL != sandboxLink {
				t.Errorf("LinkURL = %q; a bad pay link must not hide a good token", lt.LinkURL)
			}
		})
	}
}

func TestLinkToken_suspiciousTokenAndPayLinkGiveBothReasons(t *testing.T) {
	lt := fetchToken(t, b64("https://evil.example/x"), "ftp://evil.example/pay")
	want := `the token leads to https://evil.example, which is not a Mesh Link host; do not open it; the pay link "ftp://evil.example/pay" is not a web address and was dropped`
	if lt.Suspicious != want || lt.LinkURL != "" || lt.PaymentLink != "" {
		t.Errorf("got LinkURL %q, PaymentLink %q, Suspicious %q; want only\n%s", lt.LinkURL, lt.PaymentLink, lt.Suspicious, want)
	}
}

func TestLinkToken_expiresTenMinutesAfterReceipt(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	f := newFakeMesh(t, answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)})))
	c := newClient(f, &sleeps{})
	c.Now = func() time.Time { return now }
	lt, err := c.LinkToken(context.Background(), validDeposit())
	if err != nil {
		t.Fatal(err)
	}
	if !lt.ReceivedAt.Equal(now) {
		t.Errorf("ReceivedAt = %v, want %v", lt.ReceivedAt, now)
	}
	if want := now.Add(10 * time.Minute); !lt.ExpiresAt.Equal(want) || mesh.TokenLifetime != 10*time.Minute {
		t.Errorf("ExpiresAt = %v, want %v", lt.ExpiresAt, want)
	}
}

func TestShareablePrefersThePayLink(t *testing.T) {
	for _, c := range []struct {
		tok        mesh.LinkToken
		link, what string
	}{
		{mesh.LinkToken{PaymentLink: "https://pay", LinkURL: "https://link"}, "https://pay", "the pay link"},
		{mesh.LinkToken{LinkURL: "https://link"}, "https://link", "the Link URL"},
		{mesh.LinkToken{Suspicious: "leads elsewhere"}, "", ""},
	} {
		if link, what := c.tok.Shareable(); link != c.link || what != c.what {
			t.Errorf("%+v: got %q, %q", c.tok, link, what)
		}
	}
}

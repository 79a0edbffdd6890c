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
		{"plain_http_mesh_host", b64("http://sandbox-web.meshconnect.com/x"), nil, "", "uses plain http to another machine"},
		{"plain_http_trusted_off_loopback", b64("http://192.0.2.1:8080/demo/x"), []string{"http://192.0.2.1:8080"}, "", "uses plain http to another machine (http://192.0.2.1:8080)"},
		{"userinfo_on_a_mesh_host", b64("https://someone@web.meshconnect.com/x"), nil, "", "holds a user name before @"},
		{"lookalike_suffix", b64("https://sandbox-web.meshconnect.com.evil.example/x"), nil, "", "not a Mesh Link host"},
		{"userinfo_trick", b64("https://sandbox-web.meshconnect.com@evil.example/x"), nil, "", "it leads to https://evil.example, not where it seems"},
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
	const refused = "; it is not opened, drawn as a QR code or put in a snippet"
	tests := []struct {
		name, payLink string
		trusted       []string
		want          string // the PaymentLink kept
		suspicious    string // the words of the warning or refusal; "" means none
	}{
		{"mesh_paylink", "https://paylink.meshconnect.com/?linkToken=abc", nil, "https://paylink.meshconnect.com/?linkToken=abc", ""},
		{"host_in_capitals", "https://PAYLINK.MeshConnect.com/?linkToken=abc", nil, "https://PAYLINK.MeshConnect.com/?linkToken=abc", ""}, // hosts have no case, as browsers read them
		{"mesh_paylink_no_slash", "https://paylink.meshconnect.com?linkToken=abc", nil, "https://paylink.meshconnect.com?linkToken=abc", ""},
		{"demo_server_origin", "http://127.0.0.1:8080/demo/paylink?linkToken=abc", []string{"http://127.0.0.1:8080"}, "http://127.0.0.1:8080/demo/paylink?linkToken=abc", ""},
		{"other_mesh_host_warned", "https://sandbox-paylink.meshconnect.com/?linkToken=abc", nil, "https://sandbox-paylink.meshconnect.com/?linkToken=abc",
			"the pay link leads to https://sandbox-paylink.meshconnect.com, a Mesh host but not Mesh's pay-link host https://paylink.meshconnect.com"},
		// the hostile forms
		{"userinfo_trick", "https://pay.meshconnect.com@evil.example/x", nil, "",
			`the pay link "https://pay.meshconnect.com@evil.example/x" holds a user name before @ (it leads to https://evil.example, not where it seems to), and was refused` + refused},
		{"foreign_host", "https://evil.example", nil, "",
			`the pay link "https://evil.example" leads to https://evil.example, which is not Mesh's pay-link host https://paylink.meshconnect.com, and was refused` + refused},
		{"plain_http_off_loopback", "http://paylink.meshconnect.com/?linkToken=abc", nil, "",
			`the pay link "http://paylink.meshconnect.com/?linkToken=abc" uses plain http to another machine (http://paylink.meshconnect.com), and was refused` + refused},
		{"plain_http_trusted_off_loopback", "http://192.0.2.1:8080/demo/paylink", []string{"http://192.0.2.1:8080"}, "", "uses plain http to another machine"},
		{"loopback_not_trusted", "http://127.0.0.1:9999/x", nil, "", "leads to http://127.0.0.1:9999, which is not Mesh's pay-link host"},
		{"userinfo_on_the_demo_origin", "http://u:p@127.0.0.1:8080/demo/paylink", []string{"http://127.0.0.1:8080"}, "", "holds a user name before @"},
		{"lookalike_suffix", "https://paylink.meshconnect.com.evil.example/x", nil, "", "leads to https://paylink.meshconnect.com.evil.example, which is not"},
		{"explicit_port", "https://paylink.meshconnect.com:8443/x", nil, "", "leads to https://paylink.meshconnect.com:8443, which is not"},
		{"javascript", "javascript:alert(1)", nil, "", `the pay link "javascript:alert(1)" is not a web address, and was refused` + refused},
		{"relative", "/paylink?x=1", nil, "", `the pay link "/paylink?x=1" is not a web address, and was refused`},
		{"ftp", "ftp://paylink.meshconnect.com/x", nil, "", "is not an http(s) address, and was refused"},
		{"escapes_refused_not_cleaned", "https://paylink.meshconnect.com\x1b[0m.evil.example/?x=1", nil, "", "the pay link holds control characters and was refused" + refused},
		{"bidi_refused", "https://paylink.meshconnect.com/\u202e?x=1", nil, "", "the pay link holds control characters and was refused" + refused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lt := fetchToken(t, b64(sandboxLink), tt.payLink, tt.trusted...)
			if lt.PaymentLink != tt.want {
				t.Errorf("PaymentLink = %q, want %q", lt.PaymentLink, tt.want)
			}
			switch {
			case tt.suspicious == "" && lt.Suspicious != "":
				t.Errorf("Suspicious = %q, want none", lt.Suspicious)
			case !strings.Contains(lt.Suspicious, tt.suspicious):
				t.Errorf("Suspicious = %q, want it to say %q", lt.Suspicious, tt.suspicious)
			}
			if (lt.PayLinkRefused != "") != (tt.want == "") {
				t.Errorf("PayLinkRefused = %q with PaymentLink %q", lt.PayLinkRefused, lt.PaymentLink)
			}
			if link, _ := lt.Shareable(); tt.want == "" && link != "" {
				t.Errorf("a refused pay link leaves %q to open or draw", link)
			}
			if lt.LinkURL != sandboxLink {
				t.Errorf("LinkURL = %q; a bad pay link must not hide a good token", lt.LinkURL)
			}
		})
	}
}

// A server or proxy that echoes the secret into a pay link: the link is
// refused and shown with the secret hidden. In a token, the token is
// refused: it would hand the secret to whoever opens it.
func TestLinkToken_echoedSecret(t *testing.T) {
	const secret = "s3cr3t-for-the-echo-test"
	for _, payLink := range []string{
		"https://paylink.meshconnect.com/?linkToken=abc&s=" + secret,
		"https://paylink.meshconnect.com/?linkToken=abc&s=" + strings.ReplaceAll(secret, "-", "%2D"),
	} {
		lt := fetchTokenWithSecret(t, secret, b64(sandboxLink), payLink)
		if lt.PaymentLink != "" || !strings.Contains(lt.PayLinkRefused, "holds MESH_CLIENT_SECRET") {
			t.Errorf("%s: PaymentLink %q, refusal %q", payLink, lt.PaymentLink, lt.PayLinkRefused)
		}
		if strings.Contains(lt.Suspicious, secret) || strings.Contains(lt.Suspicious, "%2D") {
			t.Errorf("the secret shows: %q", lt.Suspicious)
		}
		if strings.Contains(payLink, "s="+secret) && !strings.Contains(lt.Suspicious, "&s=[MESH_CLIENT_SECRET]") {
			t.Errorf("the link is not shown with the secret hidden: %q", lt.Suspicious)
		}
	}
	for _, token := range []string{
		b64(sandboxLink + "&echo=" + secret),
		b64(sandboxLink + "&echo=" + strings.ReplaceAll(secret, "-", "%2D")),
		"notbase64" + secret,
	} {
		f := newFakeMesh(t, answer(200, okBody(map[string]any{"linkToken": token})))
		c := newClient(f, &sleeps{})
		c.Credentials.ClientSecret = secret
		_, err := c.LinkToken(context.Background(), validDeposit())
		if err == nil || !strings.Contains(err.Error(), "holds MESH_CLIENT_SECRET") || strings.Contains(err.Error(), secret) {
			t.Errorf("token %q: %v", token, err)
		}
		if strings.Contains(token, "echo="+secret) && !strings.Contains(err.Error(), "echo=[MESH_CLIENT_SECRET]") {
			t.Errorf("the decoded token is not shown with the secret hidden: %v", err)
		}
	}
}

func fetchTokenWithSecret(t *testing.T, secret, token, payLink string) *mesh.LinkToken {
	t.Helper()
	f := newFakeMesh(t, answer(200, okBody(map[string]any{"linkToken": token, "paymentLink": payLink})))
	c := newClient(f, &sleeps{})
	c.Credentials.ClientSecret = secret
	lt, err := c.LinkToken(context.Background(), validDeposit())
	if err != nil {
		t.Fatal(err)
	}
	return lt
}

func TestLinkToken_suspiciousTokenAndPayLinkGiveBothReasons(t *testing.T) {
	lt := fetchToken(t, b64("https://evil.example/x"), "ftp://evil.example/pay")
	want := `the token leads to https://evil.example, which is not a Mesh Link host; do not open it; the pay link "ftp://evil.example/pay" is not an http(s) address, and was refused; it is not opened, drawn as a QR code or put in a snippet`
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
		{mesh.LinkToken{PayLinkRefused: "leads to evil.example", LinkURL: "https://link"}, "", ""},
	} {
		if link, what := c.tok.Shareable(); link != c.link || what != c.what {
			t.Errorf("%+v: got %q, %q", c.tok, link, what)
		}
	}
}

package mesh_test

// Fuzz targets: `go test` runs their seeds every time; `go test -fuzz
// FuzzName ./mesh` keeps looking (see README, "Fuzzing"). Each checks what
// must hold for any input, not only that nothing panics.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/meshlink/meshlink/mesh"
)

// printable fails t when s holds anything a terminal would act on.
func printable(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", what, s)
	}
	for _, r := range s {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Bidi_Control, r) {
			t.Fatalf("%s holds %U: %q", what, r, s)
		}
	}
}

// goldenBodies are the bodies of mesh's golden tests, as seeds.
func goldenBodies(f *testing.F) [][]byte {
	paths, _ := filepath.Glob(filepath.Join("testdata", "TestGoldenBodies", "*.golden"))
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		f.Fatal("no golden bodies to seed with")
	}
	return out
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"25", "0.00141", ".5", "-.5", "+3", "007", "1e3", "1E-3", "0e5", "5.", " 99.99\t",
		"1e999999", "1e-999999", "1.8e308", "1.7976931348623157e308", "5e-324", "2e-324", "1" + strings.Repeat("0", 400),
		"0." + strings.Repeat("0", 330) + "1", "abc", "1_000", "--1", "+-5", "", ".", "١٢", "NaN", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := mesh.ParseDecimal(s)
		if err != nil {
			if d != "" {
				t.Fatalf("ParseDecimal(%q) = %q with error %v", s, d, err)
			}
			if len(err.Error()) > 400 {
				t.Fatalf("the error repeats the input: %d bytes", len(err.Error()))
			}
			return
		}
		if _, ok := d.Rat(); !ok {
			t.Fatalf("ParseDecimal(%q) = %q, which Rat refuses", s, d)
		}
		if err := d.Check(); err != nil {
			t.Fatalf("ParseDecimal(%q) = %q, which Check refuses: %v", s, d, err)
		}
		if again, err := mesh.ParseDecimal(string(d)); err != nil || again != d {
			t.Fatalf("ParseDecimal is not stable: %q -> %q -> %q, %v", s, d, again, err)
		}
		if v, err := strconv.ParseFloat(string(d), 64); err != nil || math.IsInf(v, 0) {
			t.Fatalf("%q is accepted but no double holds it: %v", d, err)
		}
		b, err := json.Marshal(d)
		if err != nil || string(b) != string(d) || !json.Valid(b) {
			t.Fatalf("json.Marshal(%q) = %s, %v", d, b, err)
		}
	})
}

func FuzzDecimalJSON(f *testing.F) {
	for _, s := range []string{`25`, `"0.00141"`, `1e999999`, `null`, `"abc"`, `true`, `{}`, `[1]`, `"+3"`, `-0.0`, `"1e-400"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var d mesh.Decimal
		if err := json.Unmarshal(b, &d); err != nil || d == "" {
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("decoded %s to %q, which does not encode: %v", b, d, err)
		}
		var back mesh.Decimal
		if err := json.Unmarshal(out, &back); err != nil || back != d {
			t.Fatalf("round trip %s -> %q -> %s -> %q, %v", b, d, out, back, err)
		}
		if _, ok := d.Rat(); ok != (d.Check() == nil) {
			t.Fatalf("Rat and Check disagree on %q", d)
		}
	})
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"Eth\x1b]52;c;ZXZpbA==\aereum", "\x1b[31mBase\x1b[0m", "Bitcoin\rEvil", "usdc\u202egpj.exe",
		"x\u009b2Jy", "a\xffb", "\x1b]8;;https://evil\x1b\\S\x1b]8;;\x1b\\", "Zürich ✓ 日本", "\x1bP1;2q\x1b\\", "\xc2\x9b31m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := mesh.CleanText(s)
		printable(t, "CleanText's result", out)
		if strings.ContainsAny(out, "\n\t") {
			t.Fatalf("CleanText(%q) = %q keeps a line break or tab", s, out)
		}
		if again := mesh.CleanText(out); again != out {
			t.Fatalf("CleanText is not stable: %q -> %q -> %q", s, out, again)
		}
	})
}

func FuzzInert(f *testing.F) {
	for _, s := range []string{`{"name":"Ether\u202eeum"}`, "{\"n\":\"a\u0085\x7f\"}", "Eth\x1b]52;c;ZXZpbA==\aereum", "a\xffb\xe2\x82",
		"a\tb\nc", `["\u001b[2J", 1e3, null]`, "Zürich ✓ 😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := mesh.Inert(s)
		printable(t, "Inert's result", out)
		if got := string(mesh.AppendInert([]byte("x"), []byte(s))); got != "x"+out {
			t.Fatalf("AppendInert and Inert disagree on %q", s)
		}
		// JSON as meshlink prints it (encoding/json, indented, no HTML
		// escaping) stays JSON that says the same after Inert.
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"text": s, s: []string{s}}); err != nil {
			t.Fatal(err)
		}
		var before, after any
		if err := json.Unmarshal(mesh.AppendInert(nil, buf.Bytes()), &after); err != nil {
			t.Fatalf("JSON is no longer JSON after Inert: %v\n%q", err, buf.Bytes())
		}
		json.Unmarshal(buf.Bytes(), &before)
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("Inert changed what the JSON says: %#v -> %#v", before, after)
		}
	})
}

// A body that decodes encodes to JSON that decodes to the same body, and
// checking it says nothing a terminal would act on.
func FuzzBodyRoundTrip(f *testing.F) {
	for _, b := range goldenBodies(f) {
		f.Add(b)
	}
	f.Add([]byte(`{"userId":"u\u001b[2J","transferOptions":{"toAddresses":[{"networkId":"x\u202e","amount":1e999999}]}}`))
	f.Add([]byte(`{"userId":"u","userId":"v"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := mesh.DecodeBody(b)
		if err != nil {
			return
		}
		enc, err := mesh.EncodeBody(r)
		if err != nil {
			t.Fatalf("decoded but does not encode: %v\n%s", err, b)
		}
		r2, err := mesh.DecodeBody(enc)
		if err != nil {
			t.Fatalf("EncodeBody's own output does not decode: %v\n%s", err, enc)
		}
		if enc2, _ := mesh.EncodeBody(r2); !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip not stable:\n%s\nvs\n%s", enc, enc2)
		}
		for _, p := range mesh.Validate(r, mesh.Snapshot()) {
			printable(t, "a problem", p.String())
		}
	})
}

func FuzzParseDestination(f *testing.F) {
	for _, s := range []string{"solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", "base:usdc:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:99.99",
		"xrpl:XRP:rAddr,addressTag=12345,minAmount=10", "solana:USDC:ADDR:1_000", "bitcoin-cash:BCH:bitcoincash:qq…:1",
		"ethereum:USDC:0x1:1e999999", "x:y", "::::", "solana:USDC:a\x1b[2J", ",", "ton:TON:0:" + strings.Repeat("a", 64)} {
		f.Add(s)
	}
	cat := mesh.Snapshot()
	f.Fuzz(func(t *testing.T, spec string) {
		a, err := mesh.ParseDestination(spec, cat)
		if err != nil {
			printable(t, "the error", err.Error())
			return
		}
		if a.NetworkID == "" || a.Symbol == "" || a.Address == "" {
			t.Fatalf("ParseDestination(%q) = %+v: a part is missing", spec, a)
		}
		for _, d := range []mesh.Decimal{a.Amount, a.DisplayAmountInFiat, a.MinAmount, a.MinAmountInFiat} {
			if d != "" && d.Check() != nil {
				t.Fatalf("ParseDestination(%q) accepted the amount %q: %v", spec, d, d.Check())
			}
		}
	})
}

func FuzzSetField(f *testing.F) {
	for _, s := range []string{"subClientId=5620bf49-3240-4f85-8b4f-9dd6261597e2", "transferOptions.clientFee=0.025", "accessTokens[0].accessToken=t",
		"transferOptions.toAddresses[0].amount=1e999999", "userId=", "userid=x", "a.b.c=1", "=", "transferOptions.toAddresses[99999999999].symbol=x",
		"transferOptions={}", `verifyWalletOptions.addresses=["a","b"]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, assignment string) {
		r := validDeposit()
		before, _ := mesh.EncodeBody(r)
		out, err := mesh.SetField(r, assignment)
		if after, _ := mesh.EncodeBody(r); !bytes.Equal(before, after) {
			t.Fatalf("SetField(%q) changed its input", assignment)
		}
		if err != nil {
			return
		}
		enc, err := mesh.EncodeBody(out)
		if err != nil {
			t.Fatalf("SetField(%q) made a body that does not encode: %v", assignment, err)
		}
		if _, err := mesh.DecodeBody(enc); err != nil {
			t.Fatalf("SetField(%q) made a body that does not decode: %v\n%s", assignment, err, enc)
		}
	})
}

// answerTransport answers every request with one fixed answer, counting.
type answerTransport struct {
	status int
	header http.Header
	body   []byte
	cutAt  int // >= 0: the body breaks off after so many bytes
	calls  int
}

func (a *answerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	a.calls++
	var body io.Reader = bytes.NewReader(a.body)
	if a.cutAt >= 0 && a.cutAt < len(a.body) {
		body = io.MultiReader(bytes.NewReader(a.body[:a.cutAt]), errReader{})
	}
	return &http.Response{StatusCode: a.status, Header: a.header.Clone(), Body: io.NopCloser(body), Request: r}, nil
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

// Whatever a server answers, the client ends with a token or an error, in at
// most MaxAttempts calls, waiting no longer than its timeout, and nothing it
// returns for printing holds a control character.
func FuzzClientAnswers(f *testing.F) {
	ok := okBody(map[string]any{"linkToken": b64(sandboxLink), "paymentLink": "https://pay.example/x"})
	f.Add(200, "", "", ok, -1)
	f.Add(200, "", "", okBody(map[string]any{"linkToken": b64("https://evil.example/\x1b]52;c;x\a")}), -1)
	f.Add(429, "3600", "", `{"status":"tooManyRequest"}`, -1)
	f.Add(503, "99999999999999999999", "", "", -1)
	f.Add(429, "Wed, 21 Oct 2015 07:28:00 GMT", "", "", -1)
	f.Add(302, "", "https://evil.example/\u202e", "", -1)
	f.Add(400, "", "", `{"status":"badRequest","message":"\u001b[2Jbad","errorType":"x\u0085"}`, -1)
	f.Add(502, "", "", "<html>\x1b]0;title\a</html>", -1)
	f.Add(200, "", "", ok, 10)
	f.Add(200, "", "", `{"status":"ok","content":{"linkToken":42}}`, -1)
	f.Fuzz(func(t *testing.T, status int, retryAfter, location, body string, cutAt int) {
		if status < 100 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		tr := &answerTransport{status: status, header: http.Header{}, body: []byte(body), cutAt: cutAt}
		if retryAfter != "" {
			tr.header.Set("Retry-After", retryAfter)
		}
		if location != "" {
			tr.header.Set("Location", location)
		}
		var waits []time.Duration
		c := &mesh.Client{
			BaseURL: "https://mesh.test", Env: mesh.EnvSandbox, Credentials: mesh.Credentials{ClientID: "id", ClientSecret: "secret"},
			HTTPClient: &http.Client{Transport: tr}, MaxAttempts: 3, Timeout: 30 * time.Second,
			Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil },
		}
		r := validPayment()
		r.TransferOptions.GeneratePayLink = mesh.Bool(status%2 == 0)
		lt, err := c.LinkToken(context.Background(), r)
		if tr.calls > 3 || tr.calls < 1 {
			t.Fatalf("%d calls, want 1 to 3", tr.calls)
		}
		for _, w := range waits {
			if w < 0 || w > 30*time.Second {
				t.Fatalf("waited %v, beyond the call's 30s", w)
			}
		}
		if err != nil {
			printable(t, "the error", strings.ReplaceAll(err.Error(), "\n", " "))
			var ms *mesh.MaybeSentError
			if errors.As(err, &ms) && tr.calls != 1 {
				t.Fatalf("a pay-link request was sent %d times", tr.calls)
			}
			return
		}
		if lt.Token == "" {
			t.Fatal("success without a token")
		}
		for what, s := range map[string]string{"token": lt.Token, "link URL": lt.LinkURL, "pay link": lt.PaymentLink, "warning": lt.Suspicious} {
			printable(t, what, s)
		}
	})
}

// Whatever the cache files hold, the catalog loads, with no control
// character in any name, id or symbol.
func FuzzCatalogCache(f *testing.F) {
	f.Add([]byte(`{"fetchedAt":"2026-11-01T00:00:00Z","host":"h","items":[{"id":"`+solanaID+`","name":"Sol\u001b]52;c;x\u0007ana","supportedTokens":["USDC\u202e"]}]}`), []byte(`{"items":[{"id":"x","name":"Coin\rbase"}]}`))
	f.Add([]byte(`{`), []byte(`null`))
	f.Add([]byte(`{"items":null}`), []byte(`{"items":[null]}`))
	f.Fuzz(func(t *testing.T, nets, ints []byte) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "networks.json"), nets, 0o600)
		os.WriteFile(filepath.Join(dir, "integrations.json"), ints, 0o600)
		cat, warnings := mesh.LoadCatalog(dir)
		if cat == nil || len(cat.Networks) == 0 {
			t.Fatal("no catalog")
		}
		for _, w := range warnings {
			printable(t, "a warning", w.Error())
		}
		for _, n := range cat.Networks {
			for _, s := range append([]string{n.ID, n.Name, n.ChainID, n.NetworkType, n.NativeSymbol}, n.SupportedTokens...) {
				printable(t, "a network's text", s)
			}
		}
		for _, in := range cat.Integrations {
			for _, s := range []string{in.ID, in.Name, in.Type} {
				printable(t, "an integration's text", s)
			}
		}
	})
}

// Whatever pay link a server sends, meshlink keeps only one that, read as
// text the way a person or a browser reads it, starts with an allowed
// origin and nothing else (no user name, no lookalike host); a refusal says
// why in text fit to print, and neither shows the secret.
func FuzzCheckPayLink(f *testing.F) {
	const demo, secret = "http://127.0.0.1:8080", "fuzz-secret-0123"
	for _, s := range []string{
		"https://paylink.meshconnect.com/?linkToken=abc", "https://paylink.meshconnect.com?linkToken=abc",
		"https://pay.meshconnect.com@evil.example/x", "https://evil.example", "http://paylink.meshconnect.com/x",
		"https://sandbox-paylink.meshconnect.com/x", "https://paylink.meshconnect.com.evil.example/",
		"HTTPS://PAYLINK.MESHCONNECT.COM/", "https://paylink.meshconnect.com#@evil.example", "https://evil.example\\@paylink.meshconnect.com",
		"https://paylink.meshconnect.com%2F@evil.example", "http://127.0.0.1:8080/demo/paylink?x=1", "http://127.0.0.1:8081/x",
		"http://[::1]:8080/x", "https://paylink.meshconnect.com/?s=" + secret, "https://paylink.meshconnect.com/?s=fuzz%2Dsecret-0123",
		"javascript:alert(1)", "//paylink.meshconnect.com/x", "https:paylink.meshconnect.com", "https://paylink.meshconnect.com\x1b[0m.evil.example",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		warning, err := mesh.CheckPayLink(link, []string{demo}, secret)
		if err != nil {
			printable(t, "refusal", err.Error())
			if strings.Contains(err.Error(), secret) || warning != "" {
				t.Fatalf("refusal %q, warning %q", err, warning)
			}
			return
		}
		printable(t, "pay link", link)
		printable(t, "warning", warning)
		if strings.Contains(link, secret) || strings.Contains(strings.ToLower(link), "fuzz%2dsecret") {
			t.Fatalf("kept a pay link holding the secret: %q", link)
		}
		// the origin it starts with, then the end or a path, query or fragment
		rest, ok := "", false
		for _, o := range append(slices.Clone(mesh.MeshPayLinkOrigins), demo) {
			if len(link) >= len(o) && strings.EqualFold(link[:len(o)], o) {
				rest, ok = link[len(o):], true
			}
		}
		if !ok && warning != "" { // another Mesh host, kept with a warning
			after, found := strings.CutPrefix(link, "https://")
			host := after[:strings.IndexAny(after+"/", "/?#")]
			ok, rest = found && strings.HasSuffix(strings.ToLower(host), ".meshconnect.com") && !strings.ContainsAny(host, "@:\\%"), after[len(host):]
		}
		if !ok || (rest != "" && !strings.ContainsAny(rest[:1], "/?#")) {
			t.Fatalf("kept %q (warning %q): it does not lead to an allowed origin", link, warning)
		}
	})
}

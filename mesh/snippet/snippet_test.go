package snippet

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/meshlink/meshlink/mesh"
)

const testToken = "aHR0cHM6Ly93ZWIubWVzaGNvbm5lY3QuY29tL2IyYi1pZnJhbWUvY2xpZW50L2Jyb2tlci1jb25uZWN0P2F1dGhfY29kZT1hYmM="

var testAccessTokens = []mesh.AccessToken{{
	AccountID: "acc-1", AccountName: `Main "wallet" ${x} \ 'q'`, AccessToken: "at-secret-1",
	BrokerType: "coinbase", BrokerName: "Coinbase",
}}

func paymentRequest() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UsePayment, "user-1")
	r.TransferOptions.TransactionID = "tx-1"
	r.TransferOptions.GeneratePayLink = mesh.Bool(true)
	amount, _ := mesh.ParseDecimal("10.50")
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{
		NetworkID: "e3c7fdd8-b1fc-4e51-85ae-bb276e075611", Symbol: "USDC",
		Address: "0x71C7656EC7ab88b098defB751B7401B5f6d8976F", Amount: amount,
	}}
	r.AccessTokens = testAccessTokens // front-end only: must not reach the node body
	return r
}

// depositWithMinimums has the fields Mesh takes and the node SDK's types lack.
func depositWithMinimums() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UseDeposit, "user-1")
	r.TransferOptions.ToAddresses = []mesh.ToAddress{
		{NetworkID: "e3c7fdd8-b1fc-4e51-85ae-bb276e075611", Symbol: "USDC", Address: "0x71C7656EC7ab88b098defB751B7401B5f6d8976F"},
		{NetworkID: "0291810a-5947-424d-9a59-e88bb33e999d", Symbol: "USDC", Address: "7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj", MinAmount: "10", MinAmountInFiat: "10"},
	}
	return r
}

// renders are every platform without a token, and with one (plus access
// tokens and a pay link), and the node back end for a real body.
func renders(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, p := range Platforms {
		var err error
		if out[string(p)], err = Render(p, Options{}); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		with := Options{Token: testToken, AccessTokens: testAccessTokens, PaymentLink: "https://paylink.meshconnect.com?linkToken=abc"}
		if out[string(p)+"-token"], err = Render(p, with); err != nil {
			t.Fatalf("%s with a token: %v", p, err)
		}
	}
	var err error
	if out["node-payment"], err = Render(Node, Options{Request: paymentRequest()}); err != nil {
		t.Fatal(err)
	}
	if out["node-deposit-min"], err = Render(Node, Options{Request: depositWithMinimums()}); err != nil {
		t.Fatal(err)
	}
	if out["node-demo-server"], err = Render(Node, Options{BaseURL: "http://127.0.0.1:8080"}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRender(t *testing.T) {
	for name, s := range renders(t) {
		t.Run(name, func(t *testing.T) {
			golden.RequireEqual(t, []byte(s)) // testdata/TestRender/<name>.golden; -update rewrites
		})
	}
}

// Names third-party copies still spread: clientId is deprecated and unused,
// onSuccess never existed in the web SDK (Flutter's is not what we show).
func TestNoDeprecatedNames(t *testing.T) {
	banned := regexp.MustCompile(`\b(clientId|onSuccess)\b`)
	for name, s := range renders(t) {
		if m := banned.FindString(s); m != "" {
			t.Errorf("%s uses %s", name, m)
		}
	}
}

func TestEverySnippetEndsWithItsChecklist(t *testing.T) {
	for name, s := range renders(t) {
		_, tail, ok := strings.Cut(s, "// Before it works:\n")
		if !ok {
			t.Errorf("%s has no checklist", name)
			continue
		}
		for _, line := range strings.Split(strings.TrimSuffix(tail, "\n"), "\n") {
			if !strings.HasPrefix(line, "//   [ ] ") && !strings.HasPrefix(line, "//       ") {
				t.Errorf("%s: after the checklist comes %q", name, line)
			}
			if n := len([]rune(line)); n > 80 {
				t.Errorf("%s: checklist line of %d columns: %q", name, n, line)
			}
		}
		if !strings.Contains(tail, "single use") {
			t.Errorf("%s: the checklist does not say a token or pay link is single use", name)
		}
	}
	web := renders(t)["web"]
	for _, want := range []string{"http://localhost:3000", "API keys → Access", "frame-src *.meshconnect.com"} {
		if !strings.Contains(web, want) {
			t.Errorf("the web checklist lacks %q", want)
		}
	}
}

// sdkNames are the argument names each SDK call takes in the version the
// snippets name, read from the SDKs' sources: @meshconnect/web-link-sdk 3.13.0
// (LinkOptions in utils/types.d.ts), @meshconnect/react-native-link-sdk 2.4.5
// (LinkConfiguration, LinkSettings in src/types), LinkSDK 3.2.1 (LinkSDK.swift),
// com.meshconnect:link 3.4.4 (entity/LinkConfiguration.kt), mesh_sdk_flutter
// 1.1.2 (model/mesh_configuration.dart). Deprecated ones are left out.
var sdkNames = map[string][]string{
	"createLink({":            {"onIntegrationConnected", "onExit", "onTransferFinished", "onEvent", "accessTokens", "language", "displayFiatCurrency", "theme", "renderType"},
	"<LinkConnect":            {"linkToken", "settings", "renderViewContainer", "disableDomainWhiteList", "onIntegrationConnected", "onTransferFinished", "onEvent", "onExit"},
	"settings={{":             {"accessTokens", "language", "displayFiatCurrency", "theme"},
	"LinkConfiguration(\n":    nil, // filled per language below
	"LinkSettings(":           {"accessTokens", "language", "displayFiatCurrency", "theme"},
	"IntegrationAccessToken(": {"accountId", "accountName", "accessToken", "brokerType", "brokerName"},
	"MeshConfiguration(":      {"linkToken", "language", "displayFiatCurrency", "theme", "isDomainWhitelistEnabled", "integrationAccessTokens", "onError", "onEvent", "onIntegrationConnected", "onTransferFinished"},
}

var linkConfigurationNames = map[Platform][]string{
	IOS:     {"linkToken", "settings", "disableDomainWhiteList", "onIntegrationConnected", "onTransferFinished", "onEvent", "onExit"},
	Android: {"token", "accessTokens", "disableDomainWhiteList", "language", "displayFiatCurrency", "theme"},
}

// TestOnlyNamesTheSDKsHave reads the argument names of every SDK call in
// every snippet and checks each against the SDK's own list.
func TestOnlyNamesTheSDKsHave(t *testing.T) {
	for _, p := range Platforms {
		for _, variant := range []string{"", "-token"} {
			s := renders(t)[string(p)+variant]
			for call, allowed := range sdkNames {
				if call == "LinkConfiguration(\n" {
					allowed = linkConfigurationNames[p]
				}
				for _, args := range callArguments(s, call) {
					for _, name := range argumentNames(args) {
						if !slices.Contains(allowed, name) {
							t.Errorf("%s%s: %s takes no %q", p, variant, strings.TrimSpace(call), name)
						}
					}
				}
			}
		}
	}
	// And each snippet calls its SDK at all.
	calls := map[Platform][]string{
		Web: {"createLink(", ".openLink("}, React: {"createLink(", ".openLink("}, NextJS: {"createLink(", ".openLink(", "'use client'", "await import("},
		ReactNative: {"<LinkConnect"}, IOS: {"LinkConfiguration(", ".createHandler()", ".present(in:"},
		Android: {"registerForActivityResult(LaunchLink())", "LinkConfiguration(", ".launch("},
		Flutter: {"MeshSdk.show(", "MeshConfiguration("}, PayLink: {"paymentLink"},
		Node: {"new FrontApi(", "managedAccountAuthentication.v1LinktokenCreate(", "res.data.content"},
	}
	for p, wants := range calls {
		for _, want := range wants {
			if s := renders(t)[string(p)]; !strings.Contains(s, want) {
				t.Errorf("%s does not contain %q", p, want)
			}
		}
	}
}

// callArguments returns what stands between the brackets of each call of
// call in s.
func callArguments(s, call string) []string {
	var out []string
	for i := strings.Index(s, call); i >= 0; {
		start := i + len(call)
		depth := 1
		if strings.HasPrefix(call, "<") { // a JSX element: up to its "/>"
			end := strings.Index(s[start:], "/>")
			out = append(out, s[start:start+end])
		} else {
			j := start
			for ; j < len(s) && depth > 0; j++ {
				switch s[j] {
				case '(', '{', '[':
					depth++
				case ')', '}', ']':
					depth--
				}
			}
			out = append(out, s[start:j-1])
		}
		next := strings.Index(s[start:], call)
		if next < 0 {
			break
		}
		i = start + next
	}
	return out
}

var argumentName = regexp.MustCompile(`^\s*([A-Za-z_]\w*)\s*(?:=\{|:|=[^=>])`)

// argumentNames reads the names at the top level of args, one per line:
// `name: …` (JavaScript, Swift, Dart), `name = …` (Kotlin), `name={…}` (JSX).
func argumentNames(args string) []string {
	var names []string
	depth := 0
	for _, line := range strings.Split(args, "\n") {
		if depth == 0 {
			if m := argumentName.FindStringSubmatch(line); m != nil && !strings.HasPrefix(strings.TrimSpace(line), "//") {
				names = append(names, m[1])
			}
		}
		for _, c := range stripStrings(line) {
			switch c {
			case '(', '{', '[':
				depth++
			case ')', '}', ']':
				depth--
			}
		}
	}
	return names
}

var quoted = regexp.MustCompile(`'(\\.|[^'\\])*'|"(\\.|[^"\\])*"|//.*$`)

func stripStrings(line string) string { return quoted.ReplaceAllString(line, "") }

func TestRenderRefusesWhatItCannotEmbed(t *testing.T) {
	if _, err := Render(Web, Options{Token: "abc'); alert(1); ('"}); err == nil {
		t.Error("a token that is not base64 was embedded")
	}
	if _, err := Render(PayLink, Options{Token: testToken}); err == nil || !strings.Contains(err.Error(), "--pay-link") {
		t.Errorf("a paylink snippet from a token alone: %v, want a pointer to --pay-link", err)
	}
}

func TestNodeBody(t *testing.T) {
	s, err := Render(Node, Options{Request: paymentRequest()})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"userId,\n", "transactionId: randomUUID(),", "import { randomUUID } from 'node:crypto'", "amount: 10.50,", "generatePayLink: true,"} {
		if !strings.Contains(s, want) {
			t.Errorf("node snippet lacks %q", want)
		}
	}
	for _, leak := range []string{"accessTokens", "at-secret-1", "user-1", "tx-1"} {
		if strings.Contains(s, leak) {
			t.Errorf("node snippet holds %q", leak)
		}
	}
}

func TestStringLiterals(t *testing.T) {
	in := "a'b\"c\\d$e\n\u2028\x1b"
	for _, c := range []struct{ name, got, want string }{
		{"js", jsString(in), `'a\'b"c\\d$e\u000a\u2028\u001b'`},
		{"swift", swiftString(in), `"a'b\"c\\d$e\u{a}\u{2028}\u{1b}"`},
		{"kotlin", kotlinString(in), `"a'b\"c\\d\$e\u000a\u2028\u001b"`},
		{"dart", dartString(in), `'a\'b"c\\d\$e\u000a\u2028\u001b'`},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}

// Bidirectional controls ("Trojan Source": code that reads otherwise than it
// runs) are escaped in each language's own form, and so is the "<" of
// "</script" and "<!--" in JavaScript, which would end or confuse an inline
// <script> the snippet is pasted into.
func TestStringLiteralsKeepCodeReadingAsItRuns(t *testing.T) {
	bidi := "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
	for _, c := range []struct {
		name string
		lit  func(string) string
		form string // how U+202E is written
	}{
		{"js", jsString, `\u202e`}, {"swift", swiftString, `\u{202e}`}, {"kotlin", kotlinString, `\u202e`}, {"dart", dartString, `\u202e`},
	} {
		got := c.lit("admin" + bidi + "x")
		for _, r := range bidi {
			if strings.ContainsRune(got, r) {
				t.Errorf("%s: %U is written as is: %q", c.name, r, got)
			}
		}
		if !strings.Contains(got, c.form) {
			t.Errorf("%s: %q lacks %s", c.name, got, c.form)
		}
	}
	for in, want := range map[string]string{
		"</script><script>alert(1)</script>": `'\x3c/script><script>alert(1)\x3c/script>'`,
		"</SCRIPT >":                         `'\x3c/SCRIPT >'`,
		"<!-- <script>":                      `'\x3c!-- <script>'`,
		"a<b </p> <!- <":                     `'a<b </p> <!- <'`,
	} {
		if got := jsString(in); got != want {
			t.Errorf("jsString(%q) = %s, want %s", in, got, want)
		}
	}
	// Only JavaScript goes into HTML.
	if got := swiftString("</script>"); got != `"</script>"` {
		t.Errorf("swift: %s", got)
	}
}

func TestParsePlatform(t *testing.T) {
	if p, err := ParsePlatform(" React-Native "); err != nil || p != ReactNative {
		t.Errorf("got %q, %v", p, err)
	}
	_, err := ParsePlatform("vue")
	if err == nil || !strings.Contains(err.Error(), "web, react, nextjs, react-native, ios, android, flutter, paylink or node") {
		t.Errorf("unknown platform: %v", err)
	}
}

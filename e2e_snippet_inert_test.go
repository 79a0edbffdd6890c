package main

// End-to-end tests of text from outside in the code meshlink writes: a
// string in a snippet stays a string whoever reads it, a browser parsing an
// inline <script> or a person reading code with bidirectional controls in
// it ("Trojan Source"), printed by the CLI or copied from the wizard alike.

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileText would end an inline <script> ("</script"), change how its end
// is found ("<!--"), and reorder how the code reads (U+202E, U+2066,
// U+200F, U+061C).
const hostileText = "Main </script><!-- \u202e wallet \u2066x\u2069 \u200f\u061c"

var bidiControls = regexp.MustCompile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

func TestSnippetStringsStayInert(t *testing.T) {
	t.Parallel()
	tokens := filepath.Join(t.TempDir(), "tokens.json")
	writeFile(t, tokens, `[{"accountId":"acc-1","accountName":`+jsonString(hostileText)+`,"accessToken":"at-1","brokerType":"coinbase","brokerName":"Coinbase"}]`)
	const token = "aHR0cHM6Ly93ZWIubWVzaGNvbm5lY3QuY29tL2RlbW8="
	for platform, want := range map[string][]string{
		"web":          {`Main \x3c/script>\x3c!-- \u202e wallet \u2066x\u2069 \u200f\u061c`},
		"react":        {`\x3c/script>`, `\u202e`},
		"nextjs":       {`\x3c/script>`, `\u202e`},
		"react-native": {`\u202e`},
		"ios":          {`Main </script><!-- \u{202e} wallet \u{2066}x\u{2069} \u{200f}\u{61c}`},
		"android":      {`Main </script><!-- \u202e wallet \u2066x\u2069 \u200f\u061c`},
		"flutter":      {`Main </script><!-- \u202e wallet \u2066x\u2069 \u200f\u061c`},
	} {
		r := meshlink(t, nil, "", "snippet", platform, "--token", token, "--access-tokens", tokens)
		if r.code != 0 {
			t.Fatalf("snippet %s: exit %d\n%s", platform, r.code, r.stderr)
		}
		for _, w := range want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("snippet %s lacks %s:\n%s", platform, w, r.stdout)
			}
		}
		if bidiControls.MatchString(r.stdout) {
			t.Errorf("snippet %s holds a bidirectional control as is", platform)
		}
		if strings.Contains(r.stdout, "</script") && strings.Contains(strings.Join([]string{"web", "react", "nextjs"}, " "), platform) {
			t.Errorf("snippet %s holds </script, which ends an inline script", platform)
		}
	}

	// The node code of a fetched token embeds the request body.
	r := meshlink(t, nil, "", "token", "--use-case", "verify", "--user-id", "u1", "--verify-network", "solana",
		"--verify-message", hostileText, "--snippet", "node")
	if r.code != 0 || !strings.Contains(r.stdout, `message: 'Main \x3c/script>\x3c!-- \u202e wallet`) || bidiControls.MatchString(r.stdout) {
		t.Errorf("token --snippet node: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// The wizard's code for a token is the same text, copied: its node code
// escapes the verify message of a preset as the CLI does.
func TestWizardCopiesInertSnippets(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	e := newWizardEnv(t, withCreds...)
	preset := `{"version":1,"name":"hostile-verify","useCase":"verify","request":{"userId":"u1","restrictMultipleAccounts":true,` +
		`"verifyWalletOptions":{"verificationMethods":["signedMessage"],"message":` + jsonString(hostileText) + `,"networkId":"0291810a-5947-424d-9a59-e88bb33e999d"}}}`
	writeFile(t, filepath.Join(e.config, "presets", "hostile-verify.json"), preset)
	w := startWizard(t, e, "--base-url", srv.URL)
	w.typ("p")
	w.waitFor("hostile-verify")
	w.keys("Enter")
	w.waitFor("preset hostile-verify loaded", "ready to send")
	w.keys("Enter")
	w.waitFor("✓ link token from custom", "next: x code for your app")
	w.keys("x")
	w.waitFor("Copy the code that opens Link with this token", "› web")
	for range 8 { // node is the last of nine
		w.keys("Down")
	}
	w.waitFor("› node")
	w.keys("Enter")
	code := w.waitCopied("the node code", func(b string) bool { return strings.Contains(b, "v1LinktokenCreate(") })
	if !strings.Contains(code, `message: 'Main \x3c/script>\x3c!-- \u202e wallet \u2066x\u2069 \u200f\u061c'`) || bidiControls.MatchString(code) {
		t.Errorf("the wizard copied:\n%s", code)
	}
	w.keys("Escape")
	w.waitFor("✓ link token from custom")
	w.keys("q")
	w.waitExit()
}

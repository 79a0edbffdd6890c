package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Mesh's own example bodies through the built binary (their sources and
// what meshlink does with each: testdata/mesh-examples/README.md).

func example(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mesh-examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Filled in with real addresses, each of the guide's bodies gets a token
// from the demo server through --body, and replays the same body from a
// preset.
func TestMeshExamplesFilledGetTokens(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"deposit", "payment", "onramp", "withdrawal", "verify"} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join("testdata", "mesh-examples", "filled", "guide-"+name+".json")
			r := meshlink(t, nil, "", "token", "--body", file, "--env", "demo")
			if r.code != 0 || !strings.HasPrefix(r.stdout, "aHR0c") { // base64 of "http"
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			dry := meshlink(t, nil, "", "token", "--body", file, "--dry-run")
			config := t.TempDir()
			env := []string{"MESHLINK_CONFIG_DIR=" + config}
			if s := meshlink(t, env, "", "presets", "save", "mesh-"+name, "--body", file); s.code != 0 {
				t.Fatalf("presets save: exit %d %s", s.code, s.stderr)
			}
			replay := meshlink(t, env, "", "token", "--preset", "mesh-"+name, "--dry-run")
			if replay.code != 0 || replay.stdout != dry.stdout {
				t.Errorf("the preset does not replay the body (exit %d):\n%s\nwant\n%s%s", replay.code, replay.stdout, dry.stdout, replay.stderr)
			}
		})
	}
}

// As Mesh's guide prints them, with "xxx" for every address, the bodies are
// refused, each placeholder named, and nothing is sent.
func TestMeshGuideExamplesNamePlaceholders(t *testing.T) {
	t.Parallel()
	srv, calls := faultServer(t)
	r := meshlink(t, withCreds, "", "token", "--body", filepath.Join("testdata", "mesh-examples", "guide-payment.json"), "--base-url", srv.URL)
	if r.code != 2 || calls.Load() != 0 {
		t.Fatalf("exit %d, %d calls, want 2 and none\n%s", r.code, calls.Load(), r.stderr)
	}
	for _, want := range []string{
		`transferOptions.toAddresses[0].address: "xxx" is a placeholder: put the real Solana address here`,
		`transferOptions.toAddresses[3].address: "xxx" is a placeholder: put the real Bitcoin address here`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	// presets save checks the body as token --preset will: a preset that
	// could never be sent is not saved.
	config := t.TempDir()
	env := []string{"MESHLINK_CONFIG_DIR=" + config}
	r = meshlink(t, env, "", "presets", "save", "guide-payment", "--body", filepath.Join("testdata", "mesh-examples", "guide-payment.json"))
	if r.code != 2 || !strings.Contains(r.stderr, "the preset was not saved") ||
		!strings.Contains(r.stderr, `transferOptions.toAddresses[1].address: "xxx" is a placeholder: put the real Ethereum address here`) {
		t.Errorf("presets save of the guide's payment: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(config, "presets", "guide-payment.json")); err == nil {
		t.Error("the preset was written")
	}
	// The verify example sends networkId with networkType: a warning, as
	// Mesh's own example does it.
	r = meshlink(t, nil, "", "token", "--body", filepath.Join("testdata", "mesh-examples", "filled", "guide-verify.json"), "--dry-run")
	if r.code != 0 || !strings.Contains(r.stderr, "warning: verifyWalletOptions.networkType: is given together with networkId") {
		t.Errorf("verify example: exit %d\n%s", r.code, r.stderr)
	}
}

// The API reference's example is refused with a pointer to integrationId;
// the PayLinks example is accepted with a note and gets a pay link.
func TestMeshAPIReferenceAndPayLinksExamples(t *testing.T) {
	t.Parallel()
	srv, calls := faultServer(t)
	r := meshlink(t, withCreds, example(t, "api-reference.json"), "token", "--body", "-", "--base-url", srv.URL)
	if r.code != 2 || calls.Load() != 0 || !strings.Contains(r.stderr, "configurationId: Mesh removed configurationId from its API in 2023") ||
		!strings.Contains(r.stderr, "use integrationId") {
		t.Errorf("api-reference: exit %d, %d calls\n%s", r.code, calls.Load(), r.stderr)
	}
	// straight to a demo server: its pay link leads to its own origin, which
	// is trusted only as the --base-url (a fault server's would be refused)
	d := startDemoServer(t)
	r = meshlink(t, withCreds, example(t, "paylinks.json"), "token", "--body", "-", "--base-url", d.URL, "--json")
	if r.code != 0 || !strings.Contains(r.stderr, "Mesh picks the crypto amount") || !strings.Contains(r.stdout, `"paymentLink"`) {
		t.Errorf("paylinks: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// Mesh's errorType, displayMessage and errorHash reach the user, with what
// to quote to Mesh support.
func TestAPIErrorShowsErrorHash(t *testing.T) {
	t.Parallel()
	srv, _ := faultServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"status":"badRequest","message":"Network is not supported by the selected DeFi wallet","displayMessage":"This wallet cannot pay on Solana","errorHash":"7dcbb73d","errorType":"invalidField"}`))
	})
	r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", srv.URL)...)
	for _, want := range []string{"HTTP 400 Bad Request (invalidField)", "This wallet cannot pay on Solana", "Quote errorHash 7dcbb73d to Mesh support."} {
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", r.code, want, r.stderr)
		}
	}
}

// A key given twice, in any case, would make one of the two values count
// without a word (Mesh's server reads keys in any case): exit 2, nothing
// sent, the key named. An unknown key names the field meant.
func TestBodyKeysAsMeshReadsThem(t *testing.T) {
	t.Parallel()
	srv, calls := faultServer(t)
	cases := []struct{ body, says string }{
		{`{"userId": "a", "userId": "b"}`, "userId: is given twice; keep one"},
		{`{"userId": "a", "UserId": "b"}`, `userId: "userId" and "UserId" are the same key to Mesh, which reads keys in any case; keep one`},
		{`{"userId": "a", "transferOptions": {"toAdresses": []}}`, "transferOptions.toAdresses: is not a field of transferOptions; did you mean toAddresses?"},
	}
	for _, c := range cases {
		r := meshlink(t, withCreds, c.body, "token", "--body", "-", "--base-url", srv.URL)
		if r.code != 2 || !strings.Contains(r.stderr, c.says) {
			t.Errorf("%s: exit %d\n%s", c.body, r.code, r.stderr)
		}
	}
	// Mesh's example apps send PascalCase keys: they mean the same fields.
	r := meshlink(t, withCreds, `{"UserId": "u-1", "RestrictMultipleAccounts": true}`, "token", "--body", "-", "--base-url", srv.URL)
	if r.code != 0 {
		t.Errorf("PascalCase body: exit %d\n%s", r.code, r.stderr)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d calls reached the server, want only the PascalCase one", n)
	}
}

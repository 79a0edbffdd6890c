package main

// End-to-end tests of what comes after the token: the history, the report
// for support, snippets, and that no file meshlink writes holds a token.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/ui/qr/qrtest"
)

// stateEnv is a set of meshlink directories that lasts across runs.
type stateEnv struct{ config, cache, state, home string }

func newStateEnv(t *testing.T) stateEnv {
	return stateEnv{t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()}
}

func (s stateEnv) vars(extra ...string) []string {
	return append([]string{"MESHLINK_CONFIG_DIR=" + s.config, "MESHLINK_CACHE_DIR=" + s.cache,
		"MESHLINK_STATE_DIR=" + s.state, "HOME=" + s.home}, extra...)
}

func TestHistoryHoldsNoTokenInAnyFileMeshlinkWrote(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	env := s.vars(withCreds...)
	var secrets []string

	// A payment with a pay link, as JSON.
	r := meshlink(t, env, "", "token", "--base-url", srv.URL, "--json", "--use-case", "payment", "--user-id", "user-e2e",
		"--transaction-id", "tx-e2e-1", "--pay-link", "--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:5",
		"--set", "accessTokens[0].accessToken=managed-access-secret", "--set", "accessTokens[0].accountId=acc-1")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var tok struct{ LinkToken, PaymentLink, LinkURL, TransactionID string }
	if err := json.Unmarshal([]byte(r.stdout), &tok); err != nil {
		t.Fatal(err)
	}
	if tok.TransactionID != "tx-e2e-1" || tok.PaymentLink == "" {
		t.Fatalf("--json: %s", r.stdout)
	}
	u, _ := url.Parse(tok.LinkURL)
	secrets = append(secrets, tok.LinkToken, tok.PaymentLink, u.Query().Get("auth_code"), "managed-access-secret")

	// A snippet with the token embedded, and a plain token.
	r = meshlink(t, env, "", "token", "--base-url", srv.URL, "--use-case", "withdrawal", "--user-id", "user-e2e", "--snippet", "react")
	m := regexp.MustCompile(`const linkToken = '([^']+)'`).FindStringSubmatch(r.stdout)
	if r.code != 0 || m == nil {
		t.Fatalf("exit %d, snippet:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	secrets = append(secrets, m[1])
	r = meshlink(t, env, "", "token", "--base-url", srv.URL, "--use-case", "withdrawal", "--user-id", "user-e2e")
	secrets = append(secrets, strings.TrimSpace(r.stdout))

	// A failure Mesh answers with errorType and errorHash.
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"status":"badRequest","message":"Invalid address","errorType":"invalidField","errorHash":"77aa11bb"}`)
	}))
	defer failing.Close()
	r = meshlink(t, env, "", "token", "--base-url", failing.URL, "--use-case", "withdrawal", "--user-id", "user-e2e")
	if r.code != 1 {
		t.Fatalf("a refused request exited %d", r.code)
	}

	r = meshlink(t, env, "", "history")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 5 || !strings.Contains(r.stdout, "failed: HTTP 400, invalidField, errorHash 77aa11bb") || !strings.Contains(r.stdout, "tx-e2e-1") {
		t.Errorf("history (exit %d):\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = meshlink(t, env, "", "report", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "errorType:      invalidField") || !strings.Contains(r.stdout, "errorHash:      77aa11bb") || strings.Contains(r.stdout, "user-e2e") {
		t.Errorf("report (exit %d):\n%s%s", r.code, r.stdout, r.stderr)
	}

	fi, err := os.Stat(filepath.Join(s.state, "history.jsonl"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("history file: %v, mode %v", err, fi.Mode().Perm())
	}
	// Every file under every directory meshlink may write.
	secrets = append(secrets, testSecret)
	found := 0
	for _, dir := range []string{s.config, s.cache, s.state, s.home} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			found++
			b, _ := os.ReadFile(path)
			for _, secret := range secrets {
				if secret != "" && bytes.Contains(b, []byte(secret)) {
					t.Errorf("%s holds %q", path, secret)
				}
			}
			return nil
		})
	}
	if found == 0 {
		t.Error("meshlink wrote no file at all: the search proves nothing")
	}
}

// Runs at the same time each append their line: none is lost or torn.
func TestConcurrentRunsShareTheHistory(t *testing.T) {
	t.Parallel()
	s := newStateEnv(t)
	const runs = 6
	var wg sync.WaitGroup
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := meshlink(t, s.vars(), "", "token", "--use-case", "withdrawal", "--user-id", "concurrent-"+string(rune('a'+i)))
			if r.code != 0 {
				t.Errorf("run %d exit %d: %s", i, r.code, r.stderr)
			}
		}()
	}
	wg.Wait()
	r := meshlink(t, s.vars(), "", "history", "--json")
	var got []struct{ UserID string }
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	seen := map[string]bool{}
	for _, e := range got {
		seen[e.UserID] = true
	}
	if len(got) != runs || len(seen) != runs {
		t.Errorf("%d entries, %d distinct users; want %d", len(got), len(seen), runs)
	}
}

func TestSnippetUnknownPlatformExits2(t *testing.T) {
	t.Parallel()
	r := meshlink(t, nil, "", "snippet", "angular")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "web, react, nextjs, react-native, ios, android, flutter, paylink or node") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// --open hands the pay link to $BROWSER and --qr writes it as a QR code,
// from the real binary.
func TestOpenAndQRFromTheShell(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	script, record, png := filepath.Join(dir, "browser"), filepath.Join(dir, "opened"), filepath.Join(dir, "pay.png")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\n"), 0o700)
	r := meshlink(t, []string{"BROWSER=" + script}, "", "token", "--json", "--use-case", "payment", "--user-id", "u1",
		"--transaction-id", "auto", "--pay-link", "--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:1", "--open", "--qr", png)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var tok struct{ PaymentLink string }
	json.Unmarshal([]byte(r.stdout), &tok)
	if got, _ := os.ReadFile(record); string(got) != tok.PaymentLink+"\n" || tok.PaymentLink == "" {
		t.Errorf("$BROWSER got %q, want %q", got, tok.PaymentLink)
	}
	if got, err := qrtest.DecodeFile(png); err != nil || got != tok.PaymentLink {
		t.Errorf("the QR code reads %q (%v), want the pay link %q", got, err, tok.PaymentLink)
	}
	if !strings.Contains(r.stderr, "stop working when meshlink exits") {
		t.Errorf("the in-process demo's links are not said to end:\n%s", r.stderr)
	}
}

// The wizard's fetches go into the same history, its result screen copies
// the code for a platform, and the next wizard's first screen shows the
// fetch; no file under its home holds the token.
func TestWizardFetchesSnippetAndHistory(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	e := newWizardEnv(t, withCreds...)
	w := startWizard(t, e, "--base-url", srv.URL)
	w.waitFor("What should the link token do?")
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("user-wizard-hist")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "ready to send")
	w.keys("Enter")
	screen := w.waitFor("✓ link token from custom", "Link URL", "next: x code for your app")
	token := assertToken(t, screen, srv, "withdrawal")

	w.keys("x")
	w.waitFor("Copy the code that opens Link with this token", "react-native")
	w.keys("Enter") // web, the first
	w.waitCopied("the web code", func(b string) bool {
		return strings.Contains(b, "const linkToken = '"+token+"'") && strings.Contains(b, "createLink({")
	})
	w.waitFor("Withdrawal › web code") // shown as it is copied
	w.keys("Escape")
	w.waitFor("✓ link token from custom")
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Fatalf("q: exit status %d", code)
	}

	r := meshlink(t, append(e.cliEnv(), "MESHLINK_STATE_DIR="+filepath.Join(e.home, ".local", "state", "meshlink")), "", "history", "--json")
	var got []struct{ Source, UserID string }
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 1 || got[0].Source != "wizard" || got[0].UserID != "user-wizard-hist" {
		t.Fatalf("history after the wizard: %s (%v)\n%s", r.stdout, err, r.stderr)
	}

	w2 := startWizard(t, e, "--base-url", srv.URL)
	w2.waitFor("What should the link token do?", "user-wizard", "valid until")
	w2.keys("C-c")
	w2.waitExit()

	filepath.WalkDir(e.home, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(token)) {
			t.Errorf("%s holds the token", path)
		}
		return nil
	})
}

// On the result screen, o hands the Link URL to $BROWSER and w writes its QR
// code as a PNG in the state directory (not the directory meshlink started
// in), saying where, and that a phone cannot open a link to this machine.
func TestWizardOpensAndWritesTheQRCode(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	dir := t.TempDir()
	script, record := filepath.Join(dir, "browser"), filepath.Join(dir, "opened")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\n"), 0o700)
	e := newWizardEnv(t, append([]string{"BROWSER=" + script}, withCreds...)...)
	w := startPane(t, e, "/bin/sh", "-c", `cd "$0" && exec "$@"`, dir, binary, "--base-url", srv.URL)
	w.waitFor("What should the link token do?")
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("user-wizard-qr")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "ready to send")
	w.keys("Enter")
	screen := w.waitFor("✓ link token from custom", "next: x code for your app · o open in browser · w QR code as PNG · t try Link")
	token := assertToken(t, screen, srv, "withdrawal")
	link, _ := base64.StdEncoding.DecodeString(token)

	w.keys("o")
	w.waitFor("opened the Link URL in your browser")
	if got, _ := os.ReadFile(record); string(got) != string(link)+"\n" {
		t.Errorf("$BROWSER got %q, want %q", got, link)
	}

	w.keys("w")
	state := filepath.Join(e.home, ".local", "state", "meshlink")
	w.waitFor("QR code as PNG", "/meshlink-qr-", "a phone cannot open it")
	w.keys("Enter")
	w.waitFor("QR code of the Link URL written to", "a phone cannot open it")
	if pngs, _ := filepath.Glob(filepath.Join(dir, "*.png")); len(pngs) != 0 {
		t.Errorf("PNGs in the directory meshlink started in: %v", pngs)
	}
	pngs, _ := filepath.Glob(filepath.Join(state, "meshlink-qr-*.png"))
	if len(pngs) != 1 {
		t.Fatalf("PNGs in the state directory: %v", pngs)
	}
	if got, err := qrtest.DecodeFile(pngs[0]); err != nil || got != string(link) {
		t.Errorf("the QR code reads %q (%v), want the Link URL %q", got, err, link)
	}
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Fatalf("q: exit status %d", code)
	}
}

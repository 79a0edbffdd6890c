package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/ui/qr/qrtest"
)

func decodeQR(t *testing.T, path string) string {
	t.Helper()
	text, err := qrtest.DecodeFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

var payArgs = []string{"token", "--use-case", "payment", "--user-id", "u1", "--transaction-id", "auto", "--pay-link",
	"--to", "base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:10", "--json"}

func TestTokenQRIsThePayLink(t *testing.T) {
	app, out, errb := demoApp(t)
	path := filepath.Join(t.TempDir(), "pay.png")
	if err := run(t, app, append(payArgs, "--qr", path)...); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	var tok tokenJSON
	json.Unmarshal([]byte(out.String()), &tok)
	if got := decodeQR(t, path); got != tok.PaymentLink || got == "" {
		t.Errorf("the QR code says %q, want the pay link %q", got, tok.PaymentLink)
	}
	for _, want := range []string{"wrote a QR code of the pay link to " + path, "a phone cannot reach it"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
}

func TestTokenQRWithoutPayLinkIsTheLinkURL(t *testing.T) {
	app, out, errb := demoApp(t)
	path := filepath.Join(t.TempDir(), "link.png")
	if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1", "--json", "--qr", path); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	var tok tokenJSON
	json.Unmarshal([]byte(out.String()), &tok)
	if got := decodeQR(t, path); got != tok.LinkURL || got == "" {
		t.Errorf("the QR code says %q, want the Link URL %q", got, tok.LinkURL)
	}
}

func TestTokenOpenUsesBrowser(t *testing.T) {
	dir := t.TempDir()
	script, record := filepath.Join(dir, "browser"), filepath.Join(dir, "opened")
	os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\n"), 0o700)
	app, out, errb := demoApp(t, "BROWSER", script)
	if err := run(t, app, append(payArgs, "--open")...); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	var tok tokenJSON
	json.Unmarshal([]byte(out.String()), &tok)
	got, err := os.ReadFile(record)
	if err != nil || string(got) != tok.PaymentLink+"\n" {
		t.Errorf("the browser was given %q (%v), want the pay link %q", got, err, tok.PaymentLink)
	}
	if !strings.Contains(errb.String(), "opened the pay link in your browser") {
		t.Errorf("stderr:\n%s", errb)
	}
}

func TestTokenOpenOverSSHShowsTheURL(t *testing.T) {
	app, out, errb := demoApp(t, "SSH_CONNECTION", "10.0.0.1 5555 10.0.0.2 22")
	if err := run(t, app, append(payArgs, "--open")...); err != nil {
		t.Fatal(err)
	}
	var tok tokenJSON
	json.Unmarshal([]byte(out.String()), &tok)
	if !strings.Contains(errb.String(), "no local browser is reachable") || !strings.Contains(errb.String(), tok.PaymentLink) {
		t.Errorf("stderr:\n%s", errb)
	}
}

func TestTokenQRAndOpenMistakes(t *testing.T) {
	dir := t.TempDir()
	app, out, _ := testApp(t) // no network: nothing may be sent
	wantUsage(t, run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1", "--qr", dir), "is a directory")
	wantUsage(t, run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1", "--qr", filepath.Join(dir, "no", "such.png")), "does not exist")
	wantUsage(t, run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1", "--dry-run", "--open"), "fetch none")
	if out.Len() > 0 {
		t.Errorf("stdout: %s", out)
	}
}

func TestDemoUsesARunningDemoServer(t *testing.T) {
	state := t.TempDir()
	keyPath := filepath.Join(state, demo.KeyFile)
	key, err := demo.LoadKey(keyPath, true)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := demo.StartWith(demo.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	app, out, errb := demoApp(t, "MESHLINK_DEMO_SERVER", srv.URL, "MESHLINK_STATE_DIR", state)
	if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1", "--json"); err != nil {
		t.Fatal(err)
	}
	var tok tokenJSON
	json.Unmarshal([]byte(out.String()), &tok)
	if !strings.HasPrefix(tok.LinkURL, srv.URL+"/") || len(srv.Requests()) != 1 {
		t.Fatalf("the token came from elsewhere: %s (the running server saw %d requests)", tok.LinkURL, len(srv.Requests()))
	}
	// meshlink has finished: the link still answers.
	resp, err := http.Get(tok.LinkURL)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("the link is dead after the run: %v", err)
	}
	if !strings.Contains(errb.String(), "keep working after this run") || strings.Contains(errb.String(), "stop working when meshlink exits") ||
		!strings.Contains(errb.String(), "running at "+srv.URL+" (it proved it is yours: it holds the key in "+keyPath+")") {
		t.Errorf("stderr:\n%s", errb)
	}
}

// A demo server without the user's key (another user's, or any program on
// the port) is never sent a request, whatever it answers.
func TestDemoNeverUsesAServerThatDoesNotProveItself(t *testing.T) {
	impostor, err := demo.Start("127.0.0.1:0") // holds no key
	if err != nil {
		t.Fatal(err)
	}
	defer impostor.Close()
	state := t.TempDir()
	if _, err := demo.LoadKey(filepath.Join(state, demo.KeyFile), true); err != nil {
		t.Fatal(err)
	}
	app, _, errb := demoApp(t, "MESHLINK_DEMO_SERVER", impostor.URL, "MESHLINK_STATE_DIR", state)
	if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1"); err != nil {
		t.Fatal(err)
	}
	if n := len(impostor.Requests()); n != 0 {
		t.Errorf("the server that did not prove itself got %d requests", n)
	}
	for _, want := range []string{"built-in demo server", "not what answers at " + impostor.URL, "it did not prove it holds the key in " + state} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
}

func TestDemoWithoutARunningServerSaysItsLinksEnd(t *testing.T) {
	notDemo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("someone else's app")) }))
	defer notDemo.Close()
	app, out, errb := demoApp(t, "MESHLINK_DEMO_SERVER", notDemo.URL)
	if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1", "--json"); err != nil {
		t.Fatal(err)
	}
	var tok tokenJSON
	json.Unmarshal([]byte(out.String()), &tok)
	if strings.HasPrefix(tok.LinkURL, notDemo.URL) {
		t.Fatalf("another program was taken for a demo server: %s", tok.LinkURL)
	}
	if _, err := http.Get(tok.LinkURL); err == nil {
		t.Error("the in-process demo server still answers after the run")
	}
	for _, want := range []string{"stop working when meshlink exits", "meshlink demo-server", notDemo.URL} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb)
		}
	}
}

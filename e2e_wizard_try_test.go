package main

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The wizard's t, in a terminal: the result screen offers it, t serves the
// page and opens it with $BROWSER, the screen shows each callback the page
// reports as it comes (tokens never), and esc returns to the token and stops
// the page. The browser's part, the page posting its callbacks, is played
// here over HTTP, as the page's script posts them.
func TestWizardTryShowsCallbacksLiveAndEscReturns(t *testing.T) {
	t.Parallel()
	srv := startDemoServer(t)
	dir := t.TempDir()
	script, record := filepath.Join(dir, "browser"), filepath.Join(dir, "opened")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$@\" > '"+record+"'\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	e := newWizardEnv(t, append([]string{"BROWSER=" + script, "MESHLINK_TRY_ADDR=127.0.0.1:0"}, withCreds...)...)
	w := startWizard(t, e, "--base-url", srv.URL)
	w.typ("4")
	w.waitFor("Withdrawal › Details", "› User ID")
	w.typ("user-try")
	w.keys("Enter")
	w.waitFor("Withdrawal › Preview", "ready to send")
	w.keys("Enter")
	w.waitFor("✓ link token from custom", "t try Link")

	w.keys("t")
	w.waitFor("Link in your browser", "in your browser", "waiting for the page")
	opened, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("$BROWSER did not run: %v", err)
	}
	page := strings.TrimSpace(string(opened))
	u, err := url.Parse(page)
	if err != nil || !strings.HasPrefix(u.Path, "/try/") {
		t.Fatalf("$BROWSER got %q, not the page", page)
	}
	w.waitFor("opened " + page)
	for _, body := range []string{
		`{"notice":"sdkLoaded"}`,
		`{"callback":"event","payload":{"type":"pageLoaded"}}`,
		`{"callback":"integrationConnected","payload":{"accessToken":{"brokerName":"Coinbase","accountTokens":[{"accessToken":"SECRET-AT","refreshToken":"SECRET-RT"}]}}}`,
	} {
		postEvent(t, page, u.Scheme+"://"+u.Host, body)
	}
	w.waitFor("the page loaded Mesh's web SDK", "event  pageLoaded", "integration connected  Coinbase, 1 account")
	postEvent(t, page, u.Scheme+"://"+u.Host, `{"callback":"exit","payload":{"errorMessage":null,"summary":{"page":"integrationConnectedPage"}}}`)
	screen := w.waitFor("exit  no error · summary page integrationConnectedPage", "✓ Link closed on integrationConnectedPage: the Withdrawal goal was reached")
	if strings.Contains(screen, "SECRET") {
		t.Errorf("a token reached the screen:\n%s", screen)
	}

	w.keys("Escape")
	w.waitFor("Withdrawal › Token", "t try Link")
	if res, err := http.Get(page); err == nil {
		res.Body.Close()
		t.Errorf("the page is still served after esc: HTTP %d", res.StatusCode)
	}
	w.keys("q")
	if code := w.waitExit(); code != 0 {
		t.Errorf("q: exit status %d, want 0", code)
	}
}

// postEvent posts one report to the page's event endpoint as the page does.
func postEvent(t *testing.T, page, origin, body string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, page+"/events", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Origin", origin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		t.Fatalf("%s: HTTP %d", body, res.StatusCode)
	}
}

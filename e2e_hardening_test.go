package main

// End-to-end tests of meshlink's hardening: the secret stays home, hostile
// text stays inert, input is bounded, no save is lost.

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestRedirectNeverCarriesTheSecretAway(t *testing.T) {
	var mu sync.Mutex
	var stolen []string
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		stolen = append(stolen, r.Header.Get("X-Client-Secret"))
		mu.Unlock()
	}))
	defer elsewhere.Close()
	srv, calls := faultServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/collect", http.StatusTemporaryRedirect)
	})
	r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", srv.URL)...)
	mu.Lock()
	defer mu.Unlock()
	if len(stolen) != 0 {
		t.Fatalf("the redirect target received %d requests, secret %q", len(stolen), stolen)
	}
	if r.code != 1 || r.stdout != "" {
		t.Errorf("exit %d, stdout %q; want 1 and nothing", r.code, r.stdout)
	}
	for _, want := range []string{"HTTP 307", elsewhere.URL + "/collect", "nothing was sent there"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if calls.Load() != 1 {
		t.Errorf("the API host saw %d calls, want 1", calls.Load())
	}
	assertNoSecret(t, r)
}

func TestPlainHTTPBaseURLOnlyForLoopback(t *testing.T) {
	// The address is never dialed: the refusal comes first.
	r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", "http://mesh-proxy.invalid:8080")...)
	if r.code != 2 || !strings.Contains(r.stderr, "plain http") || !strings.Contains(r.stderr, "https://mesh-proxy.invalid:8080") {
		t.Errorf("exit %d, want 2 and a pointer to https:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "nothing was sent") {
		t.Errorf("stderr does not say nothing was sent:\n%s", r.stderr)
	}
	srv, calls := faultServer(t)
	local := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	if r := meshlink(t, withCreds, "", append(append([]string{}, withdrawal...), "--base-url", local)...); r.code != 0 || calls.Load() != 1 {
		t.Errorf("http://localhost: exit %d after %d calls:\n%s", r.code, calls.Load(), r.stderr)
	}
}

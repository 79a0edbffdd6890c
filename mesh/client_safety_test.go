package mesh_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// headerRecorder is a second loopback server standing in for another host:
// it records every request that reaches it.
type headerRecorder struct {
	*httptest.Server
	mu      sync.Mutex
	headers []http.Header
}

func newHeaderRecorder(t *testing.T) *headerRecorder {
	t.Helper()
	h := &headerRecorder{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.headers = append(h.headers, r.Header.Clone())
		h.mu.Unlock()
		answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)}))(w, r)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *headerRecorder) seen() []http.Header {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]http.Header(nil), h.headers...)
}

func TestClient_refusesRedirects(t *testing.T) {
	for _, code := range []int{301, 302, 303, 307, 308} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			elsewhere := newHeaderRecorder(t)
			target := elsewhere.URL + "/steal\u202egnp.exe\u009b2J" // Go refuses C0 controls in headers, not these
			f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", target)
				w.WriteHeader(code)
			})
			c := newClient(f, &sleeps{})
			c.HTTPClient = &http.Client{} // Go's default client follows redirects
			_, err := c.LinkToken(context.Background(), validDeposit())
			if got := elsewhere.seen(); len(got) != 0 {
				t.Fatalf("the other host received %d requests (X-Client-Secret %q)", len(got), got[0].Get("X-Client-Secret"))
			}
			var ae *mesh.APIError
			if !errors.As(err, &ae) || ae.StatusCode != code {
				t.Fatalf("err = %T %v, want an *APIError with status %d", err, err, code)
			}
			for _, want := range []string{elsewhere.URL + "/steal", "nothing was sent there", "never redirects"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Error() = %q, want it to say %q", err, want)
				}
			}
			if strings.ContainsAny(err.Error(), "\u202e\u009b") {
				t.Errorf("Error() holds the Location's control characters: %q", err)
			}
			if n := f.calls.Load(); n != 1 {
				t.Errorf("API host saw %d calls, want 1 (a redirect is not retried)", n)
			}
		})
	}
}

func TestClient_redirectTargetsPasswordIsNotShown(t *testing.T) {
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "https://someone:hunter2@elsewhere.example/x")
		w.WriteHeader(http.StatusFound)
	})
	_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validDeposit())
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "elsewhere.example/x") {
		t.Errorf("Error() = %v, want the target without its password", err)
	}
}

func TestClient_plainHTTPOnlyToLoopback(t *testing.T) {
	for base, ok := range map[string]bool{
		"http://127.0.0.1:9":                 true,
		"http://127.1.2.3:9":                 true,
		"http://[::1]:9":                     true,
		"http://localhost:9":                 true,
		"http://LocalHost:9":                 true,
		"https://mesh-proxy.example":         true,
		"http://mesh-proxy.example":          false,
		"http://10.0.0.1:8080":               false,
		"http://localhost.evil.example":      false,
		"http://[::2]:9":                     false,
		"ftp://127.0.0.1":                    false,
		"not a url":                          false,
		"https://user:pw@mesh-proxy.example": false,
		"http://user@127.0.0.1:9":            false,
	} {
		err := mesh.CheckBaseURL(base)
		if (err == nil) != ok {
			t.Errorf("CheckBaseURL(%q) = %v, want ok %v", base, err, ok)
		}
	}
	if err := mesh.CheckBaseURL("https://me:hunter2@mesh-proxy.example"); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("CheckBaseURL(with a password) = %v, want a refusal that does not repeat the password", err)
	}
	if err := mesh.CheckBaseURL("http://mesh-proxy.example"); err == nil || !strings.Contains(err.Error(), "https://mesh-proxy.example") {
		t.Errorf("CheckBaseURL(http://…) = %v, want it to point at https", err)
	}

	// The client checks too, before anything leaves: nothing listens on
	// the address, and the check must come before any attempt to dial.
	var dialed bool
	c := &mesh.Client{
		BaseURL: "http://mesh-proxy.example", Credentials: mesh.Credentials{ClientID: "id", ClientSecret: "secret"},
		HTTPClient: &http.Client{Transport: &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
			dialed = true
			return nil, errors.New("no network")
		}}},
	}
	_, err := c.LinkToken(context.Background(), validDeposit())
	if err == nil || !strings.Contains(err.Error(), "plain http") || !strings.Contains(err.Error(), "nothing was sent") || dialed {
		t.Errorf("err = %v, dialed %v; want a refusal before dialing", err, dialed)
	}
}

func TestClient_RetryAfter(t *testing.T) {
	ok := answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)}))
	t.Run("past_the_timeout_fails_at_once", func(t *testing.T) {
		for header, say := range map[string]string{
			"3600":                  "after 3600 s",
			"99999999999999999999":  "after 99999999999999999999 s", // overflows an int64: a very long wait, not a short one
			"9223372036854775807":   "after 9223372036854775807 s",
			"00000000000000000031":  "after 31 s",
			strings.Repeat("9", 40): "after more than 1e30 s",
		} {
			f := newFakeMesh(t, answer(429, `{"status":"tooManyRequest"}`, "Retry-After", header), ok)
			sl := &sleeps{}
			c := newClient(f, sl)
			c.Timeout = 30 * time.Second
			_, err := c.LinkToken(context.Background(), validDeposit())
			var re *mesh.RetryAfterError
			if !errors.As(err, &re) {
				t.Fatalf("Retry-After %s: err = %T %v, want *mesh.RetryAfterError", header, err, err)
			}
			for _, want := range []string{"HTTP 429", "Mesh asked to retry " + say, "past the time allowed (30s)"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Retry-After %s: Error() = %q, want %q", header, err, want)
				}
			}
			if strings.Contains(err.Error(), "no answer") {
				t.Errorf("Error() = %q says there was no answer; the server did answer", err)
			}
			var ae *mesh.APIError
			if !errors.As(err, &ae) || ae.StatusCode != 429 {
				t.Errorf("err does not unwrap to the 429: %v", err)
			}
			if len(sl.got()) != 0 || f.calls.Load() != 1 {
				t.Errorf("Retry-After %s: slept %v after %d calls, want no wait after 1", header, sl.got(), f.calls.Load())
			}
		}
	})
	t.Run("within_the_timeout_waits_what_was_asked", func(t *testing.T) {
		f := newFakeMesh(t, answer(503, "", "Retry-After", "25"), ok)
		sl := &sleeps{}
		c := newClient(f, sl)
		c.Timeout = time.Hour
		if _, err := c.LinkToken(context.Background(), validDeposit()); err != nil {
			t.Fatal(err)
		}
		if got := sl.got(); len(got) != 1 || got[0] != 25*time.Second {
			t.Errorf("slept %v, want [25s]", got)
		}
	})
	t.Run("unreadable_or_zero_values_fall_back_to_backoff", func(t *testing.T) {
		for _, header := range []string{"soon", "-5", "0", "1.5", "Wed, 21 Oct 2015 07:28:00 GMT"} {
			f := newFakeMesh(t, answer(429, "", "Retry-After", header), ok)
			sl := &sleeps{}
			if _, err := newClient(f, sl).LinkToken(context.Background(), validDeposit()); err != nil {
				t.Fatal(err)
			}
			if got := sl.got(); len(got) != 1 || got[0] < 250*time.Millisecond || got[0] > 320*time.Millisecond {
				t.Errorf("Retry-After %q: slept %v, want one first backoff", header, got)
			}
		}
	})
}

// payLinkRequest asks for a pay link.
func payLinkRequest() *mesh.LinkTokenRequest {
	r := validPayment()
	r.TransferOptions.GeneratePayLink = mesh.Bool(true)
	return r
}

func TestClient_payLinkIsNeverMintedTwice(t *testing.T) {
	ok := answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)}))
	t.Run("5xx_is_not_resent", func(t *testing.T) {
		f := newFakeMesh(t, answer(502, `{"status":"serverFailure","message":"upstream"}`), ok)
		_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), payLinkRequest())
		var ms *mesh.MaybeSentError
		if !errors.As(err, &ms) {
			t.Fatalf("err = %T %v, want *mesh.MaybeSentError", err, err)
		}
		for _, want := range []string{"HTTP 502", `a pay link may exist for transactionId "pay-0001"`, "did not send it again", "send the same request again"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("Error() = %q, want %q", err, want)
			}
		}
		if strings.Contains(err.Error(), "already retried") {
			t.Errorf("Error() = %q claims a retry that did not happen", err)
		}
		if n := f.calls.Load(); n != 1 {
			t.Errorf("server saw %d calls, want 1", n)
		}
	})
	t.Run("cut_off_answer_is_not_resent", func(t *testing.T) {
		f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
			conn, buf, _ := w.(http.Hijacker).Hijack()
			defer conn.Close()
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{")
			buf.Flush()
		}, ok)
		_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), payLinkRequest())
		var ms *mesh.MaybeSentError
		if !errors.As(err, &ms) || !strings.Contains(err.Error(), "cut off") {
			t.Fatalf("err = %T %v, want *mesh.MaybeSentError about a cut-off answer", err, err)
		}
		if n := f.calls.Load(); n != 1 {
			t.Errorf("server saw %d calls, want 1", n)
		}
	})
	t.Run("429_is_retried", func(t *testing.T) {
		f := newFakeMesh(t, answer(429, ""), ok)
		if _, err := newClient(f, &sleeps{}).LinkToken(context.Background(), payLinkRequest()); err != nil {
			t.Fatal(err)
		}
		if n := f.calls.Load(); n != 2 {
			t.Errorf("server saw %d calls, want 2", n)
		}
	})
	t.Run("connection_refused_is_retried", func(t *testing.T) {
		f := newFakeMesh(t, ok)
		f.Close()
		sl := &sleeps{}
		c := newClient(f, sl)
		c.MaxAttempts = 3
		_, err := c.LinkToken(context.Background(), payLinkRequest())
		var ne *mesh.NetworkError
		if !errors.As(err, &ne) || len(sl.got()) != 2 {
			t.Errorf("err = %v after %d waits, want a network error after 2 retries", err, len(sl.got()))
		}
	})
	t.Run("DNS_failure_is_retried", func(t *testing.T) {
		sl := &sleeps{}
		c := &mesh.Client{
			BaseURL: "https://mesh.invalid", Credentials: mesh.Credentials{ClientID: "id", ClientSecret: "secret"}, Sleep: sl.sleep, MaxAttempts: 2,
			HTTPClient: &http.Client{Transport: &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
				return nil, &net.DNSError{Err: "no such host", Name: "mesh.invalid", IsNotFound: true}
			}}},
		}
		_, err := c.LinkToken(context.Background(), payLinkRequest())
		var ne *mesh.NetworkError
		if !errors.As(err, &ne) || len(sl.got()) != 1 {
			t.Errorf("err = %v after %d waits, want a network error after 1 retry", err, len(sl.got()))
		}
	})
	t.Run("without_a_pay_link_5xx_is_retried", func(t *testing.T) {
		f := newFakeMesh(t, answer(502, ""), ok)
		if _, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validPayment()); err != nil {
			t.Fatal(err)
		}
		if n := f.calls.Load(); n != 2 {
			t.Errorf("server saw %d calls, want 2", n)
		}
	})
}

// A server or proxy that echoes X-Client-Secret back (in a message, a body
// that is not Mesh's JSON, a redirect, a malformed header) never gets the
// secret onto a screen, into the history or a log: every error hides it.
func TestClient_secretEchoedBackIsHidden(t *testing.T) {
	const secret = "secret-456" // newClient's
	for name, h := range map[string]http.HandlerFunc{
		"message":  answer(400, `{"status":"badRequest","message":"bad key secret-456","displayMessage":"key secret-456","errorType":"secret-456"}`),
		"not_json": answer(502, `<html>proxy saw secret-456</html>`, "Content-Type", "text/html"),
		"redirect": answer(307, ``, "Location", "https://elsewhere.example/?k=secret-456"),
		"malformed_header": func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			buf.WriteString("HTTP/1.1 200 OK\r\nX-Echo secret-456\r\n\r\n")
			buf.Flush()
		},
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeMesh(t, h)
			c := newClient(f, &sleeps{})
			c.MaxAttempts = 1
			_, err := c.LinkToken(context.Background(), validDeposit())
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error shows the secret: %v", err)
			}
			var ae *mesh.APIError
			if errors.As(err, &ae) && strings.Contains(fmt.Sprintf("%+v", *ae), secret) {
				t.Errorf("the APIError holds the secret: %+v", *ae)
			}
			if !strings.Contains(err.Error(), "[MESH_CLIENT_SECRET]") {
				t.Errorf("the error does not say what it hid: %v", err)
			}
		})
	}
}

package mesh_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

var sandboxLink = "https://sandbox-web.meshconnect.com/b2b-iframe/client-123/broker-connect?auth_code=abc&restrictMultipleAccounts=true"

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// okBody is Mesh's success envelope around content.
func okBody(content any) string {
	b, err := json.Marshal(map[string]any{
		"content": content, "status": "ok", "message": "", "displayMessage": nil,
		"errorHash": "8d443794", "teamCode": "P4", "errorType": "", "errorData": nil,
	})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// fakeMesh is an httptest server that counts calls and answers with the
// handler of the call's number (the last handler answers every later call).
type fakeMesh struct {
	*httptest.Server
	calls atomic.Int32
}

func newFakeMesh(t *testing.T, handlers ...http.HandlerFunc) *fakeMesh {
	t.Helper()
	f := &fakeMesh{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(f.calls.Add(1))
		handlers[min(n, len(handlers))-1](w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func answer(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// sleeps records the Sleep hook's calls instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

func newClient(f *fakeMesh, sl *sleeps) *mesh.Client {
	return &mesh.Client{
		BaseURL:     f.URL,
		Env:         mesh.EnvSandbox,
		Credentials: mesh.Credentials{ClientID: "client-123", ClientSecret: "secret-456"},
		HTTPClient:  f.Client(),
		Sleep:       sl.sleep,
	}
}

func TestClient_LinkToken_success(t *testing.T) {
	payLink := "https://paylink.meshconnect.com/?linkToken=" + b64(sandboxLink)
	tests := []struct {
		name, body, wantPayLink string
	}{
		{"content_fields", okBody(map[string]any{"linkToken": b64(sandboxLink), "paymentLink": payLink}), payLink},
		{"content_without_paymentLink", okBody(map[string]any{"linkToken": b64(sandboxLink), "paymentLink": nil}), ""},
		{"top_level_fallback", `{"content":{},"status":"ok","linkToken":"` + b64(sandboxLink) + `","paymentLink":"` + payLink + `"}`, payLink},
		{"top_level_fallback_null_content", `{"content":null,"status":"ok","linkToken":"` + b64(sandboxLink) + `"}`, ""},
		{"token_with_surrounding_space", okBody(map[string]any{"linkToken": " " + b64(sandboxLink) + "\n"}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeMesh(t, answer(200, tt.body))
			lt, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validDeposit())
			if err != nil {
				t.Fatal(err)
			}
			if lt.Token != b64(sandboxLink) {
				t.Errorf("Token = %q", lt.Token)
			}
			if lt.LinkURL != sandboxLink || lt.Suspicious != "" {
				t.Errorf("LinkURL = %q, Suspicious = %q; want %q and none", lt.LinkURL, lt.Suspicious, sandboxLink)
			}
			if lt.PaymentLink != tt.wantPayLink {
				t.Errorf("PaymentLink = %q, want %q", lt.PaymentLink, tt.wantPayLink)
			}
		})
	}
}

func TestClient_LinkToken_sendsHeadersAndExactBody(t *testing.T) {
	var got struct {
		method, path string
		header       http.Header
		body         []byte
	}
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		got.method, got.path, got.header = r.Method, r.URL.Path, r.Header.Clone()
		got.body, _ = io.ReadAll(r.Body)
		answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)}))(w, r)
	})
	c := newClient(f, &sleeps{})
	c.BaseURL += "/" // a trailing slash must not double up
	c.Version = "v1.4.0"
	req := goldenRequest(mesh.UsePayment)
	if _, err := c.LinkToken(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	want, err := mesh.EncodeBody(req)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.body) != string(want) {
		t.Errorf("body sent:\n%s\nwant exactly:\n%s", got.body, want)
	}
	if got.method != http.MethodPost || got.path != "/api/v1/linktoken" {
		t.Errorf("sent %s %s, want POST /api/v1/linktoken", got.method, got.path)
	}
	for k, v := range map[string]string{
		"X-Client-Id": "client-123", "X-Client-Secret": "secret-456",
		"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "meshlink/v1.4.0",
	} {
		if g := got.header.Get(k); g != v {
			t.Errorf("header %s = %q, want %q", k, g, v)
		}
	}
}

func TestClient_unauthorized(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		env      mesh.Environment
		wantEnv  string
		wantText string
	}{
		{"401_empty_body_sandbox", 401, "", mesh.EnvSandbox, "for sandbox", "HTTP 401 Unauthorized"},
		{"401_empty_object_production", 401, "{}", mesh.EnvProduction, "for production", "HTTP 401 Unauthorized"},
		{"403_envelope_custom_host", 403, `{"status":"permissionDenied","message":"Invalid client secret"}`, mesh.EnvCustom, "for this host", "(permissionDenied): Invalid client secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeMesh(t, answer(tt.status, tt.body))
			sl := &sleeps{}
			c := newClient(f, sl)
			c.Env = tt.env
			_, err := c.LinkToken(context.Background(), validDeposit())
			var ae *mesh.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %T %v, want *mesh.APIError", err, err)
			}
			if !ae.Unauthorized() || ae.StatusCode != tt.status {
				t.Errorf("Unauthorized() = %v, StatusCode = %d", ae.Unauthorized(), ae.StatusCode)
			}
			if ae.NotJSON {
				t.Error("NotJSON set for an empty or JSON body")
			}
			for _, s := range []string{"MESH_CLIENT_ID", "MESH_CLIENT_SECRET", tt.wantEnv} {
				if !strings.Contains(ae.Hint(), s) {
					t.Errorf("Hint() = %q, want it to name %q", ae.Hint(), s)
				}
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "fetch link token: ") || !strings.Contains(msg, tt.wantText) || !strings.Contains(msg, ae.Hint()) {
				t.Errorf("Error() = %q, want op, %q and the hint", msg, tt.wantText)
			}
			if n := f.calls.Load(); n != 1 {
				t.Errorf("server saw %d calls, want 1 (refused credentials are not retried)", n)
			}
			if len(sl.got()) != 0 {
				t.Errorf("slept %v before giving up on refused credentials", sl.got())
			}
		})
	}
}

func TestClient_badRequestEnvelope(t *testing.T) {
	body := `{"status":"badRequest","message":"UserId is required","displayMessage":"Something went wrong","errorHash":"7dcbb73d","errorType":"missingField"}`
	f := newFakeMesh(t, answer(400, body))
	_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validDeposit())
	var ae *mesh.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %T %v, want *mesh.APIError", err, err)
	}
	if ae.StatusCode != 400 || ae.Status != "badRequest" || ae.ErrorType != "missingField" || ae.Message != "UserId is required" || ae.Display != "Something went wrong" || ae.ErrorHash != "7dcbb73d" {
		t.Errorf("APIError = %+v", ae)
	}
	want := "fetch link token: HTTP 400 Bad Request (missingField): UserId is required — Something went wrong\n" +
		"Quote errorHash 7dcbb73d to Mesh support.\n" +
		"Mesh refused the request body: fix the field it names and send again."
	if err.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", err, want)
	}
	if n := f.calls.Load(); n != 1 {
		t.Errorf("server saw %d calls, want 1 (a 400 is not retried)", n)
	}
}

func TestAPIError_Error(t *testing.T) {
	tests := []struct {
		name string
		e    mesh.APIError
		want string
	}{
		{"status_differs_from_http_text", mesh.APIError{Op: "op", StatusCode: 404, Status: "notFound", Message: "API client not found"},
			"op: HTTP 404 Not Found: API client not found\nMesh does not know this client: check MESH_CLIENT_ID and the environment."},
		{"status_and_errorType", mesh.APIError{Op: "op", StatusCode: 409, Status: "conflict", ErrorType: "duplicate"},
			"op: HTTP 409 Conflict (duplicate)"},
		{"mesh_status_unlike_http", mesh.APIError{Op: "op", StatusCode: 200, Status: "serverFailure", ErrorType: "x", Message: "m"},
			"op: HTTP 200 OK (serverFailure, x): m"},
		{"display_only", mesh.APIError{Op: "op", StatusCode: 409, Display: "Try later"},
			"op: HTTP 409 Conflict: Try later"},
		{"rate_limited", mesh.APIError{Op: "op", StatusCode: 429},
			"op: HTTP 429 Too Many Requests\nMesh is rate-limiting these requests: wait a minute and try again."},
		{"endpoint_missing", mesh.APIError{Op: "op", StatusCode: 404, NotJSON: true, BodySnippet: "<html>"},
			"op: HTTP 404 Not Found: the answer was not Mesh's JSON (it starts \"<html>\")\nThe host has no such endpoint: check the environment or the base URL."},
		{"errorHash_for_support", mesh.APIError{Op: "op", StatusCode: 500, Status: "serverFailure", ErrorType: "internalError", Message: "boom", ErrorHash: "8d443794"},
			"op: HTTP 500 Internal Server Error (serverFailure, internalError): boom\nQuote errorHash 8d443794 to Mesh support.\nThe server failed; meshlink already retried. Try again in a minute; if it persists, check Mesh's status page."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestClient_retries(t *testing.T) {
	ok := answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)}))
	fail500 := answer(500, `{"status":"serverFailure","message":"boom"}`)

	t.Run("500_then_200_succeeds", func(t *testing.T) {
		f := newFakeMesh(t, fail500, ok)
		sl := &sleeps{}
		c := newClient(f, sl)
		var retries []string
		c.OnRetry = func(attempt int, wait time.Duration, reason error) {
			retries = append(retries, fmt.Sprintf("%d %v", attempt, reason != nil))
			var ae *mesh.APIError
			if !errors.As(reason, &ae) || ae.StatusCode != 500 {
				t.Errorf("OnRetry reason = %v, want the 500", reason)
			}
			if wait < 250*time.Millisecond || wait > 320*time.Millisecond {
				t.Errorf("first backoff = %v, want 250ms plus up to a quarter of jitter", wait)
			}
		}
		lt, err := c.LinkToken(context.Background(), validDeposit())
		if err != nil {
			t.Fatal(err)
		}
		if lt.LinkURL != sandboxLink {
			t.Errorf("LinkURL = %q", lt.LinkURL)
		}
		if n := f.calls.Load(); n != 2 {
			t.Errorf("server saw %d calls, want 2", n)
		}
		if len(sl.got()) != 1 {
			t.Errorf("slept %v, want once", sl.got())
		}
		if strings.Join(retries, ",") != "1 true" {
			t.Errorf("OnRetry calls = %q, want one for attempt 1", retries)
		}
	})

	t.Run("429_waits_Retry-After", func(t *testing.T) {
		f := newFakeMesh(t, answer(429, `{"status":"tooManyRequest"}`, "Retry-After", "7"), ok)
		sl := &sleeps{}
		if _, err := newClient(f, sl).LinkToken(context.Background(), validDeposit()); err != nil {
			t.Fatal(err)
		}
		if got := sl.got(); len(got) != 1 || got[0] != 7*time.Second {
			t.Errorf("slept %v, want [7s]", got)
		}
	})

	t.Run("Retry-After_as_HTTP_date", func(t *testing.T) {
		now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
		f := newFakeMesh(t, answer(429, "", "Retry-After", now.Add(5*time.Second).Format(http.TimeFormat)), ok)
		sl := &sleeps{}
		c := newClient(f, sl)
		c.Now = func() time.Time { return now }
		if _, err := c.LinkToken(context.Background(), validDeposit()); err != nil {
			t.Fatal(err)
		}
		if got := sl.got(); len(got) != 1 || got[0] != 5*time.Second {
			t.Errorf("slept %v, want [5s]", got)
		}
	})

	t.Run("500_every_time_gives_up_after_MaxAttempts", func(t *testing.T) {
		f := newFakeMesh(t, fail500)
		sl := &sleeps{}
		var attempts []int
		c := newClient(f, sl)
		c.OnRetry = func(attempt int, _ time.Duration, _ error) { attempts = append(attempts, attempt) }
		_, err := c.LinkToken(context.Background(), validDeposit())
		var ae *mesh.APIError
		if !errors.As(err, &ae) || ae.StatusCode != 500 || ae.Message != "boom" {
			t.Fatalf("err = %v, want the last 500", err)
		}
		if !strings.Contains(err.Error(), "meshlink already retried") {
			t.Errorf("Error() = %q, want the retry hint", err)
		}
		if n := f.calls.Load(); n != mesh.DefaultMaxAttempts {
			t.Errorf("server saw %d calls, want %d", n, mesh.DefaultMaxAttempts)
		}
		if fmt.Sprint(attempts) != "[1 2 3]" {
			t.Errorf("OnRetry attempts = %v, want [1 2 3]", attempts)
		}
		got := sl.got()
		for i, d := range got {
			lo := 250 * time.Millisecond << i
			if d < lo || d > lo+lo/4 {
				t.Errorf("backoff %d = %v, want in [%v, %v]", i+1, d, lo, lo+lo/4)
			}
		}
	})

	t.Run("MaxAttempts_one_does_not_retry", func(t *testing.T) {
		f := newFakeMesh(t, fail500, ok)
		c := newClient(f, &sleeps{})
		c.MaxAttempts = 1
		if _, err := c.LinkToken(context.Background(), validDeposit()); err == nil {
			t.Fatal("want the 500")
		}
		if n := f.calls.Load(); n != 1 {
			t.Errorf("server saw %d calls, want 1", n)
		}
	})
}

func TestClient_nonJSONAnswers(t *testing.T) {
	html502 := "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\x1b]52;c;ZXZpbA==\a<center><h1>502 Bad Gateway</h1></center></body></html>"
	tests := []struct {
		name        string
		status      int
		body        string
		ctype       string
		wantCalls   int32
		wantInError []string
		wantSnippet string
	}{
		{"html_502_from_a_proxy", 502, html502, "text/html", mesh.DefaultMaxAttempts,
			[]string{"HTTP 502 Bad Gateway", "the answer was not Mesh's JSON", "meshlink already retried"},
			"<html> <head><title>502 Bad Gateway</title></head> <body><ce…"},
		{"200_that_is_not_json", 200, "OK", "text/plain", 1,
			[]string{"HTTP 200 OK", "not Mesh's JSON", `(it starts "OK")`}, "OK"},
		{"200_with_content_of_wrong_shape", 200, `{"status":"ok","content":{"linkToken":42}}`, "", 1,
			[]string{"unexpected content"}, ""},
		{"200_without_a_token", 200, okBody(map[string]any{"linkToken": nil}), "", 1,
			[]string{"the answer holds no linkToken"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeMesh(t, answer(tt.status, tt.body, "Content-Type", tt.ctype))
			_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validDeposit())
			var ae *mesh.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %T %v, want *mesh.APIError", err, err)
			}
			if ae.StatusCode != tt.status {
				t.Errorf("StatusCode = %d, want %d", ae.StatusCode, tt.status)
			}
			for _, s := range tt.wantInError {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("Error() = %q, want it to contain %q", err, s)
				}
			}
			if ae.BodySnippet != tt.wantSnippet {
				t.Errorf("BodySnippet = %q, want %q", ae.BodySnippet, tt.wantSnippet)
			}
			if strings.ContainsAny(err.Error(), "\x1b\a\r") {
				t.Errorf("Error() holds terminal control characters: %q", err)
			}
			if n := f.calls.Load(); n != tt.wantCalls {
				t.Errorf("server saw %d calls, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestClient_cutOffBody(t *testing.T) {
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
		buf.WriteString(`{"content":{"linkToken":"aHR0cHM6Ly9zYW5k`)
		buf.Flush()
	})
	c := newClient(f, &sleeps{})
	c.MaxAttempts = 2
	_, err := c.LinkToken(context.Background(), validDeposit())
	var ne *mesh.NetworkError
	if !errors.As(err, &ne) {
		t.Fatalf("err = %T %v, want *mesh.NetworkError", err, err)
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("err = %v, want it to wrap io.ErrUnexpectedEOF", err)
	}
	if ne.Timeout != 0 {
		t.Errorf("Timeout = %v for a cut-off answer", ne.Timeout)
	}
	if !strings.Contains(err.Error(), "the answer (HTTP 200) was cut off") || !strings.Contains(err.Error(), f.URL) {
		t.Errorf("Error() = %q, want it to say the answer was cut off and name the host", err)
	}
	if n := f.calls.Load(); n != 2 {
		t.Errorf("server saw %d calls, want 2 (a cut-off answer is retried)", n)
	}
}

func TestClient_timeout(t *testing.T) {
	release := make(chan struct{})
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // the server notices a hang-up only once the body is read
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c := newClient(f, &sleeps{})
	c.Timeout = 200 * time.Millisecond
	_, err := c.LinkToken(context.Background(), validDeposit())
	var ne *mesh.NetworkError
	if !errors.As(err, &ne) {
		t.Fatalf("err = %T %v, want *mesh.NetworkError", err, err)
	}
	if ne.Timeout != 200*time.Millisecond {
		t.Errorf("Timeout = %v, want 200ms", ne.Timeout)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err does not wrap context.DeadlineExceeded: %v", err)
	}
	if want := "fetch link token: no answer from " + f.URL + " within 200ms"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Error() = %q, want prefix %q", err, want)
	}
}

func TestClient_cancelledContext(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		close(arrived)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, err := newClient(f, &sleeps{}).LinkToken(ctx, validDeposit())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var ne *mesh.NetworkError
	if errors.As(err, &ne) {
		t.Errorf("a cancel reads as a network error: %v", err)
	}
}

func TestClient_cancelDuringRetryWait(t *testing.T) {
	f := newFakeMesh(t, answer(503, ""))
	ctx, cancel := context.WithCancel(context.Background())
	c := newClient(f, &sleeps{})
	c.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); <-ctx.Done(); return ctx.Err() }
	_, err := c.LinkToken(ctx, validDeposit())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := f.calls.Load(); n != 1 {
		t.Errorf("server saw %d calls after the cancel, want 1", n)
	}
}

func TestClient_unreachableHost(t *testing.T) {
	f := newFakeMesh(t, answer(200, ""))
	f.Close() // nothing listens there any more
	sl := &sleeps{}
	c := newClient(f, sl)
	c.MaxAttempts = 2
	_, err := c.LinkToken(context.Background(), validDeposit())
	var ne *mesh.NetworkError
	if !errors.As(err, &ne) {
		t.Fatalf("err = %T %v, want *mesh.NetworkError", err, err)
	}
	if ne.Timeout != 0 || ne.Host != f.URL {
		t.Errorf("NetworkError = %+v", ne)
	}
	if !strings.Contains(err.Error(), "cannot reach "+f.URL) || !strings.Contains(err.Error(), "the base URL") {
		t.Errorf("Error() = %q", err)
	}
	if len(sl.got()) != 1 {
		t.Errorf("slept %v, want one retry", sl.got())
	}
}

func TestClient_refusesOversizedAnswer(t *testing.T) {
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"content":{"linkToken":"`)
		chunk := strings.Repeat("A", 64<<10)
		for n := 0; n <= mesh.MaxResponseBytes; n += len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return // the client stopped reading, as it should
			}
		}
		io.WriteString(w, `"}}`)
	})
	_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validDeposit())
	var ae *mesh.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %T %v, want *mesh.APIError", err, err)
	}
	if !ae.NotJSON || !strings.Contains(ae.Message, "larger than 8 MiB") {
		t.Errorf("APIError = %+v, want NotJSON and a size message", ae)
	}
	if n := f.calls.Load(); n != 1 {
		t.Errorf("server saw %d calls, want 1", n)
	}
}

func TestClient_neverSendsInvalidRequests(t *testing.T) {
	f := newFakeMesh(t, answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)})))
	r := validPayment()
	r.TransferOptions.ToAddresses[1].Amount = ""
	_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), r)
	if !errors.Is(err, mesh.ErrInvalidRequest) {
		t.Fatalf("err = %v, want mesh.ErrInvalidRequest", err)
	}
	if !strings.Contains(err.Error(), "transferOptions.toAddresses[1].amount") {
		t.Errorf("Error() = %q, want the field's path", err)
	}
	if _, err := newClient(f, &sleeps{}).LinkToken(context.Background(), nil); !errors.Is(err, mesh.ErrInvalidRequest) {
		t.Errorf("nil request: err = %v, want mesh.ErrInvalidRequest", err)
	}
	if n := f.calls.Load(); n != 0 {
		t.Errorf("server saw %d calls, want none", n)
	}
}

// Mesh's official Get networks example, verbatim.
const networksExample = `{"content":{"networks":[{"networkType":"evm","tokens":[{"symbol":"ETH","logoUrl":"https://frontuserfilecdn.azureedge.net/public/logos/tokens/ETH.svg"}],"supportedBrokerTypes":["deFiWallet","robinhood","coinbase","kraken","binanceInternational","binanceUs"],"supportedTokens":["ETH","USDC","USDT"],"nativeSymbol":"ETH","id":"e3c7fdd8-b1fc-4e51-85ae-bb276e075611","name":"Ethereum","chainId":"1","logoUrl":"https://frontuserfilecdn.azureedge.net/public/logos/networks/Ethereum.svg"}]},"status":"ok","message":"","errorHash":"e08e7897","errorType":""}`

func TestClient_Networks(t *testing.T) {
	var method, path, ctype string
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		method, path, ctype = r.Method, r.URL.Path, r.Header.Get("Content-Type")
		answer(200, networksExample)(w, r)
	})
	nets, err := newClient(f, &sleeps{}).Networks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if method != "GET" || path != mesh.PathNetworks || ctype != "" {
		t.Errorf("sent %s %s with Content-Type %q, want GET %s without a body type", method, path, ctype, mesh.PathNetworks)
	}
	// What meshlink uses of it is kept: tokens, supportedBrokerTypes.
	want := mesh.Network{ID: ethereumID, Name: "Ethereum", ChainID: "1", NetworkType: "evm", NativeSymbol: "ETH", SupportedTokens: []string{"ETH", "USDC", "USDT"},
		Tokens:               []mesh.NetworkToken{{Symbol: "ETH"}},
		SupportedBrokerTypes: []string{"deFiWallet", "robinhood", "coinbase", "kraken", "binanceInternational", "binanceUs"}}
	if len(nets) != 1 || !reflect.DeepEqual(nets[0], want) {
		t.Errorf("Networks() = %+v, want [%+v]", nets, want)
	}
}

// Integrations merges the managed-transfers list (what each can transfer,
// where) with GET /api/v1/integrations (every integration: wallets too).
func TestClient_Integrations(t *testing.T) {
	managed := okBody(map[string]any{"integrations": []map[string]any{
		{"id": "00000000-0000-0000-0000-000000000000", "type": "robinhood", "name": "Robinhood", "supportsOutgoingTransfers": true,
			"networks": []map[string]any{{"id": ethereumID, "name": "Ethereum", "chainId": "1", "supportedTokens": []string{"ETH"}, "supportedDevices": []string{"ios", "android"}}}},
		{"id": binanceConnectID, "type": "binanceConnect", "name": "Binance Connect"},
	}})
	all := okBody(map[string]any{"items": []map[string]any{
		{"id": strings.ToUpper(binanceConnectID), "name": "Binance Connect", "type": "binanceConnect", "categories": []string{"exchange"}, "cryptoTransfersSupported": true},
		{"id": phantomID, "name": "Phantom", "type": "deFiWallet", "categories": []string{"wallet", "deFiWallet"}, "style": map[string]any{"backgroundColor": "#fff"}},
	}})
	var paths []string
	f := newFakeMesh(t, func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		if r.URL.Path == mesh.PathIntegrationsCatalog {
			answer(200, all)(w, r)
			return
		}
		answer(200, managed)(w, r)
	})
	ints, err := newClient(f, &sleeps{}).Integrations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(paths) != fmt.Sprint([]string{mesh.PathIntegrations, mesh.PathIntegrationsCatalog}) {
		t.Errorf("paths = %v", paths)
	}
	want := []mesh.Integration{
		{ID: "00000000-0000-0000-0000-000000000000", Name: "Robinhood", Type: "robinhood", SupportsOutgoingTransfers: mesh.Bool(true),
			Networks: []mesh.IntegrationNetwork{{ID: ethereumID, Name: "Ethereum", SupportedTokens: []string{"ETH"}, SupportedDevices: []string{"ios", "android"}}}},
		{ID: binanceConnectID, Name: "Binance Connect", Type: "binanceConnect", Categories: []string{"exchange"}},
		{ID: phantomID, Name: "Phantom", Type: "deFiWallet", Categories: []string{"wallet", "deFiWallet"}},
	}
	if !reflect.DeepEqual(ints, want) {
		t.Errorf("Integrations() = %+v, want %+v", ints, want)
	}
}

func TestClient_Networks_errorsNameTheOperation(t *testing.T) {
	f := newFakeMesh(t, answer(401, ""))
	_, err := newClient(f, &sleeps{}).Networks(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "fetch networks: HTTP 401") {
		t.Errorf("err = %v, want it to start with fetch networks: HTTP 401", err)
	}
}

func TestClient_Host(t *testing.T) {
	for base, want := range map[string]string{
		"https://sandbox-integration-api.meshconnect.com": "https://sandbox-integration-api.meshconnect.com",
		"https://proxy.example:8443/mesh/":                "https://proxy.example:8443",
		"not a url":                                       "not a url",
	} {
		if got := (&mesh.Client{BaseURL: base}).Host(); got != want {
			t.Errorf("Host(%q) = %q, want %q", base, got, want)
		}
	}
}

func TestClient_OnLinkTokenHearsEverySentCall(t *testing.T) {
	type heard struct {
		tok *mesh.LinkToken
		err error
	}
	var got []heard
	f := newFakeMesh(t,
		answer(200, okBody(map[string]any{"linkToken": b64(sandboxLink)})),
		answer(400, `{"status":"badRequest","message":"bad","errorType":"invalidField","errorHash":"abcd"}`))
	c := newClient(f, &sleeps{})
	c.OnLinkToken = func(r *mesh.LinkTokenRequest, tok *mesh.LinkToken, err error) { got = append(got, heard{tok, err}) }
	c.LinkToken(context.Background(), validDeposit())
	c.LinkToken(context.Background(), validDeposit())
	invalid := validDeposit()
	invalid.UserID = ""
	c.LinkToken(context.Background(), invalid) // refused before sending: not heard
	if len(got) != 2 || got[0].tok == nil || got[0].err != nil || got[1].tok != nil {
		t.Fatalf("heard %+v", got)
	}
	var apiErr *mesh.APIError
	if !errors.As(got[1].err, &apiErr) || apiErr.ErrorType != "invalidField" {
		t.Errorf("second call heard %v", got[1].err)
	}
}

package demo_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func post(t *testing.T, hc *http.Client, url string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(creds); i += 2 {
		req.Header.Set(creds[i], creds[i+1])
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// The server may be left running for days: what it remembers is bounded,
// however many and however large the requests.
func TestDemo_memoryStaysBounded(t *testing.T) {
	s := start(t)
	hc := &http.Client{}
	const n, size = 600, 100 << 10 // 60 MB sent in all: more than the heap may hold below
	body := bytes.Repeat([]byte(" "), size)
	for i := range n {
		copy(body, fmt.Sprintf("%d", i))
		post(t, hc, s.URL+mesh.PathLinkToken, body)
	}
	reqs := s.Requests()
	if len(reqs) > demo.KeepRequests || len(reqs) == 0 {
		t.Fatalf("Requests() holds %d, want at most %d", len(reqs), demo.KeepRequests)
	}
	if last := reqs[len(reqs)-1]; !bytes.HasPrefix(last.Body, []byte(fmt.Sprint(n-1))) {
		t.Errorf("the newest request is not the last one sent: %.10q", last.Body)
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapAlloc > 40<<20 {
		t.Errorf("heap holds %d MiB after %d MB of requests, want it bounded (under 40 MiB)", m.HeapAlloc>>20, n*size>>20)
	}

	// With small bodies the server keeps KeepRequests of them.
	for range demo.KeepRequests + 10 {
		post(t, hc, s.URL+mesh.PathLinkToken, []byte(depositBody))
	}
	if got := len(s.Requests()); got != demo.KeepRequests {
		t.Errorf("Requests() holds %d, want %d", got, demo.KeepRequests)
	}
	if demo.KeepRequests < 100 {
		t.Errorf("KeepRequests = %d, want at least 100", demo.KeepRequests)
	}
}

func TestDemo_bodyOverOneMiBIs413(t *testing.T) {
	s := start(t)
	big := strings.Repeat(" ", demo.MaxBody+1)
	code, _, env := call(t, s, "POST", mesh.PathLinkToken, big, creds...)
	if code != http.StatusRequestEntityTooLarge || env.Status != "badRequest" || env.ErrorType != "bodyTooLarge" || !strings.Contains(env.Message, "larger than 1 MiB") {
		t.Errorf("got %d %+v, want a 413 envelope", code, env)
	}
	if r := s.Requests(); len(r) != 1 || r[0].Status != 413 || r[0].Body != nil {
		t.Errorf("recorded %+v", r)
	}
	// Exactly the limit is read, and judged on its content.
	if code, _, _ := call(t, s, "POST", mesh.PathLinkToken, big[1:], creds...); code != http.StatusBadRequest {
		t.Errorf("a body of exactly 1 MiB: %d, want 400 (read, then refused as no link-token request)", code)
	}
}

func TestDemo_pathIsCleanedBeforeItIsLogged(t *testing.T) {
	s := start(t)
	var logged demo.Request
	s.OnRequest = func(r demo.Request) { logged = r }
	code, _, env := call(t, s, "GET", "/api/%1B]52;c;ZXZpbA==%07x%E2%80%AE%1B[2J", "")
	if code != 404 {
		t.Fatalf("status %d", code)
	}
	for _, text := range []string{logged.Path, s.Requests()[0].Path, env.Message} {
		if strings.ContainsAny(text, "\x1b\a\u202e") || !strings.Contains(text, "/api/") {
			t.Errorf("%q reaches a log raw", text)
		}
	}
}

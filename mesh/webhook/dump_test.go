package webhook_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh/webhook"
)

func TestReadRequest(t *testing.T) {
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	head := "POST /api/mesh/webhook HTTP/1.1\nHost: example.ngrok.app\nContent-Type: application/json\nX-Mesh-Signature-256: " + exampleHeader + "\n"
	for _, c := range []struct {
		name, dump, body, sig string
		note                  string // in a note; "" for none
	}{
		{"CRLF", crlf(head) + "Content-Length: 474\r\n\r\n" + exampleBody, exampleBody, exampleHeader, ""},
		{"LF alone", head + "\n" + exampleBody, exampleBody, exampleHeader, ""},
		{"no request line, lower-case names", "x-mesh-signature-256: " + exampleHeader + "\n\n" + exampleBody, exampleBody, exampleHeader, ""},
		{"a newline the capture added", head + "Content-Length: 474\n\n" + exampleBody + "\n", exampleBody, exampleHeader, "white space"},
		{"no Content-Length, a newline kept", head + "\n" + exampleBody + "\n", exampleBody + "\n", exampleHeader, ""},
		{"cut short", head + "Content-Length: 500\n\n" + exampleBody, exampleBody, exampleHeader, "cut short"},
		{"more than Content-Length", head + "Content-Length: 10\n\n" + exampleBody, exampleBody, exampleHeader, "holds more"},
		{"chunked", crlf(head) + "Transfer-Encoding: chunked\r\n\r\n" + "10\r\n" + exampleBody[:16] + "\r\n1CA\r\n" + exampleBody[16:] + "\r\n0\r\n\r\n", exampleBody, exampleHeader, ""},
		{"no signature", "POST / HTTP/1.1\nHost: x\n\n{}", "{}", "", ""},
		{"two signatures", head + "X-Mesh-Signature-256: other\n\n{}", "{}", exampleHeader, "2 X-Mesh-Signature-256"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := webhook.ReadRequest([]byte(c.dump))
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Body) != c.body || got.Signature != c.sig {
				t.Errorf("ReadRequest = body %q, signature %q; want %q, %q", got.Body, got.Signature, c.body, c.sig)
			}
			if c.note == "" && len(got.Notes) > 0 || c.note != "" && !slices.ContainsFunc(got.Notes, func(n string) bool { return strings.Contains(n, c.note) }) {
				t.Errorf("notes %q, want one saying %q", got.Notes, c.note)
			}
		})
	}
	for _, bad := range []string{"", exampleBody, "POST / HTTP/1.1\nHost: x", "POST / HTTP/1.1\nno colon here\n\n{}"} {
		if _, err := webhook.ReadRequest([]byte(bad)); err == nil {
			t.Errorf("ReadRequest(%q) took it", bad)
		}
	}
}

// Any capture: ReadRequest never panics, its body is part of the capture
// unless chunked, and what it says is printable.
func FuzzReadRequest(f *testing.F) {
	f.Add([]byte("POST /hook HTTP/1.1\r\nX-Mesh-Signature-256: " + exampleHeader + "\r\nContent-Length: 474\r\n\r\n" + exampleBody))
	f.Add([]byte("X-Mesh-Signature-256: a\nTransfer-Encoding: chunked\n\n5\r\nhello\r\n0\r\n\r\n"))
	f.Add([]byte("POST / HTTP/1.1\nContent-Length: -1\n\n\x1b[2J"))
	f.Add([]byte("\n\nA: b\n c\n\n"))
	f.Fuzz(func(t *testing.T, dump []byte) {
		c, err := webhook.ReadRequest(dump)
		if err != nil {
			if !printable(err.Error()) {
				t.Fatalf("error %q", err)
			}
			return
		}
		for _, n := range c.Notes {
			if !printable(n) {
				t.Fatalf("note %q", n)
			}
		}
		if len(c.Body) > len(dump) {
			t.Fatalf("a body of %d bytes from a capture of %d", len(c.Body), len(dump))
		}
	})
}

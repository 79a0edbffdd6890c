package demo

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// mkfifo makes a named pipe where the system has them.
var mkfifo func(path string)

func testKey(t *testing.T) []byte {
	t.Helper()
	key, err := LoadKey(filepath.Join(t.TempDir(), KeyFile), true)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func TestProbeTrustsOnlyAServerThatProvesItHoldsTheKey(t *testing.T) {
	key := testKey(t)
	srv, err := StartWith(Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	keyless, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer keyless.Close()
	target, _ := url.Parse(srv.URL)
	cases := map[string]http.Handler{
		// what the probe trusted before: any answer carrying the header
		"header_only": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Meshlink-Demo", "1")
			w.Header().Set("X-Meshlink-Demo-Proof", "00")
		}),
		"another_app": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("my app")) }),
		// another user's program handing the probe on to the real server
		"relay": httputil.NewSingleHostReverseProxy(target),
		"redirect": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, srv.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
		}),
		"demo_server_without_a_key": keyless.Handler(),
	}
	ctx := context.Background()
	if got := Probe(ctx, http.DefaultClient, srv.URL, key); got != Proven {
		t.Errorf("the demo server holding the key: %v, want Proven", got)
	}
	if got := Probe(ctx, http.DefaultClient, srv.URL, testKey(t)); got != Stranger {
		t.Errorf("a demo server with another key: %v, want Stranger", got)
	}
	if got := Probe(ctx, http.DefaultClient, srv.URL, nil); got != Stranger {
		t.Errorf("no key to check with: %v, want Stranger", got)
	}
	for name, h := range cases {
		other := httptest.NewServer(h)
		if got := Probe(ctx, http.DefaultClient, other.URL, key); got != Stranger {
			t.Errorf("%s: %v, want Stranger", name, got)
		}
		other.Close()
	}

	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + l.Addr().String()
	l.Close()
	if got := Probe(ctx, http.DefaultClient, closed, key); got != Nothing {
		t.Errorf("a closed port: %v, want Nothing", got)
	}
	// a port that takes the connection and never answers: bounded by probeTimeout
	silent, _ := net.Listen("tcp", "127.0.0.1:0")
	defer silent.Close()
	if got := Probe(ctx, http.DefaultClient, "http://"+silent.Addr().String(), key); got != Stranger {
		t.Errorf("a silent port: %v, want Stranger", got)
	}
}

func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state", KeyFile)
	if _, err := LoadKey(path, false); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("no key, create unset: %v", err)
	}
	// several processes at once make one key
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keys[i], _ = LoadKey(path, true)
		}()
	}
	wg.Wait()
	for _, k := range keys {
		if len(k) != keyBytes || !bytes.Equal(k, keys[0]) {
			t.Fatalf("keys disagree: %x", keys)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the key file: %v, %v; want mode 0600", fi.Mode(), err)
	}
	if k, err := LoadKey(path, false); err != nil || !bytes.Equal(k, keys[0]) {
		t.Errorf("read again: %x, %v", k, err)
	}

	refused := map[string]func(p string){
		"readable_by_others": func(p string) { os.WriteFile(p, bytes.Repeat([]byte("a"), 64), 0o644); os.Chmod(p, 0o644) },
		"not_hex":            func(p string) { os.WriteFile(p, []byte("not a key"), 0o600) },
		"symlink":            func(p string) { os.Symlink(path, p) },
		"directory":          func(p string) { os.Mkdir(p, 0o700) },
	}
	if mkfifo != nil {
		refused["fifo"] = mkfifo // opening it would block
	}
	for name, make := range refused {
		p := filepath.Join(dir, name)
		make(p)
		for _, create := range []bool{false, true} {
			if k, err := LoadKey(p, create); err == nil || k != nil {
				t.Errorf("%s (create %t): key %x, error %v", name, create, k, err)
			} else if !bytes.Contains([]byte(err.Error()), []byte("remove it")) {
				t.Errorf("%s: %v does not say what to do", name, err)
			}
		}
	}
}

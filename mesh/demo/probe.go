package demo

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"time"

	"github.com/meshlink/meshlink/mesh/atomicfile"
)

// A demo server proves it is meshlink's, and this user's: it holds a random
// key, kept in a file only the user can read (KeyFile in the state
// directory), and answers a probe's random challenge with an HMAC of the
// challenge and the address the probe reached it at. Another user's program
// on the port cannot read the key; one that hands the probe on to a real
// demo server elsewhere gets a proof for that server's address, not its own.
// An answer is never taken on trust for carrying a header.

// KeyFile is the key's file name in the state directory.
const KeyFile = "demo-server.key"

// identityPath is where a demo server with a key answers a probe.
const identityPath = "/demo/identity"

const (
	proofHeader = "X-Meshlink-Demo-Proof"
	keyBytes    = 32
)

// probeTimeout bounds the wait on a port that accepts but does not answer.
// Nothing listening is a refused connection, known at once.
const probeTimeout = 500 * time.Millisecond

// Identity is what a probe found at an address.
type Identity int

const (
	// Nothing listens there.
	Nothing Identity = iota
	// Stranger answered, or took the connection, without proving it is a
	// demo server holding the key.
	Stranger
	// Proven is a meshlink demo server holding the key.
	Proven
)

// Probe asks what answers at baseURL (like mesh.DemoServerURL): a demo
// server that proves it holds key, something else, or nothing. Without a
// key nothing can prove itself.
func Probe(ctx context.Context, client *http.Client, baseURL string, key []byte) Identity {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	challenge := randomHex(keyBytes)
	var reached string // the address the answer came from
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		reached = info.Conn.RemoteAddr().String()
	}})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+identityPath+"?challenge="+challenge, nil)
	if err != nil {
		return Nothing
	}
	hc := http.Client{}
	if client != nil {
		hc = *client
	}
	// a redirect to a real demo server elsewhere would prove that one
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Do(req)
	if err != nil {
		var opErr *net.OpError
		if errors.As(err, &opErr) && opErr.Op == "dial" {
			return Nothing
		}
		return Stranger
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10))
	resp.Body.Close()
	got, err := hex.DecodeString(resp.Header.Get(proofHeader))
	if len(key) == 0 || err != nil || !hmac.Equal(got, proof(key, challenge, reached)) {
		return Stranger
	}
	return Proven
}

// proof is what a server holding key answers to challenge, reached at addr.
func proof(key []byte, challenge, addr string) []byte {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "meshlink demo-server identity\n%s\n%s", challenge, addr)
	return m.Sum(nil)
}

// identity answers a probe: the proof, when the server has a key.
func (s *Server) identity(w http.ResponseWriter, r *http.Request) {
	challenge := r.URL.Query().Get("challenge")
	addr, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if len(s.key) == 0 || addr == nil || len(challenge) != 2*keyBytes {
		http.NotFound(w, r)
		return
	}
	w.Header().Set(proofHeader, hex.EncodeToString(proof(s.key, challenge, addr.String())))
	w.WriteHeader(http.StatusNoContent)
}

// LoadKey reads the key in path, a file only its owner may read. When there
// is none and create is set, it makes one (two processes at once agree on
// one). A file that is not a regular file, or that others may read, is an
// error naming what to do; none at all, with create unset, is
// fs.ErrNotExist.
func LoadKey(path string, create bool) ([]byte, error) {
	for range 2 {
		key, err := readKey(path)
		if !errors.Is(err, fs.ErrNotExist) || !create {
			return key, err
		}
		err = atomicfile.Create(path, []byte(hex.EncodeToString(randomBytes(keyBytes))+"\n"), 0o600)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("make the demo server's key: %w", err)
		}
	}
	return readKey(path)
}

func readKey(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("the demo server's key %s is not a regular file (%s): remove it, and meshlink makes a new one", path, fi.Mode().Type())
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the demo server's key %s may be read by other users (mode %04o): remove it, and meshlink makes a new one", path, fi.Mode().Perm())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(fi, now) {
		return nil, fmt.Errorf("the demo server's key %s changed while it was read", path)
	}
	b, err := io.ReadAll(io.LimitReader(f, 4*keyBytes))
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(string(trimNewline(b)))
	if err != nil || len(key) != keyBytes {
		return nil, fmt.Errorf("the demo server's key %s is not %d bytes in hex: remove it, and meshlink makes a new one", path, keyBytes)
	}
	return key, nil
}

func trimNewline(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails: crypto/rand crashes the program instead
	return b
}

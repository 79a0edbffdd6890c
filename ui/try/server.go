// Package try serves the page `meshlink try` opens: a host page that opens
// Link with Mesh's web SDK, as the web snippet does, and reports every
// callback back through an event endpoint that only this run's page can
// reach. It hands the callbacks on as plain values (Event, Notice); the
// command line and the wizard render them. It knows nothing of terminals.
package try

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// DefaultAddr is where the page is served: a fixed port, so the origin to
// allow-list in Mesh's dashboard stays the same from run to run ("mesh" on
// a phone's keypad).
const DefaultAddr = "localhost:6374"

// Limits of the event endpoint: a Link session makes a few dozen callbacks;
// the largest payload, a connected account's, carries its broker's logo.
const (
	MaxEventBytes = 1 << 20
	MaxEvents     = 500
)

// Server serves one run's page.
type Server struct {
	// URL is the page's address, secret included: it opens Link with this
	// run's token, so it is printed and opened, never logged.
	URL string
	// Origin is the page's origin, the one Mesh's dashboard must allow.
	Origin string

	nonce    string
	listener net.Listener
	srv      *http.Server
	now      func() time.Time
	updates  chan Update

	mu       sync.Mutex
	page     []byte
	csp      string
	module   []byte
	events   int
	refused  map[string]bool
	notified map[NoticeKind]bool
}

// AllowListNote says which origin to allow-list in Mesh's dashboard for a
// token from env that opens linkURL, or "" when Link is the demo server's
// (on this machine, it takes any origin). Mesh's Link refuses every origin
// not listed for the keys that made the token, localhost included.
func (s *Server) AllowListNote(env mesh.Environment, linkURL string) string {
	u, err := url.Parse(linkURL)
	if err == nil && mesh.IsLoopbackHost(u.Hostname()) {
		return ""
	}
	keys := "the keys that made this token" // given, or through --base-url
	if env == mesh.EnvSandbox || env == mesh.EnvProduction {
		keys = "the " + string(env) + " keys"
	}
	return fmt.Sprintf("Link opens only on an origin allow-listed for %s: add %s in Mesh's dashboard (Account → API keys → Access)", keys, s.Origin)
}

// Update is one thing the page or the server reports, in order: a callback
// (Event) or a notice.
type Update struct {
	Event  *Event
	Notice *Notice
}

// Notice is what the page or the server says that is not a callback.
type Notice struct {
	Kind   NoticeKind
	Detail string
	At     time.Time
}

// NoticeKind names a notice.
type NoticeKind string

const (
	// SDKLoaded: the page has Mesh's SDK and opens Link.
	SDKLoaded NoticeKind = "sdkLoaded"
	// SDKFailed: the page could not load the SDK; Detail says why.
	SDKFailed NoticeKind = "sdkFailed"
	// PageError: the page's script failed outside the SDK's callbacks.
	PageError NoticeKind = "pageError"
	// PageClosed: the page went away (tab closed, reloaded).
	PageClosed NoticeKind = "pageClosed"
	// Refused: the event endpoint turned a request away; Detail says why.
	Refused NoticeKind = "refused"
	// TooMany: the page sent more than MaxEvents; the rest are dropped.
	TooMany NoticeKind = "tooMany"
)

// Listen takes the page's address before anything else happens, so a busy
// port fails before a token is spent. addr must be on this machine.
func Listen(addr string) (*Server, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("%q is not host:port, like %s", mesh.CleanText(addr), DefaultAddr)
	}
	if !mesh.IsLoopbackHost(host) {
		return nil, fmt.Errorf("%s is not on this machine: the page serves a live token and takes events, so it listens only on loopback (localhost, 127.0.0.1, [::1])", mesh.CleanText(addr))
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use") {
			return nil, fmt.Errorf("%s is in use (another meshlink try?): end it, or give --addr localhost:PORT and allow-list that origin", mesh.CleanText(addr))
		}
		return nil, err
	}
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	_, port, _ := net.SplitHostPort(l.Addr().String())
	origin := "http://" + net.JoinHostPort(strings.Trim(host, "[]"), port)
	s := &Server{
		Origin:   origin,
		nonce:    hex.EncodeToString(nonce),
		listener: l,
		now:      time.Now,
		updates:  make(chan Update, MaxEvents+16),
		refused:  map[string]bool{},
		notified: map[NoticeKind]bool{},
	}
	s.URL = origin + "/try/" + s.nonce
	return s, nil
}

// Page is what the page opens.
type Page struct {
	Token string
	// LinkURL is where the token leads; a Link URL on Mesh's own hosts
	// makes the page let the SDK prewarm Link as it does on any site.
	LinkURL string
	SDK     SDK
}

// Start serves p. Updates delivers what happens on it.
func (s *Server) Start(p Page) error {
	page, err := renderPage(p, s.nonce, s.URL)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.page, s.module, s.csp = page, p.SDK.module, contentSecurityPolicy(s.nonce, p.SDK)
	s.mu.Unlock()
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    32 << 10,
	}
	go func() { _ = s.srv.Serve(s.listener) }()
	return nil
}

// Updates delivers the callbacks and notices in the order they came.
func (s *Server) Updates() <-chan Update { return s.updates }

// Close stops serving.
func (s *Server) Close() error {
	if s.srv == nil {
		return s.listener.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		return s.srv.Close()
	}
	return nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	// A page on another site that points a name at 127.0.0.1 (DNS
	// rebinding) arrives with its own name as Host: only loopback names.
	if host, _, err := net.SplitHostPort(r.Host); err != nil || !mesh.IsLoopbackHost(strings.Trim(host, "[]")) {
		s.refuse(w, http.StatusMisdirectedRequest, "host", "a request for "+mesh.CleanText(r.Host)+", not this machine")
		return
	}
	if !fromLoopback(r) {
		s.refuse(w, http.StatusForbidden, "remote", "a request from "+r.RemoteAddr+", not this machine")
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/try/")
	secret, tail, _ := strings.Cut(rest, "/")
	if !ok || subtle.ConstantTimeCompare([]byte(secret), []byte(s.nonce)) != 1 {
		if r.Method == http.MethodPost {
			s.refuse(w, http.StatusForbidden, "nonce", "an event without this run's secret")
			return
		}
		http.Error(w, "This page belongs to another run of meshlink try: open the address the running one printed.", http.StatusNotFound)
		return
	}
	switch {
	case tail == "" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		s.mu.Lock()
		page, csp := s.page, s.csp
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", csp)
		_, _ = w.Write(page)
	case tail == "sdk.js" && r.Method == http.MethodGet && s.module != nil:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write(s.module)
	case tail == "events" && r.Method == http.MethodPost:
		s.event(w, r)
	default:
		http.NotFound(w, r)
	}
}

func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// message is what the page posts: a callback with its payload, or a
// notice of its own.
type message struct {
	Callback Callback        `json:"callback"`
	Notice   NoticeKind      `json:"notice"`
	Detail   string          `json:"detail"`
	At       float64         `json:"at"` // the page's Date.now(), ms
	Payload  json.RawMessage `json:"payload"`
}

var pageNotices = []NoticeKind{SDKLoaded, SDKFailed, PageError, PageClosed}

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	// Only the page itself may post: browsers send Origin with every POST,
	// and a page of another site cannot forge it.
	if origin := r.Header.Get("Origin"); origin != "http://"+r.Host {
		s.refuse(w, http.StatusForbidden, "origin", "an event from "+describeOrigin(origin)+", not this page")
		return
	}
	if r.ContentLength > MaxEventBytes {
		s.refuse(w, http.StatusRequestEntityTooLarge, "size", fmt.Sprintf("an event of %s (at most %s)", mesh.FormatBytes(r.ContentLength), mesh.FormatBytes(MaxEventBytes)))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxEventBytes))
	if err != nil {
		s.refuse(w, http.StatusRequestEntityTooLarge, "size", fmt.Sprintf("an event over %s", mesh.FormatBytes(MaxEventBytes)))
		return
	}
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		s.refuse(w, http.StatusBadRequest, "json", "an event that is not JSON")
		return
	}
	now := s.now()
	at := now
	if m.At > 0 {
		t := time.UnixMilli(int64(m.At)).Add(time.Duration(m.At-float64(int64(m.At))) * time.Millisecond)
		if d := now.Sub(t); d > -time.Minute && d < time.Hour {
			at = t
		}
	}
	s.mu.Lock()
	s.events++
	n := s.events
	s.mu.Unlock()
	if n > MaxEvents {
		s.notifyOnce(Notice{Kind: TooMany, Detail: fmt.Sprintf("the page sent more than %d events; the rest were dropped", MaxEvents), At: now})
		http.Error(w, "too many events", http.StatusTooManyRequests)
		return
	}
	switch {
	case m.Callback != "" && validCallback(m.Callback):
		payload := m.Payload
		if len(payload) == 0 {
			payload = json.RawMessage("null")
		}
		masked, err := maskSecrets(payload)
		if err != nil {
			s.refuse(w, http.StatusBadRequest, "json", "an event whose payload cannot be read: "+err.Error())
			return
		}
		s.updates <- Update{Event: &Event{Callback: m.Callback, At: at, Received: now, Payload: masked}}
	case m.Notice != "" && validNotice(m.Notice):
		s.updates <- Update{Notice: &Notice{Kind: m.Notice, Detail: truncate(m.Detail, 2000), At: at}}
	default:
		s.refuse(w, http.StatusBadRequest, "kind", "an event of no kind meshlink knows")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func validCallback(c Callback) bool {
	for _, k := range callbacks {
		if c == k {
			return true
		}
	}
	return false
}

func validNotice(k NoticeKind) bool {
	for _, n := range pageNotices {
		if k == n {
			return true
		}
	}
	return false
}

// refuse answers a request the endpoint turns away, and says so once per
// reason: a refused request is either a bug or someone trying.
func (s *Server) refuse(w http.ResponseWriter, code int, reason, detail string) {
	s.mu.Lock()
	first := !s.refused[reason]
	s.refused[reason] = true
	s.mu.Unlock()
	if first {
		select {
		case s.updates <- Update{Notice: &Notice{Kind: Refused, Detail: "refused " + detail, At: s.now()}}:
		default:
		}
	}
	http.Error(w, "refused: "+detail, code)
}

func (s *Server) notifyOnce(n Notice) {
	s.mu.Lock()
	first := !s.notified[n.Kind]
	s.notified[n.Kind] = true
	s.mu.Unlock()
	if first {
		select {
		case s.updates <- Update{Notice: &n}:
		default:
		}
	}
}

func describeOrigin(origin string) string {
	if origin == "" {
		return "no page (no Origin)"
	}
	return mesh.CleanText(truncate(origin, 100))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

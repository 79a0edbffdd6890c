// Package demo is a Mesh API on loopback: it speaks the endpoints meshlink
// uses, checks the two credential headers and the request body as Mesh does,
// and hands out tokens that lead to a page saying plainly that they are demos.
// It serves `--env demo`, `meshlink demo-server` and the project's tests,
// the way httptest.Server serves net/http's.
package demo

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// Request is one call the server received, for tests and logs. Path is
// cleaned for printing (mesh.CleanText); Body holds at most MaxBody bytes.
type Request struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
	Status int // the HTTP status the server answered
}

// Limits that let the server run unattended: it remembers only the last
// KeepRequests calls (and no more than keepBodyBytes of their bodies), reads
// at most MaxBody of a request, and drops connections that dawdle.
const (
	KeepRequests  = 100
	keepBodyBytes = 16 << 20
	MaxBody       = mesh.MaxBodyBytes
)

// timeouts bound every connection: a client that sends headers slowly, a
// body slowly, reads the answer slowly or idles between requests is dropped.
type timeouts struct {
	readHeader, read, write, idle time.Duration
}

var defaultTimeouts = timeouts{readHeader: 5 * time.Second, read: 30 * time.Second, write: 30 * time.Second, idle: 60 * time.Second}

// Server is a running demo server.
type Server struct {
	// URL is the base URL, like http://127.0.0.1:41234.
	URL string
	// OnRequest, when set before requests arrive, hears every API call.
	OnRequest func(Request)
	// OnLinkStep, when set before pages open, hears every step a Link
	// stand-in session takes, its opening included.
	OnLinkStep func(LinkStep)
	// Books hold the transfers made through the server's Link stand-in.
	Books *Books

	opts      Options
	started   time.Time
	srv       *http.Server
	listener  net.Listener
	webhooks  *deliverer
	now       func() time.Time
	autoplay  Script // under links.mu
	catalog   *mesh.Catalog
	links     links
	key       []byte
	mu        sync.Mutex
	requests  []Request // the last KeepRequests, oldest first
	bodyBytes int       // of requests' bodies
}

// Options shape a demo server beyond its address.
type Options struct {
	// Addr is where to listen; "" or "127.0.0.1:0" picks a free port.
	Addr string
	// SettleAfter is how long a transfer stays pending: 0 means
	// DefaultSettleAfter, a negative value until Books.Settle is called.
	SettleAfter time.Duration
	// Down names integrations (by name, id or type) that GET
	// /api/v1/status reports down.
	Down []string
	// Webhooks, when their URL is set, deliver each transfer's changes.
	Webhooks WebhookOptions
	// Autoplay makes every Link page play the script by itself.
	Autoplay Script
	// Now is the server's clock (token expiry, the books); nil is time.Now.
	Now func() time.Time
	// Key, when set, lets the server prove to Probe that it is meshlink's
	// (LoadKey reads the user's).
	Key []byte
}

// Start listens on addr ("127.0.0.1:0" picks a free port) and serves.
func Start(addr string) (*Server, error) { return StartWith(Options{Addr: addr}) }

// StartWith starts a server shaped by o.
func StartWith(o Options) (*Server, error) { return start(o, defaultTimeouts) }

func start(o Options, t timeouts) (*Server, error) {
	addr := o.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("demo server: %w", err)
	}
	settle := o.SettleAfter
	if settle == 0 {
		settle = DefaultSettleAfter
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	if _, err := ParseScript(string(o.Autoplay)); err != nil {
		l.Close()
		return nil, fmt.Errorf("demo server: %w", err)
	}
	s := &Server{URL: "http://" + l.Addr().String(), listener: l, Books: NewBooks(settle, now), opts: o, started: now(), now: now, autoplay: o.Autoplay, catalog: mesh.Snapshot(), key: o.Key}
	s.links.tokens, s.links.sessions = map[string]*issuedToken{}, map[string]*linkSession{}
	if o.Webhooks.URL != "" {
		s.webhooks = startDeliverer(s.Books, o.Webhooks)
	}
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		WriteTimeout:      t.write,
		IdleTimeout:       t.idle,
		MaxHeaderBytes:    64 << 10,
	}
	go func() { _ = s.srv.Serve(l) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error {
	s.Books.Close()
	if s.webhooks != nil {
		s.webhooks.close()
	}
	return s.srv.Close()
}

// Requests returns the last API calls received (at most KeepRequests),
// oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Handler is the server's API, to mount elsewhere (a test server that adds
// faults in front of it, say). Links in its tokens point at s.URL.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/demo/", s.page)
	s.handleLink(mux)
	mux.HandleFunc(identityPath, s.identity)
	mux.HandleFunc("/", s.api)
	return mux
}

func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		body = nil
		writeError(rec, http.StatusRequestEntityTooLarge, "badRequest", "bodyTooLarge", fmt.Sprintf("the body is larger than %s; a link-token body is a few KiB", mesh.FormatBytes(MaxBody)))
	case err != nil:
		return // the client went away mid-body: nobody to answer
	default:
		s.route(rec, r, body)
	}
	req := Request{Method: mesh.CleanText(r.Method), Path: mesh.CleanText(r.URL.Path), Header: r.Header.Clone(), Body: body, Status: rec.status}
	s.remember(req)
	if s.OnRequest != nil {
		s.OnRequest(req)
	}
}

// remember keeps req, forgetting the oldest calls beyond KeepRequests or
// keepBodyBytes.
func (s *Server) remember(req Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	s.bodyBytes += len(req.Body)
	drop := 0
	for len(s.requests)-drop > KeepRequests || (s.bodyBytes > keepBodyBytes && len(s.requests)-drop > 1) {
		s.bodyBytes -= len(s.requests[drop].Body)
		s.requests[drop] = Request{} // let the old body go
		drop++
	}
	s.requests = s.requests[drop:]
}

type route struct {
	method string
	// handle answers r, whose body is read already.
	handle func(s *Server, w http.ResponseWriter, r *http.Request, body []byte)
}

var routes = map[string]route{
	strings.ToLower(mesh.PathLinkToken): {http.MethodPost, (*Server).linkToken},
	mesh.PathNetworks:                   {http.MethodGet, (*Server).networks},
	mesh.PathIntegrations:               {http.MethodGet, (*Server).integrations},
	mesh.PathIntegrationsCatalog:        {http.MethodGet, (*Server).integrationsCatalog},
	mesh.PathTransfers:                  {http.MethodGet, (*Server).transfers},
	mesh.PathStatus:                     {http.MethodGet, (*Server).status},
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	route := routes[strings.ToLower(strings.TrimRight(r.URL.Path, "/"))]
	switch {
	case route.handle == nil:
		writeError(w, http.StatusNotFound, "", "", "no such endpoint on the meshlink demo server: "+mesh.CleanText(r.URL.Path))
	case r.Method != route.method:
		w.Header().Set("Allow", route.method)
		writeError(w, http.StatusMethodNotAllowed, "badRequest", "", r.Method+" is not allowed here; use "+route.method)
	case r.Header.Get("X-Client-Id") == "" || r.Header.Get("X-Client-Secret") == "":
		writeError(w, http.StatusUnauthorized, "permissionDenied", "", "X-Client-Id and X-Client-Secret headers are required (the demo server accepts any values)")
	default:
		route.handle(s, w, r, body)
	}
}

func (s *Server) linkToken(w http.ResponseWriter, r *http.Request, body []byte) {
	req, err := mesh.DecodeBody(body)
	var ire *mesh.InvalidRequestError
	switch {
	case errors.As(err, &ire):
		writeProblems(w, ire.Problems)
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "badRequest", "invalidField", "the body is "+err.Error())
		return
	}
	// Mesh's schema (additionalProperties: false) has no accessTokens and
	// knows only its own transfer types; meshlink's rules are looser there.
	var errs mesh.Problems
	if len(req.AccessTokens) > 0 {
		errs = append(errs, mesh.Problem{Path: "accessTokens", Message: "is not a field of the link-token request; Mesh's front-end SDK takes them (createLink({accessTokens}))"})
	}
	if t := req.TransferOptions; t != nil && t.TransferType != "" && !slices.Contains(mesh.TransferTypes, t.TransferType) {
		errs = append(errs, mesh.Problem{Path: "transferOptions.transferType", Message: fmt.Sprintf("%q is not a transfer type", t.TransferType)})
	}
	if errs = append(errs, mesh.Validate(req, nil).Errors()...); len(errs) > 0 {
		writeProblems(w, errs)
		return
	}
	authCode := "DEMO-" + randomHex(12)
	s.issue(authCode, r.Header.Get("X-Client-Id"), req, len(body))
	link := s.URL + "/demo/b2b-iframe/" + url.PathEscape(r.Header.Get("X-Client-Id")) + "/broker-connect?" + url.Values{
		"auth_code":                {authCode},
		"restrictMultipleAccounts": {fmt.Sprint(req.RestrictMultipleAccounts == nil || *req.RestrictMultipleAccounts)},
		"use_case":                 {string(mesh.UseCaseOf(req))},
	}.Encode()
	token := base64.StdEncoding.EncodeToString([]byte(link))
	content := map[string]any{"linkToken": token}
	if t := req.TransferOptions; t != nil && t.GeneratePayLink != nil && *t.GeneratePayLink {
		content["paymentLink"] = s.URL + "/demo/paylink?" + url.Values{"linkToken": {token}}.Encode()
	}
	writeOK(w, content)
}

func (s *Server) networks(w http.ResponseWriter, _ *http.Request, _ []byte) {
	nets := mesh.Snapshot().Networks
	for i, n := range nets {
		if len(n.Tokens) == 0 {
			for _, t := range n.SupportedTokens {
				nets[i].Tokens = append(nets[i].Tokens, mesh.NetworkToken{Symbol: t})
			}
		}
	}
	writeOK(w, map[string]any{"networks": nets})
}

// integrations serves the managed-transfers list, which, like Mesh's, lacks
// the self-custody wallets; integrationsCatalog serves every integration.
func (s *Server) integrations(w http.ResponseWriter, _ *http.Request, _ []byte) {
	var managed []mesh.Integration
	for _, in := range mesh.Snapshot().Integrations {
		if !slices.Contains(in.Categories, "deFiWallet") && in.Type != "deFiWallet" {
			managed = append(managed, in)
		}
	}
	writeOK(w, map[string]any{"integrations": managed})
}

func (s *Server) integrationsCatalog(w http.ResponseWriter, _ *http.Request, _ []byte) {
	type item struct {
		ID         string   `json:"id"`
		Name       string   `json:"name"`
		Type       string   `json:"type,omitempty"`
		Categories []string `json:"categories"`
	}
	var items []item
	for _, in := range mesh.Snapshot().Integrations {
		items = append(items, item{in.ID, in.Name, in.Type, in.Categories})
	}
	writeOK(w, map[string]any{"items": items})
}

// page is the page a demo Link URL opens; the path it shows is escaped with
// the standard library's HTML escaper (html/template's start-up cost buys
// nothing for one value).
const pageHead = `<!doctype html>
<html><head><meta charset="utf-8"><title>meshlink demo Link session</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>meshlink demo — not a real Mesh Link session</h1>
<p>This page stands where Mesh Link would open. The token that led here came from
<code>meshlink</code>'s built-in demo server, which needs no Mesh keys and moves no money.</p>
<p>To get a real token, set <code>MESH_CLIENT_ID</code> and <code>MESH_CLIENT_SECRET</code>
and use the sandbox environment.</p>
<p>Requested: <code>`

const pageTail = `</code></p>
</body></html>
`

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, pageHead+html.EscapeString(r.URL.Path)+pageTail)
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// envelope is Mesh's ApiResult around every answer.
type envelope struct {
	Content        any     `json:"content,omitempty"`
	Status         string  `json:"status"`
	Message        string  `json:"message"`
	DisplayMessage *string `json:"displayMessage"`
	ErrorHash      string  `json:"errorHash"`
	ErrorType      string  `json:"errorType"`
	ErrorData      any     `json:"errorData"`
}

// writeProblems answers 400 with every problem, as missingField when the
// first is a required field.
func writeProblems(w http.ResponseWriter, errs mesh.Problems) {
	errorType := "invalidField"
	if strings.Contains(errs[0].Message, "required") {
		errorType = "missingField"
	}
	msgs := make([]string, len(errs))
	for i, p := range errs {
		msgs[i] = p.String()
	}
	writeError(w, http.StatusBadRequest, "badRequest", errorType, strings.Join(msgs, "; "))
}

func writeOK(w http.ResponseWriter, content any) {
	writeJSON(w, http.StatusOK, envelope{Content: content, Status: "ok", ErrorHash: randomHex(4)})
}

func writeError(w http.ResponseWriter, code int, status, errorType, message string) {
	writeJSON(w, code, envelope{Status: status, Message: message, ErrorHash: randomHex(4), ErrorType: errorType})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func randomHex(n int) string { return hex.EncodeToString(randomBytes(n)) }

package demo

// The Link stand-in. A demo token decodes to the page /demo/b2b-iframe/…,
// which plays Mesh Link: the user chooses an integration, signs in as a
// sandbox persona, picks what to send and confirms; the page posts to its
// opener the messages real Link posts, so Mesh's own web SDK drives the
// integrator's callbacks. The page only draws: every step is a JSON call
// below, the server keeps the state and the books, and anyone can make a
// transfer with plain HTTP (Play does so):
//
//	POST /demo/link/sessions                   {"authCode": …} or {"linkToken": …}, and "script" to autoplay
//	GET  /demo/link/sessions/{id}              the session as the page shows it
//	POST /demo/link/sessions/{id}/{action}     one step; the body holds the form's values
//	POST /demo/link/autoplay                   {"script": …}: what pages opened from now on play ("" none)
//
// Every answer is Mesh's envelope around a View: what the page shows, the
// Messages the step posts to the opener (in order), the actions the page
// offers, and under a script the Next step it plays. Actions and their
// bodies:
//
//	integration  {"integrationId"}                  catalogPage: choose an integration
//	credentials  {"username", "password"}           credentialsPage: sign in (a persona, Pass123)
//	mfa          {"code"}                           mfaPage: 123456
//	sign         {"address"}                        verifyWalletPage: sign with the address at that index
//	reject       {}                                 verifyWalletPage: refuse to sign
//	preview      {"option", "amount"}               transferConfigurePage: the toAddress at that index, the amount
//	back         {}                                 transferPreviewPage: change the transfer
//	confirm      {}                                 transferPreviewPage: make the transfer (recorded in Books)
//	another      {}                                 integrationConnectedPage: connect another account
//	done         {}                                 the last page: posts done
//	close        {}                                 any page: posts close (the user exits)
//
// A token opens one session, once, within mesh.TokenLifetime of being
// issued; otherwise the session shows Link's error and its close carries
// the errorMessage.

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// What the Link stand-in remembers is bounded: the last keepLinks tokens
// and sessions, and no more than keepLinkBytes of their requests.
var (
	keepLinks     = 1000
	keepLinkBytes = 16 << 20
)

// issuedToken is a link token the server handed out.
type issuedToken struct {
	req      *mesh.LinkTokenRequest
	clientID string
	issued   time.Time
	size     int
	used     bool
}

type linkEntry struct {
	authCode, session string
	size              int
}

// links are the tokens issued and the sessions they opened.
type links struct {
	mu       sync.Mutex
	tokens   map[string]*issuedToken // by the auth_code in the token's URL
	sessions map[string]*linkSession
	order    []linkEntry // oldest first
	bytes    int
}

func (l *links) add(e linkEntry) {
	l.order = append(l.order, e)
	l.bytes += e.size
	drop := 0
	for len(l.order)-drop > keepLinks || (l.bytes > keepLinkBytes && len(l.order)-drop > 1) {
		old := l.order[drop]
		delete(l.tokens, old.authCode)
		delete(l.sessions, old.session)
		l.bytes -= old.size
		drop++
	}
	l.order = append(l.order[:0:0], l.order[drop:]...)
}

// issue keeps a token just issued.
func (s *Server) issue(authCode, clientID string, req *mesh.LinkTokenRequest, size int) {
	s.links.mu.Lock()
	defer s.links.mu.Unlock()
	s.links.tokens[authCode] = &issuedToken{req: req, clientID: clientID, issued: s.now(), size: size}
	s.links.add(linkEntry{authCode: authCode, size: size})
}

// open uses the token with authCode: a session that plays Link, or one
// that shows why it cannot.
func (s *Server) open(authCode string, script Script) *linkSession {
	s.links.mu.Lock()
	defer s.links.mu.Unlock()
	sess := &linkSession{id: "ls_" + randomHex(16), books: s.Books, catalog: s.catalog, now: s.now, script: script}
	tok, ok := s.links.tokens[authCode]
	size := 0
	switch {
	case !ok:
		sess.fail("Link token not recognised: this demo server did not issue it, or has forgotten it (it keeps the last " + fmt.Sprint(keepLinks) + "). Fetch a new token from the demo server that serves this page.")
	case tok.used:
		sess.fail("Link token already used: a link token opens Link once. Fetch a new token for each session.")
	case s.now().After(tok.issued.Add(mesh.TokenLifetime)):
		sess.fail(fmt.Sprintf("Link token expired: a link token lives %v after it is issued. Fetch a new token for each session.", mesh.TokenLifetime))
	default:
		tok.used = true
		size = tok.size
		sess.start(tok.req)
	}
	s.links.sessions[sess.id] = sess
	s.links.add(linkEntry{session: sess.id, size: size})
	return sess
}

func (s *Server) session(id string) (*linkSession, bool) {
	s.links.mu.Lock()
	defer s.links.mu.Unlock()
	sess, ok := s.links.sessions[id]
	return sess, ok
}

// maxStepBody bounds a step's body: a few form values.
const maxStepBody = 64 << 10

func (s *Server) handleLink(mux *http.ServeMux) {
	mux.HandleFunc("GET /demo/b2b-iframe/", s.linkPage)
	mux.HandleFunc("GET /demo/paylink", s.linkPage)
	mux.HandleFunc("POST /demo/link/sessions", s.openSession)
	mux.HandleFunc("GET /demo/link/sessions/{id}", func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.session(r.PathValue("id"))
		if !ok {
			writeError(w, http.StatusNotFound, "notFound", "", "no such Link session: open one with POST /demo/link/sessions")
			return
		}
		sess.mu.Lock()
		defer sess.mu.Unlock()
		writeOK(w, sess.view(nil))
	})
	mux.HandleFunc("POST /demo/link/sessions/{id}/{action}", s.step)
	mux.HandleFunc("POST /demo/link/autoplay", func(w http.ResponseWriter, r *http.Request) {
		form, err := readForm(w, r)
		var script Script
		if err == nil {
			script, err = ParseScript(form["script"])
		}
		if err != nil {
			writeError(w, http.StatusBadRequest, "badRequest", "invalidField", err.Error())
			return
		}
		s.links.mu.Lock()
		s.autoplay = script
		s.links.mu.Unlock()
		writeOK(w, map[string]string{"script": string(script)})
	})
}

func readForm(w http.ResponseWriter, r *http.Request) (map[string]string, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxStepBody))
	if err != nil {
		return nil, fmt.Errorf("the body could not be read (at most %s): %v", mesh.FormatBytes(maxStepBody), err)
	}
	form := map[string]string{}
	if len(strings.TrimSpace(string(body))) == 0 {
		return form, nil
	}
	if err := json.Unmarshal(body, &form); err != nil {
		return nil, errors.New(`the body must be a JSON object of strings, like {"code": "123456"}`)
	}
	return form, nil
}

func (s *Server) openSession(w http.ResponseWriter, r *http.Request) {
	form, err := readForm(w, r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "badRequest", "invalidField", err.Error())
		return
	}
	authCode, ok := form["authCode"]
	if t, isToken := form["linkToken"]; isToken {
		authCode, ok = authCodeOf(t), true
	}
	if !ok {
		writeError(w, http.StatusBadRequest, "badRequest", "missingField", `send {"linkToken": "<the token>"} or {"authCode": "<its auth_code>"}`)
		return
	}
	s.links.mu.Lock()
	script := s.autoplay
	s.links.mu.Unlock()
	if name, ok := form["script"]; ok {
		if script, err = ParseScript(name); err != nil {
			writeError(w, http.StatusBadRequest, "badRequest", "invalidField", err.Error())
			return
		}
	}
	sess := s.open(authCode, script)
	sess.mu.Lock()
	defer sess.mu.Unlock()
	s.answer(w, sess, "open", []Message{{Type: MsgLoaded}})
}

// LinkStep is a step a Link session took, for logs.
type LinkStep struct {
	Session, Action, Page string
	Messages              []string // their types
}

// answer writes the session's view after a step, and tells OnLinkStep.
func (s *Server) answer(w http.ResponseWriter, sess *linkSession, action string, msgs []Message) {
	v := sess.view(msgs)
	writeOK(w, v)
	if s.OnLinkStep != nil {
		step := LinkStep{Session: v.Session, Action: action, Page: v.Page}
		for _, m := range msgs {
			step.Messages = append(step.Messages, m.Type)
		}
		s.OnLinkStep(step)
	}
}

// authCodeOf finds the auth_code in a link token (base64 of the Link URL).
func authCodeOf(token string) string {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(token))
	if err != nil {
		return ""
	}
	u, err := url.Parse(string(raw))
	if err != nil {
		return ""
	}
	return u.Query().Get("auth_code")
}

func (s *Server) step(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.session(r.PathValue("id"))
	if !ok {
		writeError(w, http.StatusNotFound, "notFound", "", "no such Link session: open one with POST /demo/link/sessions")
		return
	}
	form, err := readForm(w, r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "badRequest", "invalidField", err.Error())
		return
	}
	sess.mu.Lock()
	defer sess.mu.Unlock()
	action := r.PathValue("action")
	msgs, err := sess.act(action, form)
	if err != nil {
		writeError(w, http.StatusConflict, "conflict", "", err.Error())
		return
	}
	s.answer(w, sess, action, msgs)
}

//go:embed link.html
var linkHTML string

// linkCSP lets the page run its own script and style and talk to its own
// server, nothing else; framing is left open, as Link is framed by any site.
var linkCSP = func() string {
	hash := func(re string) string {
		m := regexp.MustCompile(`(?s)` + re).FindStringSubmatch(linkHTML)
		sum := sha256.Sum256([]byte(m[1]))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return "default-src 'none'; script-src " + hash(`<script>(.*?)</script>`) +
		"; style-src " + hash(`<style>(.*?)</style>`) +
		"; connect-src 'self'; base-uri 'none'; form-action 'none'"
}()

func (s *Server) linkPage(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", linkCSP)
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = io.WriteString(w, linkHTML)
}

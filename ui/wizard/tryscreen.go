package wizard

import (
	"context"
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/open"
	"github.com/meshlink/meshlink/ui/try"
)

// tryScreen opens Link with the token in the browser, through Mesh's web
// SDK on a page meshlink serves (as `meshlink try` does), and shows each
// callback as it comes. esc leaves it, and stops the page.
type tryScreen struct {
	s       *session
	tok     *mesh.LinkToken
	env     mesh.Environment
	outcome try.Outcome
	srv     *try.Server
	notes   []string // what to know: the page's address, the origin to allow
	lines   []string // one a callback or notice, cleaned
	failed  string   // the page could not be served
	ended   bool
	width   int
	height  int
}

// Messages of the try screen: the page is served (or not), and what it
// reported.
type (
	tryStartedMsg struct {
		srv   *try.Server
		notes []string
		err   error
	}
	tryUpdateMsg struct {
		srv *try.Server
		u   try.Update
	}
)

func newTryScreen(s *session, tok *mesh.LinkToken, env mesh.Environment, uc mesh.UseCase) *tryScreen {
	return &tryScreen{s: s, tok: tok, env: env, outcome: try.Outcome{Goal: try.Goal{UseCase: uc}}, width: defaultWidth}
}

func (t *tryScreen) title() string    { return "Link in your browser" }
func (t *tryScreen) setSize(w, h int) { t.width, t.height = w, h }
func (t *tryScreen) busy() bool       { return t.srv != nil && !t.ended }
func (t *tryScreen) show() tea.Cmd {
	if t.srv != nil || t.failed != "" || t.ended {
		return nil
	}
	return startTryCmd(t.s.o.TryAddr, t.tok, t.env, t.s.open)
}

// startTryCmd serves the page for tok and opens it in the browser.
func startTryCmd(addr string, tok *mesh.LinkToken, env mesh.Environment, openURL func(string) error) tea.Cmd {
	return func() tea.Msg {
		if addr == "" {
			addr = try.DefaultAddr
		}
		srv, err := try.Listen(addr)
		if err != nil {
			return tryStartedMsg{err: err}
		}
		if err := srv.Start(try.Page{Token: tok.Token, LinkURL: tok.LinkURL}); err != nil {
			srv.Close()
			return tryStartedMsg{err: err}
		}
		return tryStartedMsg{srv: srv, notes: tryNotes(srv, env, tok, openURL(srv.URL))}
	}
}

// tryNotes is what the user must know before Link opens.
func tryNotes(srv *try.Server, env mesh.Environment, tok *mesh.LinkToken, openErr error) []string {
	var notes []string
	if note := srv.AllowListNote(env, tok.LinkURL); note != "" {
		notes = append(notes, note)
	}
	notes = append(notes, "Mesh's web SDK loads from "+try.SDK{}.Source())
	switch {
	case errors.Is(openErr, open.ErrRemote):
		notes = append(notes, openErr.Error()+": forward the port and open "+srv.URL)
	case openErr != nil:
		notes = append(notes, "no browser opened ("+openErr.Error()+"): open "+srv.URL)
	default:
		notes = append(notes, "opened "+srv.URL+" in your browser")
	}
	return notes
}

func waitTryCmd(srv *try.Server) tea.Cmd {
	return func() tea.Msg { return tryUpdateMsg{srv: srv, u: <-srv.Updates()} }
}

func (t *tryScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tryStartedMsg:
		if msg.err != nil {
			t.failed = msg.err.Error()
			return nil
		}
		t.srv, t.notes = msg.srv, msg.notes
		return waitTryCmd(msg.srv)
	case tryUpdateMsg:
		if msg.srv != t.srv || t.ended {
			return nil // a page left behind
		}
		return t.take(msg.u)
	case tea.KeyMsg:
		if key.Matches(msg, t.s.keys.Back) {
			t.stop()
			return pop()
		}
	}
	return nil
}

// take shows one update, and waits for the next until the session ends.
func (t *tryScreen) take(u try.Update) tea.Cmd {
	switch {
	case u.Event != nil:
		t.lines = append(t.lines, mesh.CleanText(try.Line(*u.Event)))
	case u.Notice != nil && u.Notice.Kind == try.SDKLoaded:
		t.lines = append(t.lines, try.Stamp(u.Notice.At)+"  the page loaded Mesh's web SDK; Link is opening")
	case u.Notice != nil && u.Notice.Kind != try.SDKFailed && u.Notice.Kind != try.PageClosed:
		t.lines = append(t.lines, mesh.CleanText(try.Stamp(u.Notice.At)+"  ! "+u.Notice.Detail))
	}
	if t.outcome.Take(u) {
		t.ended = true
		t.stop()
		return nil
	}
	return waitTryCmd(t.srv)
}

func (t *tryScreen) stop() {
	if t.srv != nil {
		_ = t.srv.Close()
	}
}

func (t *tryScreen) view() string {
	st := t.s.st
	w := max(t.width-2, 20)
	var b strings.Builder
	write := func(style func(...string) string, s string) {
		for _, l := range strings.Split(wordwrap(mesh.CleanText(s), w), "\n") {
			b.WriteString(style(l) + "\n")
		}
	}
	switch {
	case t.failed != "":
		write(st.err.Render, "✗ the page cannot be served: "+t.failed)
		write(st.dim.Render, "esc back to the token")
		return b.String()
	case t.srv == nil:
		return st.dim.Render("starting the page…") + "\n"
	}
	for _, n := range t.notes {
		write(st.dim.Render, n)
	}
	b.WriteString("\n")
	if len(t.lines) == 0 {
		b.WriteString(st.dim.Render("waiting for the page…") + "\n")
	}
	room := max(t.height-strings.Count(b.String(), "\n")-3, 1)
	shown := t.lines[max(len(t.lines)-room, 0):]
	for _, l := range shown {
		b.WriteString(l + "\n")
	}
	if t.ended {
		b.WriteString("\n")
		summary := trySummary(t.outcome)
		if t.outcome.Reached {
			write(st.ok.Render, "✓ "+summary)
		} else {
			write(st.warn.Render, "✗ "+summary)
		}
	}
	return b.String()
}

func (t *tryScreen) keyMap() keyMap {
	return helpOf([]key.Binding{t.s.keys.Back})
}

// tryAccessible is the try screen for --accessible: the same page, and
// each callback printed as a line, until Link closes or ctrl+c.
func tryAccessible(ctx context.Context, a *accessible, tok *mesh.LinkToken, env mesh.Environment, uc mesh.UseCase) error {
	addr := a.o.TryAddr
	if addr == "" {
		addr = try.DefaultAddr
	}
	srv, err := try.Listen(addr)
	if err != nil {
		a.say("The page cannot be served: %v", err)
		return nil
	}
	defer srv.Close()
	if err := srv.Start(try.Page{Token: tok.Token, LinkURL: tok.LinkURL}); err != nil {
		return err
	}
	opener := open.Opener{Getenv: a.o.Getenv}.URL
	for _, n := range tryNotes(srv, env, tok, opener(srv.URL)) {
		a.say("%s", n)
	}
	a.say("Waiting for Link to close (ctrl+c stops).")
	o := try.Watch(ctx, srv.Updates(), try.Goal{UseCase: uc}, 0, func(u try.Update) {
		switch {
		case u.Event != nil:
			a.say("%s", try.Line(*u.Event))
		case u.Notice != nil && u.Notice.Kind == try.Refused, u.Notice != nil && u.Notice.Kind == try.PageError, u.Notice != nil && u.Notice.Kind == try.TooMany:
			a.say("Warning: %s", u.Notice.Detail)
		}
	})
	if o.End == try.Interrupted {
		return ErrInterrupted
	}
	a.say("%s", trySummary(o))
	return nil
}

// trySummary is the run's last word, with what to do when the page could
// not load the SDK (the wizard has no --sdk: the command line does).
func trySummary(o try.Outcome) string {
	if o.End != try.NoSDK {
		return o.Summary()
	}
	return o.Summary() + ". Build the SDK in a project that has " + try.SDKPackage + " installed: " + try.BuildCommand +
		", then `meshlink try --sdk mesh-link-sdk.js --token …`"
}

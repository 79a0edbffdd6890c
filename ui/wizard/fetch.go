package wizard

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// fetchScreen is a request in flight. Every fetch has its own id: an
// answer for another one (cancelled, superseded) is dropped.
type fetchScreen struct {
	s       *session
	id      int64
	cancel  context.CancelFunc
	host    string
	spinner spinner.Model
	req     *mesh.LinkTokenRequest
}

var fetchIDs atomic.Int64

type (
	// tokenFetchedMsg: Mesh (or the demo server) gave a link token.
	tokenFetchedMsg struct {
		id    int64
		token *mesh.LinkToken
	}
	// fetchFailedMsg: the request failed (or was cancelled).
	fetchFailedMsg struct {
		id  int64
		err error
	}
)

func newFetchScreen(s *session) *fetchScreen {
	return &fetchScreen{
		s:       s,
		id:      fetchIDs.Add(1),
		host:    s.hostLabel(),
		req:     s.request(),
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(s.st.accent)),
	}
}

func (f *fetchScreen) title() string    { return "Fetching" }
func (f *fetchScreen) busy() bool       { return true }
func (f *fetchScreen) setSize(int, int) {}

// show sends the request; esc cancels it.
func (f *fetchScreen) show() tea.Cmd {
	if f.cancel != nil {
		return nil
	}
	ctx, cancel := context.WithCancel(f.s.ctx)
	f.cancel = cancel
	return tea.Batch(fetchToken(ctx, f.id, f.s.o.Connect, f.s.target(f.s.env), f.req), f.spinner.Tick)
}

// stop cancels the request (esc, ctrl+c).
func (f *fetchScreen) stop() {
	if f.cancel != nil {
		f.cancel()
	}
}

func fetchToken(ctx context.Context, id int64, connect connectFunc, t mesh.Target, req *mesh.LinkTokenRequest) tea.Cmd {
	return func() tea.Msg {
		if connect == nil {
			return fetchFailedMsg{id, errors.New("no client to send with")}
		}
		c, err := connect(t)
		if err != nil {
			return fetchFailedMsg{id, err}
		}
		tok, err := c.LinkToken(ctx, req)
		if err != nil {
			return fetchFailedMsg{id, err}
		}
		return tokenFetchedMsg{id, tok}
	}
}

func (f *fetchScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		f.spinner, cmd = f.spinner.Update(msg)
		return cmd
	case tokenFetchedMsg:
		if msg.id != f.id {
			return nil
		}
		f.cancel = nil
		return tea.Batch(replace(newResultScreen(f.s, f.req, msg.token)), f.touchPreset())
	case fetchFailedMsg:
		if msg.id != f.id {
			return nil
		}
		f.cancel = nil
		return replace(newErrorScreen(f.s, msg.err))
	case tea.KeyMsg:
		if key.Matches(msg, f.s.keys.Cancel) {
			f.stop()
			f.id = 0 // the cancelled answer may come before the pop: no longer awaited
			if f.s.setup.FreshTxID {
				f.s.say(statusWarn, "cancelled; enter sends the body again, with a new transactionId")
			} else {
				f.s.say(statusWarn, "cancelled; the body is as you left it, enter sends it again")
			}
			return pop()
		}
	}
	return nil
}

// touchPreset records that the loaded preset was used, as `token --preset`
// does; a failure costs nothing.
func (f *fetchScreen) touchPreset() tea.Cmd {
	store, name, now := f.s.o.Presets, f.s.preset, f.s.o.Now()
	if store == nil || name == "" {
		return nil
	}
	return func() tea.Msg {
		_ = store.Touch(name, now)
		return nil
	}
}

func (f *fetchScreen) view() string {
	return f.spinner.View() + " asking " + f.host + " for a link token…\n\n" +
		f.s.st.dim.Render("esc cancels and returns to the preview; nothing you entered is lost")
}

func (f *fetchScreen) keyMap() keyMap {
	return helpOf([]key.Binding{f.s.keys.Cancel})
}

type connectFunc func(mesh.Target) (*mesh.Client, error)

package wizard

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
)

// fetchStep is a request in flight. Every request has an id: an answer
// whose id is not the current one (cancelled, superseded) is dropped.
type fetchStep struct {
	id     int
	cancel context.CancelFunc
	host   string
}

func (f *fetchStep) cancelRequest() {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
}

// tokenFetchedMsg: Mesh (or the demo server) gave a link token.
type tokenFetchedMsg struct {
	id    int
	token *mesh.LinkToken
}

// fetchFailedMsg: the request failed (or was cancelled).
type fetchFailedMsg struct {
	id  int
	err error
}

func fetchToken(ctx context.Context, id int, connect connectFunc, env mesh.Environment, creds mesh.Credentials, req *mesh.LinkTokenRequest) tea.Cmd {
	return func() tea.Msg {
		if connect == nil {
			return fetchFailedMsg{id, errors.New("no client to send with")}
		}
		c, err := connect(env, creds)
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

// hostLabel names where requests go in the current environment.
func (m *Model) hostLabel() string {
	switch m.env {
	case mesh.EnvDemo:
		return "the built-in demo server (127.0.0.1)"
	case mesh.EnvCustom:
		return m.o.BaseURL
	}
	return m.env.BaseURL()
}

// startFetch sends the current body; esc in the fetching step returns to
// the preview.
func (m *Model) startFetch() tea.Cmd {
	req := buildRequest(m.setup)
	m.fetch.cancelRequest()
	m.fetch.id++
	ctx, cancel := context.WithCancel(m.ctx)
	m.fetch.cancel = cancel
	m.fetch.host = m.hostLabel()
	m.trimHistoryToPreview()
	m.step = stepFetching
	m.clearStatus()
	return tea.Batch(fetchToken(ctx, m.fetch.id, m.o.Connect, m.env, m.creds, req), m.spinner.Tick)
}

// trimHistoryToPreview makes the preview the step that esc returns to.
func (m *Model) trimHistoryToPreview() {
	if m.step == stepPreview {
		m.history = append(m.history, stepPreview)
		return
	}
	for i := len(m.history) - 1; i >= 0; i-- {
		if m.history[i] == stepPreview {
			m.history = m.history[:i+1]
			return
		}
	}
	m.history = append(m.history, stepPreview)
}

func (m *Model) updateFetching(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Back) {
		m.fetch.cancelRequest()
		m.fetch.id++ // whatever still arrives is stale
		m.setStatus(statusWarn, "cancelled; the body is as you left it, enter sends it again")
		return m.returnTo(stepPreview)
	}
	return nil
}

func (m *Model) onTokenFetched(msg tokenFetchedMsg) tea.Cmd {
	if msg.id != m.fetch.id || m.step != stepFetching {
		return nil
	}
	m.fetch.cancel = nil
	m.result = resultStep{token: msg.token, env: m.env}
	m.step = stepResult
	return m.enter()
}

func (m *Model) onFetchFailed(msg fetchFailedMsg) tea.Cmd {
	if msg.id != m.fetch.id || m.step != stepFetching {
		return nil
	}
	m.fetch.cancel = nil
	m.errScreen = newErrorStep(msg.err)
	m.step = stepError
	return nil
}

func (m *Model) fetchingView() string {
	return m.spinner.View() + " asking " + m.fetch.host + " for a link token…\n\n" +
		m.st.dim.Render("esc cancels and returns to the preview; nothing you entered is lost")
}

// --- result -----------------------------------------------------------------

// resultStep shows a token and counts down its ten minutes.
type resultStep struct {
	token  *mesh.LinkToken
	env    mesh.Environment
	now    time.Time
	tickID int
}

// tickMsg: a second passed on the result screen.
type tickMsg struct{ id int }

// tick is the countdown's one chain: a tick whose id is old ends it.
func tick(id int) tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{id} })
}

func (m *Model) startCountdown() tea.Cmd {
	m.result.tickID++
	m.result.now = m.o.Now()
	if m.result.token == nil || !m.result.now.Before(m.result.token.ExpiresAt) {
		return nil
	}
	return m.tickCmd(m.result.tickID)
}

func (m *Model) onTick(msg tickMsg) tea.Cmd {
	if msg.id != m.result.tickID || m.step != stepResult {
		return nil
	}
	m.result.now = m.o.Now()
	if !m.result.now.Before(m.result.token.ExpiresAt) {
		return nil
	}
	return m.tickCmd(msg.id)
}

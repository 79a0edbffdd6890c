package wizard

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/clip"
)

// Model is the root of the wizard: a back stack of screens, dialogs drawn
// over the top one, and the session they share. It routes messages and
// applies navigation; what a screen does is the screen's own business. It
// does no I/O in Update or View: loading, fetching, copying and editing run
// in tea.Cmds and come back as messages.
type Model struct {
	s       *session
	stack   []screen
	dialogs []screen
	help    help.Model
	helpV   string // the help as layout last drew it
	helpSig string // and what it drew it from

	width, height int

	refreshing bool
	refreshID  int
	spinner    spinner.Model

	interrupted bool
	// result is the token the user quit with (q on the result screen).
	result *Result
}

const (
	defaultWidth  = 80
	defaultHeight = 24
)

func newModel(ctx context.Context, o Options) *Model {
	if ctx == nil {
		ctx = context.Background()
	}
	s := newSession(ctx, o.withDefaults())
	m := &Model{s: s, help: help.New(), width: defaultWidth, height: defaultHeight}
	m.help.Styles = s.st.help
	m.spinner = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(s.st.accent))
	m.stack = []screen{newUseCaseScreen(s)}
	m.layout()
	return m
}

// Init loads the catalog and the newest history entries in the background:
// the first frame never waits.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(loadCatalog(m.s.catalogDir()), loadRecent(m.s.o.History, m.s.o.Now), m.s.lookHealth())
}

func (m *Model) top() screen { return m.stack[len(m.stack)-1] }

// active is what takes keys: the top dialog, else the top screen.
func (m *Model) active() screen {
	if n := len(m.dialogs); n > 0 {
		return m.dialogs[n-1]
	}
	return m.top()
}

// Update routes a message, then lays the screens out for the next View.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.handle(msg)
	m.layout()
	return m, cmd
}

func (m *Model) handle(msg tea.Msg) tea.Cmd {
	s := m.s
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 20), max(msg.Height, 8)
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	case pushMsg:
		m.stack = append(m.stack, msg.s)
		return msg.s.show()
	case popMsg:
		if len(m.stack) == 1 {
			return nil
		}
		m.stack = m.stack[:len(m.stack)-1]
		return m.top().show()
	case replaceMsg:
		m.stack[len(m.stack)-1] = msg.s
		return msg.s.show()
	case popToPreviewMsg:
		m.trimToPreview()
		return m.top().show()
	case resetMsg:
		m.stack, m.dialogs = msg.stack, nil
		return m.top().show()
	case openDialogMsg:
		m.dialogs = append(m.dialogs, msg.d)
		return msg.d.show()
	case closeDialogMsg:
		if len(m.dialogs) > 0 {
			m.dialogs = m.dialogs[:len(m.dialogs)-1]
		}
		return nil
	case sendMsg:
		return m.send()
	case envChosenMsg:
		m.dialogs = nil
		s.setEnv(msg.env)
		return tea.Batch(m.top().update(msg), loadCatalog(s.catalogDir()), s.lookHealth()) // each environment has its own catalog
	case credentialsEnteredMsg:
		m.dialogs = nil
		s.creds[msg.env] = msg.creds
		s.say(statusInfo, "keys set for this run ("+string(msg.env)+" only, never saved): enter sends again")
		if msg.then != nil {
			return tea.Batch(m.handle(msg.then), s.lookHealth())
		}
		return s.lookHealth()
	case prodConfirmedMsg:
		m.dialogs = nil
		s.prodConfirmed = true
		return m.send()
	case quitMsg:
		m.result = msg.result
		return tea.Quit
	case catalogLoadedMsg:
		s.setCatalog(msg.cat)
		if len(msg.warnings) > 0 {
			texts := make([]string, len(msg.warnings))
			for i, w := range msg.warnings {
				texts[i] = w.Error()
			}
			s.say(statusWarn, strings.Join(texts, "; "))
		}
		return m.catalogChanged()
	case healthLoadedMsg:
		s.health[msg.env] = msg.health
		return m.catalogChanged() // the picker marks what is down
	case recentLoadedMsg:
		s.recent = msg.lines
		return nil
	case catalogRefreshedMsg:
		return m.onRefreshed(msg)
	case copiedMsg:
		k := statusOK
		if msg.method != clip.Native || msg.warn {
			k = statusWarn
		}
		text := clip.Status(msg.what, msg.method, msg.err) + msg.note
		if msg.method != clip.Native && msg.elsewhere != "" {
			text += "; " + msg.elsewhere
		}
		s.say(k, text)
		return nil
	case selectedMsg:
		if msg.err != nil {
			s.say(statusErr, "could not print it: "+msg.err.Error())
		}
		return nil
	case spinner.TickMsg:
		var cmd tea.Cmd
		if m.refreshing {
			m.spinner, cmd = m.spinner.Update(msg)
		}
		return tea.Batch(cmd, m.top().update(msg))
	}
	// anything else is an answer some screen or dialog waits for
	var cmds []tea.Cmd
	for _, d := range m.dialogs {
		cmds = append(cmds, d.update(msg))
	}
	return tea.Batch(append(cmds, m.top().update(msg))...)
}

// key handles the wizard's own keys, then hands the key on.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k, top := m.s.keys, m.active()
	if key.Matches(msg, k.Quit) {
		m.interrupted = true
		m.stopFetch()
		return tea.Quit
	}
	if key.Matches(msg, k.Help) && !isTyping(top) {
		m.help.ShowAll = !m.help.ShowAll
		return nil
	}
	if len(m.dialogs) == 0 {
		switch {
		case key.Matches(msg, k.Env) && !isBusy(top):
			return openDialog(newEnvDialog(m.s))
		case key.Matches(msg, k.Refresh) && usesCatalog(top):
			return m.refreshCatalog()
		}
	}
	return top.update(msg)
}

func isTyping(s screen) bool {
	t, ok := s.(typer)
	return ok && t.typing()
}

func isBusy(s screen) bool {
	b, ok := s.(busyScreen)
	return ok && b.busy()
}

func usesCatalog(s screen) bool {
	c, ok := s.(catalogUser)
	return ok && c.usesCatalog()
}

// stopFetch cancels a request in flight (ctrl+c).
func (m *Model) stopFetch() {
	for _, sc := range m.stack {
		if f, ok := sc.(*fetchScreen); ok {
			f.stop()
		}
	}
}

// send starts the request when the body is valid, after asking for keys
// and, in production, for the typed confirmation.
func (m *Model) send() tea.Cmd {
	s := m.s
	s.revalidate()
	if errs := s.problems.Errors(); len(errs) > 0 {
		s.say(statusErr, fmt.Sprintf("not sent: %s on the preview; esc goes back to fix them", plural(len(errs), "error")))
		return nil
	}
	if s.needsKeys(s.env) {
		return openDialog(newCredentialsDialog(s, s.env, sendMsg{}))
	}
	if s.env == mesh.EnvProduction && !s.prodConfirmed {
		return openDialog(newConfirmDialog(s))
	}
	// the fetch goes over the preview: esc from it (or its result) returns there
	m.trimToPreview()
	s.clearStatus()
	f := newFetchScreen(s) // the body as previewed goes out
	s.setup.sent(s.o.NewID)
	return m.handle(pushMsg{f})
}

// trimToPreview pops the stack down to the preview.
func (m *Model) trimToPreview() {
	for i := len(m.stack) - 1; i > 0; i-- {
		if _, ok := m.stack[i].(*previewScreen); ok {
			m.stack = m.stack[:i+1]
			return
		}
	}
}

func (m *Model) refreshCatalog() tea.Cmd {
	s := m.s
	switch {
	case m.refreshing:
		return nil
	case s.env == mesh.EnvDemo:
		s.say(statusWarn, "the demo server serves only the built-in snapshot; switch to sandbox (ctrl+e) to refresh the catalog from Mesh")
		return nil
	case s.needsKeys(s.env):
		s.say(statusWarn, "refreshing the catalog needs Mesh keys: ctrl+e and choose sandbox to enter them")
		return nil
	case s.o.Connect == nil:
		s.say(statusErr, "cannot reach Mesh from here (no client)")
		return nil
	}
	m.refreshing = true
	m.refreshID++
	s.clearStatus()
	return tea.Batch(refreshCatalogCmd(s.ctx, m.refreshID, s.o.Connect, s.target(s.env), s.catalogDir(), s.o.Now), m.spinner.Tick)
}

func (m *Model) onRefreshed(msg catalogRefreshedMsg) tea.Cmd {
	s := m.s
	if msg.id != m.refreshID {
		return nil
	}
	m.refreshing = false
	if msg.err != nil {
		s.say(statusErr, "catalog not refreshed: "+msg.err.Error())
		return nil
	}
	s.setCatalog(msg.cat)
	text := fmt.Sprintf("catalog refreshed: %s, %s from %s", plural(len(msg.cat.Networks), "network"), plural(len(msg.cat.Integrations), "integration"), msg.cat.FetchedFrom)
	if msg.saveErr != nil {
		s.say(statusWarn, text+"; not saved: "+msg.saveErr.Error())
	} else {
		s.say(statusOK, text)
	}
	return m.catalogChanged()
}

// catalogChanged lets the screen on top re-read what depends on the catalog.
func (m *Model) catalogChanged() tea.Cmd {
	if usesCatalog(m.top()) {
		return m.top().show()
	}
	switch top := m.top().(type) {
	case *previewScreen:
		top.refresh()
	case *presetsScreen:
		top.relabel()
	}
	return nil
}

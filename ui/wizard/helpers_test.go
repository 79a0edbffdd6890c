package wizard

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/ui/clip"
	"github.com/muesli/termenv"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

var fixedNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// demoConnect connects to a demo server the way main does for --env demo.
func demoConnect(srv *demo.Server) connectFunc {
	return func(t mesh.Target) (*mesh.Client, error) {
		env, creds := t.Env, t.Credentials
		if env == mesh.EnvDemo {
			creds = mesh.Credentials{ClientID: "demo", ClientSecret: "demo"}
		}
		return &mesh.Client{BaseURL: srv.URL, Env: env, Credentials: creds, TrustedLinkOrigins: []string{srv.URL}, MaxAttempts: 1, Now: func() time.Time { return fixedNow }}, nil
	}
}

func startDemo(t testing.TB) *demo.Server {
	t.Helper()
	srv, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// harness drives a Model through Update the way Bubble Tea would, running
// the commands it returns (timers excepted) and feeding back their messages.
type harness struct {
	t      testing.TB
	m      *Model
	srv    *demo.Server
	mu     sync.Mutex
	copied []string
	quit   bool
	// connect, when set, replaces the demo server's client; copyMethod and
	// copyErr are what a copy reports.
	connect    connectFunc
	copyMethod clip.Method
	copyErr    error
}

// copyAs makes the next copies report method and err.
func (h *harness) copyAs(method clip.Method, err error) { h.copyMethod, h.copyErr = method, err }

func newHarness(t testing.TB, mods ...func(*Options)) *harness {
	t.Helper()
	h := &harness{t: t, srv: startDemo(t), copyMethod: clip.OSC52}
	o := Options{
		Out:     io.Discard,
		Env:     mesh.EnvDemo,
		Getenv:  func(string) string { return "" },
		Now:     func() time.Time { return fixedNow },
		NewID:   sequentialIDs(),
		NoColor: true,
	}
	o.Connect = func(tg mesh.Target) (*mesh.Client, error) {
		if h.connect != nil {
			return h.connect(tg)
		}
		return demoConnect(h.srv)(tg)
	}
	for _, mod := range mods {
		mod(&o)
	}
	h.m = newModel(context.Background(), o)
	h.m.s.tick = func(int) tea.Cmd { return nil }
	h.m.s.after = func(time.Duration, tea.Msg) tea.Cmd { return nil } // tests send transferPollMsg themselves
	h.m.s.copy = func(text string) (clip.Method, error) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.copied = append(h.copied, text)
		return h.copyMethod, h.copyErr
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.m.Init())
	return h
}

// send delivers msg and runs what it asks for.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// pressHolding presses k and runs the command it gives, one step: what
// that step asks for (a request in flight) is returned unrun.
func (h *harness) pressHolding(k string) tea.Cmd {
	h.t.Helper()
	cmd := h.sendOnly(keyMsg(k))
	if cmd == nil {
		h.t.Fatalf("%s does nothing", k)
	}
	return h.sendOnly(cmd())
}

// sendOnly delivers msg and returns its command unrun.
func (h *harness) sendOnly(msg tea.Msg) tea.Cmd {
	_, cmd := h.m.Update(msg)
	return cmd
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 1000 {
			h.t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg, tickMsg:
			// timers are not replayed: tests send ticks themselves
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			if fmt.Sprintf("%T", msg) == "tea.sequenceMsg" {
				h.t.Fatal("sequence commands are not expected")
			}
			_, next := h.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

var keyTypes = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"space": tea.KeySpace, "backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
	"ctrl+c": tea.KeyCtrlC, "ctrl+e": tea.KeyCtrlE, "ctrl+g": tea.KeyCtrlG, "ctrl+r": tea.KeyCtrlR, "ctrl+u": tea.KeyCtrlU,
}

func keyMsg(name string) tea.KeyMsg {
	if k, ok := keyTypes[name]; ok {
		if k == tea.KeySpace {
			return tea.KeyMsg{Type: k, Runes: []rune{' '}}
		}
		return tea.KeyMsg{Type: k}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// press sends named keys ("enter", "esc", "down", or a single character).
func (h *harness) press(names ...string) {
	h.t.Helper()
	for _, n := range names {
		h.send(keyMsg(n))
	}
}

// typ types text one character at a time.
func (h *harness) typ(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (h *harness) view() string { return h.m.View() }

// wantScreen asserts what is on top: a dialog's title, else the screen's.
func (h *harness) wantScreen(title string) {
	h.t.Helper()
	if got := h.m.active().title(); got != title {
		h.t.Fatalf("screen = %s, want %s\nstatus: %s\n%s", got, title, h.m.s.status.text, h.view())
	}
}

// top is the screen (or dialog) on top, as its type.
func top[T screen](h *harness) T {
	h.t.Helper()
	s, ok := h.m.active().(T)
	if !ok {
		h.t.Fatalf("on top is %T, not %T", h.m.active(), s)
	}
	return s
}

func (h *harness) wantView(subs ...string) {
	h.t.Helper()
	v := h.view()
	for _, s := range subs {
		if !strings.Contains(v, s) {
			h.t.Fatalf("view lacks %q:\n%s", s, v)
		}
	}
}

// form is the form of the screen or dialog on top.
func (h *harness) form() *form {
	h.t.Helper()
	f, ok := h.m.active().(interface{ currentForm() *form })
	if !ok {
		h.t.Fatalf("%s has no form", h.m.active().title())
	}
	return f.currentForm()
}

// focusField moves the focus of the current form to the field of path,
// with tab and shift+tab as a user would.
func (h *harness) focusField(path string) {
	h.t.Helper()
	f := h.form()
	for i, ff := range f.fields {
		if ff.info().path == path {
			h.moveFocus(i)
			return
		}
	}
	h.t.Fatalf("no field %s on %s", path, h.m.active().title())
}

// focusLast moves the focus to the last field of the current form.
func (h *harness) focusLast() {
	h.t.Helper()
	h.moveFocus(len(h.form().fields) - 1)
}

func (h *harness) moveFocus(i int) {
	h.t.Helper()
	for n := 0; h.form().focus != i; n++ {
		if n > 200 {
			h.t.Fatalf("the focus does not reach field %d", i)
		}
		if h.form().focus < i {
			h.press("tab")
		} else {
			h.press("shift+tab")
		}
	}
}

// setup is the session's setup as it stands.
func (h *harness) setup() setup { return h.m.s.setup }

// loadBody shows body in the preview, the way an edit in $EDITOR does.
func (h *harness) loadBody(body string) {
	h.t.Helper()
	h.chooseUseCase(mesh.UseWithdrawal)
	h.typ("u")
	h.press("enter")
	h.wantScreen("Preview")
	h.send(bodyEditedMsg{text: []byte(body)})
	h.wantScreen("Preview")
}

// chooseUseCase picks u on the first screen.
func (h *harness) chooseUseCase(u mesh.UseCase) {
	h.t.Helper()
	h.wantScreen("Use case")
	for i, x := range mesh.UseCases {
		if x == u {
			h.typ(fmt.Sprint(i + 1))
			return
		}
	}
	h.t.Fatalf("no use case %s", u)
}

// checkFrame asserts that no line of the view is wider or the frame taller
// than the terminal.
func checkFrame(t testing.TB, v string, w, hgt int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) > hgt {
		t.Errorf("%d lines on a %d-line terminal", len(lines), hgt)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d wide on a %d-column terminal: %q", i, n, w, l)
		}
	}
}

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }

// sequentialIDs makes UUIDs that differ from run to run of a test only by
// their order: goldens stay stable, and every id is new.
func sequentialIDs() func() string {
	n := 0
	return func() string {
		n++
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	}
}

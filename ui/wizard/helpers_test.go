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
	return func(env mesh.Environment, creds mesh.Credentials) (*mesh.Client, error) {
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
}

func newHarness(t testing.TB, mods ...func(*Options)) *harness {
	t.Helper()
	h := &harness{t: t, srv: startDemo(t)}
	o := Options{
		Out:     io.Discard,
		Env:     mesh.EnvDemo,
		Getenv:  func(string) string { return "" },
		Now:     func() time.Time { return fixedNow },
		Connect: demoConnect(h.srv),
		NoColor: true,
	}
	for _, mod := range mods {
		mod(&o)
	}
	h.m = newModel(context.Background(), o)
	h.m.tickCmd = func(int) tea.Cmd { return nil }
	h.m.copy = func(text string) (clip.Method, error) {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.copied = append(h.copied, text)
		return clip.OSC52, nil
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

func (h *harness) wantStep(s step) {
	h.t.Helper()
	if h.m.step != s {
		h.t.Fatalf("step = %v, want %v\nstatus: %s\n%s", h.m.step, s, h.m.status, h.view())
	}
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

// focusField moves the focus of the current form to the field of path.
func (h *harness) focusField(path string) {
	h.t.Helper()
	f := h.m.currentForm()
	if f == nil || !f.focusPath(path) {
		h.t.Fatalf("no field %s on %v", path, h.m.step)
	}
}

// chooseUseCase picks u on the first screen.
func (h *harness) chooseUseCase(u mesh.UseCase) {
	h.t.Helper()
	h.wantStep(stepUseCase)
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

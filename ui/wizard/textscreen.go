package wizard

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// textScreen shows a text that is copied (a snippet, a curl command) whole,
// on a screen of its own that scrolls: it is copied once shown, and again
// with c; where the clipboard cannot be reached, it is there to read, and l
// prints it to select in one piece.
type textScreen struct {
	s          *session
	name, what string // the screen's title; what the status calls the text
	intro      string
	text       string
	vp         viewport.Model
	width      int
	copied     bool
}

func newTextScreen(s *session, name, what, intro, text string) *textScreen {
	t := &textScreen{s: s, name: name, what: what, intro: intro, text: text, vp: viewport.New(defaultWidth, 10)}
	t.vp.KeyMap = previewKeyMap(s.keys)
	t.setSize(defaultWidth, defaultHeight-headerLines-2)
	return t
}

func (t *textScreen) title() string { return t.name }

// show copies the text the first time the screen shows.
func (t *textScreen) show() tea.Cmd {
	if t.copied {
		return nil
	}
	t.copied = true
	return t.copy()
}

func (t *textScreen) copy() tea.Cmd {
	t.s.say(statusInfo, "copying "+t.what+"…")
	return copyCmd(t.what, "it is on screen (l prints it to select)", t.text, t.s.copy)
}

func (t *textScreen) setSize(w, h int) {
	if w != t.width {
		t.vp.SetContent(ansi.Wrap(t.text, w, "")) // long lines go on, never cut
	}
	t.width = w
	t.vp.Width, t.vp.Height = w, max(h-lineCount(t.introView())-2, 3)
}

func (t *textScreen) introView() string { return wordwrap(t.intro, max(t.width, 20)) }

func (t *textScreen) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	keys := t.s.keys
	switch {
	case key.Matches(k, keys.Back):
		return pop()
	case key.Matches(k, keys.Copy):
		return t.copy()
	case key.Matches(k, keys.Select):
		return selectCmd(selectable{heading: t.what, text: t.text})
	case key.Matches(k, keys.Top):
		t.vp.GotoTop()
		return nil
	case key.Matches(k, keys.Bottom):
		t.vp.GotoBottom()
		return nil
	}
	var cmd tea.Cmd
	t.vp, cmd = t.vp.Update(k)
	return cmd
}

func (t *textScreen) view() string {
	st := t.s.st
	var b strings.Builder
	for _, l := range strings.Split(t.introView(), "\n") {
		b.WriteString(st.dim.Render(l) + "\n")
	}
	b.WriteString("\n" + t.vp.View())
	if !t.vp.AtTop() || !t.vp.AtBottom() {
		b.WriteString("\n" + st.dim.Render(fmt.Sprintf("%3.f%% · ↑/↓ scroll · g/G top/bottom", t.vp.ScrollPercent()*100)))
	}
	return b.String()
}

func (t *textScreen) keyMap() keyMap {
	k := t.s.keys
	km := t.vp.KeyMap
	return helpOf([]key.Binding{k.Copy, k.Select, k.Back}, []key.Binding{km.Up, km.Down, km.PageUp, km.PageDown, km.HalfPageUp, km.HalfPageDown, k.Top, k.Bottom})
}

// selectable is texts printed on the terminal itself, outside the wizard's
// frame: the terminal wraps a long line on its own, so selecting it by hand
// picks it up whole, with none of the line breaks the frame must put in a
// token. The wizard gives the terminal up while it shows (tea.Exec), and
// takes it back on enter; what was printed stays in the scrollback.
type selectable struct {
	heading, text string
	// more are further heading and text pairs (a token's links).
	more []string
	in   io.Reader
	out  io.Writer
}

// selectedMsg: the printed text was left with enter.
type selectedMsg struct{ err error }

func selectCmd(s selectable) tea.Cmd {
	return tea.Exec(&s, func(err error) tea.Msg { return selectedMsg{err} })
}

func (s *selectable) SetStdin(r io.Reader)  { s.in = r }
func (s *selectable) SetStdout(w io.Writer) { s.out = w }
func (s *selectable) SetStderr(io.Writer)   {}

// Run prints each text under its heading, nothing but the text on its
// lines, and waits for enter (the terminal is in its own line mode here).
func (s *selectable) Run() error {
	var b strings.Builder
	b.WriteString("\r\n")
	parts := append([]string{s.heading, s.text}, s.more...)
	for i := 0; i+1 < len(parts); i += 2 {
		b.WriteString(inert(parts[i]) + ", to select:\r\n")
		b.WriteString(strings.ReplaceAll(inert(parts[i+1]), "\n", "\r\n") + "\r\n\r\n")
	}
	b.WriteString("press enter to go back to meshlink ")
	if _, err := io.WriteString(s.out, b.String()); err != nil {
		return err
	}
	buf := make([]byte, 1)
	for {
		n, err := s.in.Read(buf)
		if err != nil {
			return nil // an input that ends goes back as enter would
		}
		if n == 1 && (buf[0] == '\n' || buf[0] == '\r') {
			return nil
		}
	}
}

// inert is text with no escape sequence and no control character but the
// newline: what is printed outside the frame does not pass safeFrame.
func inert(s string) string { return safeFrame(ansi.Strip(s)) }

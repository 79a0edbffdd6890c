package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// formScreen is a flow step made of a form: details, destinations, verify
// options. The form is rebuilt from the session each time the screen shows
// (the use case or the catalog may have changed), keeping focus and marks.
type formScreen struct {
	s      *session
	id     stepID
	name   string
	intro  string
	build  func(*session) *form
	form   *form
	width  int
	height int
}

func (f *formScreen) title() string     { return f.name }
func (f *formScreen) step() stepID      { return f.id }
func (f *formScreen) usesCatalog() bool { return true }
func (f *formScreen) typing() bool      { return f.form != nil && f.form.typing() }
func (f *formScreen) setSize(w, h int)  { f.width, f.height = w, h; f.form.setWidth(w) }

// newFormScreen builds the form at once, so the screen draws before show.
func newFormScreen(s *session, id stepID, name, intro string, build func(*session) *form) *formScreen {
	f := &formScreen{s: s, id: id, name: name, intro: intro, build: build, width: defaultWidth}
	f.rebuild()
	return f
}
func (f *formScreen) currentForm() *form { return f.form }

func (f *formScreen) show() tea.Cmd {
	f.rebuild()
	return nil
}

func (f *formScreen) rebuild() {
	fresh := f.build(f.s)
	fresh.keepState(f.form)
	fresh.setWidth(f.width)
	f.form = fresh
	f.s.revalidate()
}

// update drives the form: problems are recomputed on every change; enter
// goes on when the screen's own fields hold no error.
func (f *formScreen) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if key.Matches(k, f.s.keys.Back) {
		return pop()
	}
	cmd, submit := f.form.update(k, f.s.keys)
	f.s.revalidate()
	errs := f.form.errorsIn(f.s.problems)
	if !submit {
		if f.s.status.kind == statusErr && len(errs) == 0 {
			f.s.clearStatus() // the "fix N errors" line is done
		}
		return cmd
	}
	if len(errs) > 0 {
		f.form.submitted = true
		f.form.focusFirstError(f.s.problems)
		f.s.say(statusErr, fmt.Sprintf("fix %s before going on", plural(len(errs), "error")))
		return cmd
	}
	f.s.clearStatus()
	return tea.Batch(cmd, next(f.s, f.id))
}

func (f *formScreen) view() string {
	intro := wordwrap(f.intro, max(f.width, 20))
	var b strings.Builder
	for _, l := range strings.Split(intro, "\n") {
		b.WriteString(f.s.st.dim.Render(l) + "\n")
	}
	return b.String() + "\n" + f.form.view(f.s.st, f.s.problems, f.height-1-lipgloss.Height(intro))
}

func (f *formScreen) keyMap() keyMap {
	k := f.s.keys
	short := []key.Binding{k.Next, k.Enter}
	if ff := f.form.focused(); ff != nil {
		short = append(short, ff.bindings(k)...) // what the field in focus takes: ctrl+g, space…
	}
	return helpOf(append(short, k.Back), append(f.form.bindings(k), k.Back))
}

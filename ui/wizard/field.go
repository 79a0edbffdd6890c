package wizard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// formField is one row of a form: a text input, a toggle or a choice. The
// form moves the focus and submits; a field takes the other keys. Values
// live in the session's setup through get/set, so a rebuilt form loses
// nothing.
type formField interface {
	info() *fieldInfo
	// update takes a key the form did not use.
	update(msg tea.KeyMsg, k keys) tea.Cmd
	// value draws the value part of the row.
	value(st styles, focused bool) string
	// typing: letters are text here, not commands.
	typing() bool
	// filled: the field holds a value (its errors show without a touch).
	filled() bool
	focus()
	blur()
	setWidth(w int)
	// bindings are the keys the field answers, for the help.
	bindings(k keys) []key.Binding
}

// fieldInfo is what every field has.
type fieldInfo struct {
	label string
	// path is the field's JSON path in the body: where mesh.Validate's
	// problems for it are found ("" for fields outside the body).
	path string
	// group is a heading shown above the field when it differs from the
	// previous field's.
	group, note string
	touched     bool
	// showNote: the note fits beside the focused field (form.setWidth).
	showNote bool
}

func (f *fieldInfo) info() *fieldInfo { return f }

// --- text -------------------------------------------------------------------

type textField struct {
	fieldInfo
	input textinput.Model
	get   func() string
	set   func(string)
	// generate, when set, fills the field on ctrl+g (a random id, a UUID).
	generate func() string
}

func newTextField(label, path, placeholder string, get func() string, set func(string)) *textField {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = 400
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(get())
	return &textField{fieldInfo: fieldInfo{label: label, path: path}, input: in, get: get, set: set}
}

// secret masks what is typed: keys are never drawn.
func (f *textField) secret() *textField {
	f.input.EchoMode = textinput.EchoPassword
	f.input.EchoCharacter = '•'
	return f
}

func (f *textField) update(msg tea.KeyMsg, k keys) tea.Cmd {
	if f.generate != nil && key.Matches(msg, k.Generate) {
		v := f.generate()
		f.set(v)
		f.input.SetValue(v)
		f.touched = true
		return nil
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if v := f.input.Value(); v != before {
		f.set(v)
		f.touched = true
	}
	return cmd
}

// value is the input; a value longer than the room, when the field is not
// being edited, is shown whole over several lines (an address is read, not
// guessed from its start).
func (f *textField) value(_ styles, focused bool) string {
	if v := f.input.Value(); !focused && f.input.EchoMode == textinput.EchoNormal && ansi.StringWidth(v) > f.input.Width {
		return ansi.Hardwrap(v, max(f.input.Width, 8), false)
	}
	return f.input.View()
}
func (f *textField) typing() bool { return true }
func (f *textField) filled() bool { return strings.TrimSpace(f.get()) != "" }
func (f *textField) focus()       { f.input.Focus() }
func (f *textField) blur()        { f.input.Blur() }
func (f *textField) setWidth(w int) {
	f.input.Width = max(w, 8)
	f.input.SetCursor(f.input.Position()) // what shows of a long value fits the new width
}

func (f *textField) bindings(k keys) []key.Binding {
	if f.generate != nil {
		return []key.Binding{k.Generate}
	}
	return nil
}

// --- toggle -----------------------------------------------------------------

type toggleField struct {
	fieldInfo
	// get is nil when the body leaves the key out (Mesh's default applies).
	get func() *bool
	set func(bool)
}

func newToggleField(label, path string, get func() *bool, set func(bool)) *toggleField {
	return &toggleField{fieldInfo: fieldInfo{label: label, path: path}, get: get, set: set}
}

func (f *toggleField) update(msg tea.KeyMsg, k keys) tea.Cmd {
	var v bool
	switch {
	case key.Matches(msg, k.YesNo):
		v = msg.String() == "y"
	case key.Matches(msg, k.Toggle), key.Matches(msg, k.Cycle):
		v = f.get() == nil || !*f.get()
	default:
		return nil
	}
	f.set(v)
	f.touched = true
	return nil
}

func (f *toggleField) value(st styles, _ bool) string {
	switch b := f.get(); {
	case b == nil:
		return "[ ] " + st.dim.Render("not sent (Mesh's default)")
	case *b:
		return st.selected.Render("[x]") + " yes"
	}
	return "[ ] no"
}

func (f *toggleField) typing() bool { return false }
func (f *toggleField) filled() bool { return f.get() != nil }
func (f *toggleField) focus()       {}
func (f *toggleField) blur()        {}
func (f *toggleField) setWidth(int) {}
func (f *toggleField) bindings(k keys) []key.Binding {
	return []key.Binding{k.Toggle, k.YesNo}
}

// --- choice -----------------------------------------------------------------

type choice struct{ value, label string }

// choiceField picks one of a list. Typing filters it (the picker's
// ranking: names that start with the text first), ←/→ step through what
// matches.
type choiceField struct {
	fieldInfo
	choices []choice
	index   *filterIndex
	get     func() string
	set     func(string)
	query   string
	matches []int
}

func newChoiceField(label, path string, choices []choice, get func() string, set func(string)) *choiceField {
	keys := make([]string, len(choices))
	for i, c := range choices {
		keys[i] = c.label
	}
	return &choiceField{fieldInfo: fieldInfo{label: label, path: path}, choices: choices, index: newFilterIndex(keys), get: get, set: set}
}

func (f *choiceField) current() int {
	v := f.get()
	for i, c := range f.choices {
		if c.value == v {
			return i
		}
	}
	return -1
}

// candidates are the choices ←/→ step through: the matches of the query,
// or every choice.
func (f *choiceField) candidates() []int {
	if f.query != "" {
		return f.matches
	}
	all := make([]int, len(f.choices))
	for i := range all {
		all[i] = i
	}
	return all
}

func (f *choiceField) step(delta int) {
	c := f.candidates()
	if len(c) == 0 {
		return
	}
	at := -1
	for i, idx := range c {
		if idx == f.current() {
			at = i
		}
	}
	n := len(c)
	next := ((at+delta)%n + n) % n
	if at < 0 && delta < 0 {
		next = n - 1
	}
	f.set(f.choices[c[next]].value)
	f.touched = true
}

func (f *choiceField) filter(q string) {
	f.query = q
	if q == "" {
		f.matches = nil
		return
	}
	f.matches = f.index.filter(q, f.matches[:0])
	if len(f.matches) > 0 {
		f.set(f.choices[f.matches[0]].value)
		f.touched = true
	}
}

func (f *choiceField) update(msg tea.KeyMsg, k keys) tea.Cmd {
	switch {
	case msg.Type == tea.KeyLeft:
		f.step(-1)
	case msg.Type == tea.KeyRight, msg.Type == tea.KeySpace:
		f.step(1)
	case msg.Type == tea.KeyBackspace:
		if r := []rune(f.query); len(r) > 0 {
			f.filter(string(r[:len(r)-1]))
		}
	case msg.Type == tea.KeyRunes && !msg.Alt:
		f.filter(f.query + string(msg.Runes))
	}
	return nil
}

func (f *choiceField) value(st styles, focused bool) string {
	label := "(none)"
	if i := f.current(); i >= 0 {
		label = f.choices[i].label
	} else if v := f.get(); v != "" {
		label = v + " (not in the catalog)"
	}
	if !focused {
		return label
	}
	out := st.accent.Render("‹ ") + label + st.accent.Render(" ›")
	switch {
	case f.query != "" && len(f.matches) == 0:
		out += st.warn.Render(fmt.Sprintf("  no match for %q", f.query))
	case f.query != "":
		out += st.dim.Render(fmt.Sprintf("  %q: %d of %d", f.query, len(f.matches), len(f.choices)))
	}
	return out
}

func (f *choiceField) typing() bool { return false }
func (f *choiceField) filled() bool { return f.get() != "" }
func (f *choiceField) focus()       {}
func (f *choiceField) blur()        { f.query, f.matches = "", nil }
func (f *choiceField) setWidth(int) {}
func (f *choiceField) bindings(k keys) []key.Binding {
	return []key.Binding{k.Cycle, key.NewBinding(key.WithKeys("a"), key.WithHelp("a-z", "filter"))}
}

// pad cuts or fills s to width w.
func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

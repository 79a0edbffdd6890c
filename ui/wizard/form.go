package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// The forms of the wizard (details, destinations, verify options, credentials)
// are this small model rather than huh forms: mesh.Validate checks fields
// together (amount against amountInFiat, networkId against networkType), and
// its problems must show next to the field while the user types, which huh's
// per-field validators (run only when a field is left) cannot do. Values
// live in the wizard's setup through get/set, so rebuilding a form loses
// nothing.

type fieldKind int

const (
	textField fieldKind = iota
	toggleField
	choiceField
)

type choice struct{ value, label string }

type formField struct {
	kind  fieldKind
	label string
	// path is the field's JSON path in the body: where mesh.Validate's
	// problems for it are found.
	path string
	// group is a heading shown above the field when it differs from the
	// previous field's.
	group string
	note  string

	input textinput.Model
	get   func() string
	set   func(string)

	getB func() bool
	setB func(bool)

	choices []choice

	// generate, when set, fills the field on ctrl+g (a random id, a UUID);
	// generated is called after.
	generate  func() string
	generated func()

	touched bool
}

func textFieldOf(label, path, placeholder string, get func() string, set func(string)) *formField {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = 400
	in.Cursor.SetMode(cursor.CursorStatic)
	in.SetValue(get())
	return &formField{kind: textField, label: label, path: path, input: in, get: get, set: set}
}

func toggleFieldOf(label, path string, get func() bool, set func(bool)) *formField {
	return &formField{kind: toggleField, label: label, path: path, getB: get, setB: set}
}

func choiceFieldOf(label, path string, choices []choice, get func() string, set func(string)) *formField {
	return &formField{kind: choiceField, label: label, path: path, choices: choices, get: get, set: set}
}

func (f *formField) choiceIndex() int {
	v := f.get()
	for i, c := range f.choices {
		if c.value == v {
			return i
		}
	}
	return -1
}

func (f *formField) cycle(delta int) {
	if len(f.choices) == 0 {
		return
	}
	i := f.choiceIndex() + delta
	n := len(f.choices)
	i = ((i % n) + n) % n
	f.set(f.choices[i].value)
	f.touched = true
}

// jump selects the next choice whose label starts with r, after the current.
func (f *formField) jump(r rune) {
	n := len(f.choices)
	start := f.choiceIndex()
	for k := 1; k <= n; k++ {
		c := f.choices[((start+k)%n+n)%n]
		if strings.HasPrefix(strings.ToLower(c.label), strings.ToLower(string(r))) {
			f.set(c.value)
			f.touched = true
			return
		}
	}
}

// form is an ordered list of fields with one focused.
type form struct {
	fields []*formField
	focus  int
	// submitted is set when the user tried to go on: every error shows, not
	// only those of fields already touched.
	submitted bool
	width     int
}

func newForm(fields ...*formField) *form {
	f := &form{fields: fields}
	f.refocus()
	return f
}

func (f *form) focused() *formField {
	if f.focus < 0 || f.focus >= len(f.fields) {
		return nil
	}
	return f.fields[f.focus]
}

// typing reports whether keys go into a text field (so "?" is a character).
func (f *form) typing() bool {
	ff := f.focused()
	return ff != nil && ff.kind == textField
}

func (f *form) refocus() {
	for i, ff := range f.fields {
		if ff.kind != textField {
			continue
		}
		if i == f.focus {
			ff.input.Focus()
		} else {
			ff.input.Blur()
		}
	}
}

func (f *form) move(delta int) {
	if len(f.fields) == 0 {
		return
	}
	if ff := f.focused(); ff != nil {
		ff.touched = true
	}
	f.focus = min(max(f.focus+delta, 0), len(f.fields)-1)
	f.refocus()
}

// focusPath moves the focus to the field of path, if the form has it.
func (f *form) focusPath(path string) bool {
	for i, ff := range f.fields {
		if ff.path == path {
			f.focus = i
			f.refocus()
			return true
		}
	}
	return false
}

// paths are the JSON paths the form edits.
func (f *form) paths() []string {
	out := make([]string, 0, len(f.fields))
	for _, ff := range f.fields {
		if ff.path != "" {
			out = append(out, ff.path)
		}
	}
	return out
}

// errorsIn are the errors among ps that belong to the form's fields.
func (f *form) errorsIn(ps mesh.Problems) mesh.Problems {
	var out mesh.Problems
	for _, p := range f.paths() {
		out = append(out, ps.At(p).Errors()...)
	}
	return out
}

// firstErrorField focuses the first field that has an error.
func (f *form) focusFirstError(ps mesh.Problems) {
	for i, ff := range f.fields {
		if ff.path != "" && len(ps.At(ff.path).Errors()) > 0 {
			f.focus = i
			f.refocus()
			return
		}
	}
}

func (f *form) setWidth(w int) {
	f.width = w
	lw := f.labelWidth()
	for _, ff := range f.fields {
		if ff.kind == textField {
			note := 0
			if ff.note != "" {
				note = ansi.StringWidth(ff.note) + 2
			}
			ff.input.Width = max(w-lw-6-note, 8)
		}
	}
}

func (f *form) labelWidth() int {
	w := 0
	for _, ff := range f.fields {
		w = max(w, ansi.StringWidth(ff.label))
	}
	return min(w, 24)
}

// update handles a key. submit is true when enter was pressed on the last
// field: the step decides whether it may go on.
func (f *form) update(msg tea.KeyMsg, k keys) (cmd tea.Cmd, submit bool) {
	ff := f.focused()
	if ff == nil {
		return nil, key.Matches(msg, k.Enter)
	}
	switch {
	case key.Matches(msg, k.Enter):
		// enter goes on from any field, so the defaults cost no keystrokes;
		// the caller sends the focus to the first field still wrong.
		ff.touched = true
		return nil, true
	case msg.Type == tea.KeyTab || msg.Type == tea.KeyDown:
		f.move(1)
		return nil, false
	case msg.Type == tea.KeyShiftTab || msg.Type == tea.KeyUp:
		f.move(-1)
		return nil, false
	case key.Matches(msg, k.Generate) && ff.generate != nil:
		v := ff.generate()
		ff.set(v)
		if ff.generated != nil {
			ff.generated()
		}
		if ff.kind == textField {
			ff.input.SetValue(v)
		}
		ff.touched = true
		return nil, false
	}
	switch ff.kind {
	case toggleField:
		switch msg.String() {
		case " ", "x", "left", "right", "y", "n":
			v := !ff.getB()
			if s := msg.String(); s == "y" || s == "n" {
				v = s == "y"
			}
			ff.setB(v)
			ff.touched = true
		}
	case choiceField:
		switch {
		case msg.Type == tea.KeyLeft:
			ff.cycle(-1)
		case msg.Type == tea.KeyRight || msg.Type == tea.KeySpace:
			ff.cycle(1)
		case msg.Type == tea.KeyRunes && len(msg.Runes) == 1:
			ff.jump(msg.Runes[0])
		}
	case textField:
		before := ff.input.Value()
		ff.input, cmd = ff.input.Update(msg)
		if v := ff.input.Value(); v != before {
			ff.set(v)
			ff.touched = true
		}
	}
	return cmd, false
}

// view renders the form within width × height, keeping the focused field
// in sight. Problems of a field show under it: errors once the field was
// touched (or the user tried to go on), warnings once it holds something.
func (f *form) view(st styles, ps mesh.Problems, width, height int) string {
	lw := f.labelWidth()
	var lines []string
	focusTop, focusBottom := 0, 0
	group := ""
	for i, ff := range f.fields {
		if ff.group != "" && ff.group != group {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.bold.Render(ff.group))
		}
		group = ff.group
		if i == f.focus {
			focusTop = len(lines)
		}
		marker := "  "
		label := st.dim.Render(pad(ff.label, lw))
		if i == f.focus {
			marker = st.accent.Render("› ")
			label = st.bold.Render(pad(ff.label, lw))
		}
		line := marker + label + "  " + f.valueView(st, ff, i == f.focus)
		if ff.note != "" && i == f.focus {
			line += "  " + st.dim.Render(ff.note)
		}
		lines = append(lines, line)
		if ff.path != "" {
			for _, p := range ps.At(ff.path) {
				show := p.Severity == mesh.SeverityWarning || ff.touched || f.submitted
				if !show {
					continue
				}
				mark, style := "✗ ", st.err
				if p.Severity == mesh.SeverityWarning {
					mark, style = "! ", st.warn
				}
				msg := p.Message
				if p.Path != ff.path {
					msg = strings.TrimPrefix(p.Path, ff.path) + ": " + msg
				}
				for _, l := range strings.Split(ansi.Wordwrap(mark+msg, max(width-lw-6, 20), ""), "\n") {
					lines = append(lines, strings.Repeat(" ", lw+4)+style.Render(l))
				}
			}
		}
		if i == f.focus {
			focusBottom = len(lines) - 1
		}
	}
	return strings.Join(window(lines, focusTop, focusBottom, height), "\n")
}

func (f *form) valueView(st styles, ff *formField, focused bool) string {
	switch ff.kind {
	case toggleField:
		if ff.getB() {
			return st.selected.Render("[x]") + " yes"
		}
		return "[ ] no"
	case choiceField:
		i := ff.choiceIndex()
		label := "(none)"
		if i >= 0 {
			label = ff.choices[i].label
		} else if v := ff.get(); v != "" {
			label = v + " (not in the catalog)"
		}
		if focused {
			return st.accent.Render("‹ ") + label + st.accent.Render(" ›")
		}
		return label
	}
	return ff.input.View()
}

// window cuts lines to height, keeping lines top..bottom visible (as much
// of them as fits) and saying when more lies above or below.
func window(lines []string, top, bottom, height int) []string {
	if height <= 0 || len(lines) <= height {
		return lines
	}
	if height < 3 {
		return lines[top:min(top+height, len(lines))]
	}
	h := height - 2
	start := 0
	if bottom >= h {
		start = bottom - h + 1
	}
	start = min(start, top)
	end := min(start+h, len(lines))
	up, down := "", ""
	if start > 0 {
		up = "  ↑ more"
	}
	if end < len(lines) {
		down = "  ↓ more"
	}
	out := make([]string, 0, height)
	out = append(out, up)
	out = append(out, lines[start:end]...)
	return append(out, down)
}

func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	if n := ansi.StringWidth(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

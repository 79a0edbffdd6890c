package wizard

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// The wizard's forms (details, destinations, verify options, credentials,
// save) are this small model rather than huh forms: mesh.Validate checks
// fields together (amount against amountInFiat, networkId against
// networkType), and its problems must show next to the field while the
// user types, which huh's per-field validators (run only when a field is
// left) cannot do.

// form is an ordered list of fields with one focused.
type form struct {
	fields []formField
	focus  int
	// submitted is set when the user tried to go on: every error shows, not
	// only those of fields already touched.
	submitted bool
	width     int
}

func newForm(fields ...formField) *form {
	f := &form{fields: fields}
	f.refocus()
	return f
}

func (f *form) focused() formField {
	if f.focus < 0 || f.focus >= len(f.fields) {
		return nil
	}
	return f.fields[f.focus]
}

// typing reports whether keys go into a text field (so "?" is a character).
func (f *form) typing() bool {
	ff := f.focused()
	return ff != nil && ff.typing()
}

func (f *form) refocus() {
	for i, ff := range f.fields {
		if i == f.focus {
			ff.focus()
		} else {
			ff.blur()
		}
	}
}

func (f *form) move(delta int) {
	if len(f.fields) == 0 {
		return
	}
	if ff := f.focused(); ff != nil {
		ff.info().touched = true
	}
	f.focus = min(max(f.focus+delta, 0), len(f.fields)-1)
	f.refocus()
	f.setWidth(f.width) // the note moves with the focus
}

// focusPath moves the focus to the field of path, if the form has it.
func (f *form) focusPath(path string) bool {
	for i, ff := range f.fields {
		if ff.info().path == path {
			f.focus = i
			f.refocus()
			return true
		}
	}
	return false
}

// errorsIn are the errors among ps that belong to the form's fields.
func (f *form) errorsIn(ps mesh.Problems) mesh.Problems {
	var out mesh.Problems
	for _, ff := range f.fields {
		if p := ff.info().path; p != "" {
			out = append(out, ps.At(p).Errors()...)
		}
	}
	return out
}

// focusFirstError focuses the first field that has an error.
func (f *form) focusFirstError(ps mesh.Problems) {
	for i, ff := range f.fields {
		if p := ff.info().path; p != "" && len(ps.At(p).Errors()) > 0 {
			f.focus = i
			f.refocus()
			return
		}
	}
}

// keepState carries focus and touched marks over from the form this one
// replaces, when both have the same fields.
func (f *form) keepState(old *form) {
	if old == nil || len(old.fields) != len(f.fields) {
		return
	}
	f.focus, f.submitted = old.focus, old.submitted
	for i, ff := range old.fields {
		f.fields[i].info().touched = ff.info().touched
	}
	f.refocus()
}

// valueRoom is the least room a value gets before labels are cut: a UUID.
const valueRoom = 36

// setWidth shares w between labels and values: a value keeps room for a
// UUID, the labels take what is left (cut if they must); the focused
// field's note shows only where it leaves that room.
func (f *form) setWidth(w int) {
	f.width = w
	lw := f.labelWidth()
	for i, ff := range f.fields {
		in := ff.info()
		room := w - lw - 6
		in.showNote = false
		if n := in.note; n != "" && i == f.focus && room-ansi.StringWidth(n)-2 >= valueRoom {
			in.showNote = true
			room -= ansi.StringWidth(n) + 2
		}
		ff.setWidth(room)
	}
}

func (f *form) labelWidth() int {
	w, word := 0, 0
	for _, ff := range f.fields {
		label := ff.info().label
		w = max(w, ansi.StringWidth(label))
		for _, x := range strings.Fields(label) {
			word = max(word, ansi.StringWidth(x))
		}
	}
	w = min(w, 26)
	if f.width > 0 && f.width-w-6 < valueRoom {
		// labels go on over lines, but a word is never cut (MESH_CLIENT_SECRET)
		w = max(f.width-6-valueRoom, 14, min(word, 20))
	}
	return w
}

// update handles a key. submit is true when enter was pressed: the owner
// decides whether it may go on.
func (f *form) update(msg tea.KeyMsg, k keys) (cmd tea.Cmd, submit bool) {
	ff := f.focused()
	switch {
	case key.Matches(msg, k.Enter):
		// enter goes on from any field, so the defaults cost no keystrokes;
		// the owner sends the focus to the first field still wrong.
		if ff != nil {
			ff.info().touched = true
		}
		return nil, true
	case ff == nil:
		return nil, false
	case key.Matches(msg, k.Next):
		f.move(1)
	case key.Matches(msg, k.Prev):
		f.move(-1)
	default:
		return ff.update(msg, k), false
	}
	return nil, false
}

// bindings are the keys the form answers with the focused field's own.
func (f *form) bindings(k keys) []key.Binding {
	b := []key.Binding{k.Next, k.Prev, k.Enter}
	if ff := f.focused(); ff != nil {
		b = append(b, ff.bindings(k)...)
	}
	return b
}

// view renders the form within width × height, keeping the focused field
// in sight. Problems of a field show under it: warnings at once, errors
// once the field holds something, was touched, or the user tried to go on.
func (f *form) view(st styles, ps mesh.Problems, height int) string {
	lw := f.labelWidth()
	var lines []string
	focusTop, focusBottom := 0, 0
	group := ""
	for i, ff := range f.fields {
		in := ff.info()
		if in.group != "" && in.group != group {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.bold.Render(in.group))
		}
		group = in.group
		if i == f.focus {
			focusTop = len(lines)
		}
		marker, labelStyle := "  ", st.dim
		if i == f.focus {
			marker, labelStyle = st.accent.Render("› "), st.bold
		}
		// a label wider than its column goes on over lines, never cut: at
		// 60 columns "Generate a pay link" is what the toggle means
		label := strings.Split(wordwrap(in.label, lw), "\n")
		value := strings.Split(ff.value(st, i == f.focus), "\n")
		for j := range max(len(label), len(value)) {
			l, v := "", ""
			if j < len(label) {
				l = label[j]
			}
			if j < len(value) {
				v = value[j]
			}
			line := marker + labelStyle.Render(pad(l, lw)) + "  " + v
			if j == 0 && in.showNote && i == f.focus {
				line += "  " + st.dim.Render(in.note)
			}
			lines = append(lines, line)
			marker = "  "
		}
		if in.path != "" {
			lines = append(lines, f.problemLines(st, ps, in, ff.filled(), lw)...)
		}
		if i == f.focus {
			focusBottom = len(lines) - 1
		}
	}
	return strings.Join(window(lines, focusTop, focusBottom, height), "\n")
}

func (f *form) problemLines(st styles, ps mesh.Problems, in *fieldInfo, filled bool, lw int) []string {
	var lines []string
	for _, p := range ps.At(in.path) {
		if p.Severity != mesh.SeverityWarning && !in.touched && !f.submitted && !filled {
			continue
		}
		mark, style := "✗ ", st.err
		if p.Severity == mesh.SeverityWarning {
			mark, style = "! ", st.warn
		}
		msg := p.Message
		if p.Path != in.path {
			msg = strings.TrimPrefix(p.Path, in.path) + ": " + msg
		}
		for _, l := range strings.Split(wordwrap(mark+msg, max(f.width-lw-6, 20)), "\n") {
			lines = append(lines, strings.Repeat(" ", lw+4)+style.Render(l))
		}
	}
	return lines
}

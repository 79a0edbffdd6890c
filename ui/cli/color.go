package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/meshlink/meshlink/mesh"
)

// Colour, where gh uses it: status words, the error and warning prefixes,
// table headers; only on a terminal, never with NO_COLOR or TERM=dumb.
// Besides the wizard and OSC 52, colour codes are the only bytes that reach
// the terminal past the inert writer's escaping, and only the codes of this
// file: the text inside a coloured span is cleaned as every other byte is,
// so text from outside can never colour, move or retitle anything.

// style is what a span of meshlink's own output means.
type style int

const (
	plain   style = iota
	header        // a table's column names
	good          // live, succeeded, up, valid, a goal reached
	bad           // failed, down, invalid, an error
	caution       // pending, a duplicate, a warning
	faint         // expired, ended: done with, nothing wrong
)

var sgr = map[style]string{
	header:  ansi.NewStyle().Bold().String(),
	good:    ansi.NewStyle().ForegroundColor(ansi.Green).String(),
	bad:     ansi.NewStyle().ForegroundColor(ansi.Red).String(),
	caution: ansi.NewStyle().ForegroundColor(ansi.Yellow).String(),
	faint:   ansi.NewStyle().Faint().String(),
}

// colorOn says whether a stream shows colour: a terminal, NO_COLOR unset or
// empty (no-color.org), TERM not dumb.
func colorOn(tty bool, getenv func(string) string) bool {
	return tty && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// spans is output that meshlink's own code puts together for w: text goes
// in cleaned as the inert writer cleans it, colour codes only by add and
// only when w shows colour. Write it with writeSpans.
type spans struct {
	color bool
	b     []byte
}

// spansFor starts output for w; it is in colour when w is the inert writer
// of a stream that shows colour.
func spansFor(w io.Writer) *spans {
	iw, ok := w.(*inertWriter)
	return &spans{color: ok && iw.color}
}

func (s *spans) add(st style, text string) {
	code := sgr[st]
	if !s.color || code == "" || text == "" {
		s.b = mesh.AppendInert(s.b, []byte(text))
		return
	}
	s.b = append(s.b, code...)
	s.b = mesh.AppendInert(s.b, []byte(text))
	s.b = append(s.b, ansi.ResetStyle...)
}

func (s *spans) plain(text string) { s.add(plain, text) }

// writeTo writes the spans to w in one Write, past the inert writer's
// escaping: everything in them but the colour codes is cleaned already.
func (s *spans) writeTo(w io.Writer) error {
	if iw, ok := w.(*inertWriter); ok {
		return iw.writeClean(s.b)
	}
	_, err := w.Write(s.b)
	return err
}

// sayf writes "meshlink: " and the message as a line to w, a leading
// "warning:" in colour.
func sayf(w io.Writer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s := spansFor(w)
	s.plain("meshlink: ")
	if rest, ok := strings.CutPrefix(msg, "warning:"); ok {
		s.add(caution, "warning:")
		msg = rest
	}
	s.plain(msg + "\n")
	_ = s.writeTo(w)
}

// noteStyled is note for a message wholly in st.
func (g *globalFlags) noteStyled(app *App, st style, msg string) {
	if g.quiet {
		return
	}
	s := spansFor(app.Err)
	s.plain("meshlink: ")
	s.add(st, msg)
	s.plain("\n")
	_ = s.writeTo(app.Err)
}

// PrintError writes err to stderr as Message words it, its "meshlink:" in
// red on a terminal that shows colour.
func (app *App) PrintError(err error) {
	w := newInertWriter(app.Err)
	w.color = colorOn(app.ErrTTY, app.Getenv)
	s := spansFor(w)
	s.add(bad, "meshlink:")
	s.plain(strings.TrimPrefix(Message(err), "meshlink:") + "\n")
	_ = s.writeTo(w)
}

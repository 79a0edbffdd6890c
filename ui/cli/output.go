package cli

import (
	"bufio"
	"io"
	"sync"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/meshlink/meshlink/mesh"
)

// Every byte the commands write goes through an inertWriter: tables, notes,
// warnings, JSON, cobra's help alike. Text from outside (API answers, preset
// and cache files, bodies) cannot reach the terminal raw, whichever message
// carries it, and JSON stays valid JSON. Only the wizard and OSC 52, which
// must speak to the terminal, get the streams as they are; colour codes
// pass only as spans (color.go), whose text is cleaned the same way.

// inertWriter escapes what a terminal would act on (see mesh.AppendInert).
// It is safe for concurrent use, as the demo server's log needs.
type inertWriter struct {
	mu      sync.Mutex
	w       io.Writer
	partial []byte // a UTF-8 sequence cut by the end of the last Write
	buf     []byte
	// color: the stream shows colour (see color.go).
	color bool
}

func newInertWriter(w io.Writer) *inertWriter { return &inertWriter{w: w} }

func (iw *inertWriter) Write(p []byte) (int, error) {
	iw.mu.Lock()
	defer iw.mu.Unlock()
	src := p
	if len(iw.partial) > 0 {
		src = append(iw.partial, p...)
		iw.partial = nil
	}
	if tail := incompleteTail(src); tail > 0 {
		iw.partial = append([]byte(nil), src[len(src)-tail:]...)
		src = src[:len(src)-tail]
	}
	iw.buf = mesh.AppendInert(iw.buf[:0], src)
	if _, err := iw.w.Write(iw.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes out a sequence left cut at the end (as U+FFFD).
func (iw *inertWriter) Flush() error {
	iw.mu.Lock()
	defer iw.mu.Unlock()
	return iw.flushPartial()
}

func (iw *inertWriter) flushPartial() error {
	if len(iw.partial) == 0 {
		return nil
	}
	_, err := iw.w.Write(mesh.AppendInert(nil, iw.partial))
	iw.partial = nil
	return err
}

// writeClean writes b as it is: spans (color.go), whose only bytes a
// terminal acts on are the colour codes they added themselves.
func (iw *inertWriter) writeClean(b []byte) error {
	iw.mu.Lock()
	defer iw.mu.Unlock()
	if err := iw.flushPartial(); err != nil {
		return err
	}
	_, err := iw.w.Write(b)
	return err
}

// incompleteTail is how many bytes at the end of b start a UTF-8 sequence
// that the next Write may finish.
func incompleteTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return len(b) - i
			}
			return 0
		}
	}
	return 0
}

// withInertOutput is app as the commands see it: Out and Err escape what a
// terminal would act on; the streams as they are stay for the wizard and
// OSC 52. flush ends the run.
func withInertOutput(app *App) (safe *App, flush func()) {
	out, errw := newInertWriter(app.Out), newInertWriter(app.Err)
	out.color, errw.color = colorOn(app.StdoutTTY, app.Getenv), colorOn(app.ErrTTY, app.Getenv)
	s := *app
	s.Out, s.Err = out, errw
	s.terminalOut, s.terminalErr = app.Out, app.Err
	return &s, func() { _ = out.Flush(); _ = errw.Flush() }
}

// rawOut is stdout as it is, for the wizard, which draws with escape
// sequences of its own.
func (app *App) rawOut() io.Writer {
	if app.terminalOut != nil {
		return app.terminalOut
	}
	return app.Out
}

// rawErr is stderr as it is, for OSC 52.
func (app *App) rawErr() io.Writer {
	if app.terminalErr != nil {
		return app.terminalErr
	}
	return app.Err
}

// table lays out columns like tabwriter and hands w the whole table at
// Flush: tabwriter alone writes cell by cell, a system call per cell on a
// terminal or a pipe (100,000 for a list of 10,000 presets).
type table struct {
	*tabwriter.Writer
	buf *bufio.Writer
}

func newTable(w io.Writer) *table {
	buf := bufio.NewWriterSize(w, 64<<10)
	return &table{tabwriter.NewWriter(buf, 0, 0, 2, ' ', 0), buf}
}

func (t *table) Flush() error {
	if err := t.Writer.Flush(); err != nil {
		return err
	}
	return t.buf.Flush()
}

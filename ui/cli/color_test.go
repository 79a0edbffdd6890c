package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestColorOnlyOnATerminalWithoutNoColor(t *testing.T) {
	for _, c := range []struct {
		name string
		tty  bool
		env  []string
		want bool
	}{
		{"terminal", true, nil, true},
		{"terminal_xterm", true, []string{"TERM", "xterm-256color"}, true},
		{"pipe", false, nil, false},
		{"NO_COLOR", true, []string{"NO_COLOR", "1"}, false},
		{"NO_COLOR_any_value", true, []string{"NO_COLOR", "false"}, false},
		{"NO_COLOR_empty", true, []string{"NO_COLOR", ""}, true},
		{"dumb_terminal", true, []string{"TERM", "dumb"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := colorOn(c.tty, getenvOf(c.env...)); got != c.want {
				t.Errorf("colorOn = %v, want %v", got, c.want)
			}
		})
	}
}

// hostile is text from outside that would retitle the window, colour what
// follows and clear the screen if it reached a terminal raw.
const hostile = "ok\x1b]0;pwned\x07\x1b[31mred\x1b[2J\u202e"

func TestColouredTextIsStillCleaned(t *testing.T) {
	var buf bytes.Buffer
	w := newInertWriter(&buf)
	w.color = true
	s := spansFor(w)
	s.add(bad, hostile)
	s.plain(" and " + hostile)
	if err := s.writeTo(w); err != nil {
		t.Fatal(err)
	}
	clean := `ok\u001b]0;pwned\u0007\u001b[31mred\u001b[2J\u202e`
	want := "\x1b[31m" + clean + "\x1b[m and " + clean
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
}

func TestNoColourWhereTheStreamShowsNone(t *testing.T) {
	for _, w := range []func(*bytes.Buffer) (string, *inertWriter){
		func(b *bytes.Buffer) (string, *inertWriter) { return "inert_writer_of_a_pipe", newInertWriter(b) },
		func(b *bytes.Buffer) (string, *inertWriter) { return "not_an_inert_writer", nil },
	} {
		var buf bytes.Buffer
		name, iw := w(&buf)
		t.Run(name, func(t *testing.T) {
			var dst interface{ Write([]byte) (int, error) } = &buf
			if iw != nil {
				dst = iw
			}
			s := spansFor(dst)
			s.add(good, "live")
			s.add(header, " "+hostile)
			if err := s.writeTo(dst); err != nil {
				t.Fatal(err)
			}
			if want := `live ok\u001b]0;pwned\u0007\u001b[31mred\u001b[2J\u202e`; buf.String() != want {
				t.Errorf("got %q, want %q", buf.String(), want)
			}
		})
	}
}

// A UTF-8 sequence cut by the end of a plain Write cannot swallow a colour
// code written after it: it goes out first, a U+FFFD a byte.
func TestColouredWriteEndsACutSequence(t *testing.T) {
	var buf bytes.Buffer
	w := newInertWriter(&buf)
	w.color = true
	_, _ = w.Write([]byte("a\xe2\x82"))
	s := spansFor(w)
	s.add(good, "b")
	_ = s.writeTo(w)
	if want := "a\\ufffd\\ufffd\x1b[32mb\x1b[m"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestTablesColourHeadersAndStatusWords(t *testing.T) {
	cols := []column{{header: "NAME"}, {header: "RESULT", paint: resultStyle}}
	rows := [][]string{{"a", "live, 9m left"}, {"b", "failed: HTTP 400"}, {"c", "expired"}}
	var piped, tty bytes.Buffer
	if _, err := fitTable(newInertWriter(&piped), 0, cols, rows); err != nil {
		t.Fatal(err)
	}
	w := newInertWriter(&tty)
	w.color = true
	if _, err := fitTable(w, 0, cols, rows); err != nil {
		t.Fatal(err)
	}
	wantPiped := "NAME  RESULT\na     live, 9m left\nb     failed: HTTP 400\nc     expired\n"
	if piped.String() != wantPiped {
		t.Errorf("piped:\n%q\nwant\n%q", piped.String(), wantPiped)
	}
	wantTTY := "\x1b[1mNAME\x1b[m  \x1b[1mRESULT\x1b[m\n" +
		"a     \x1b[32mlive, 9m left\x1b[m\n" +
		"b     \x1b[31mfailed: HTTP 400\x1b[m\n" +
		"c     \x1b[2mexpired\x1b[m\n"
	if tty.String() != wantTTY {
		t.Errorf("terminal:\n%q\nwant\n%q", tty.String(), wantTTY)
	}
}

func TestWarningsAndErrorsInColourOnATerminal(t *testing.T) {
	for _, c := range []struct {
		name      string
		tty       bool
		env       []string
		warn, err string
	}{
		{"terminal", true, nil,
			"meshlink: \x1b[33mwarning:\x1b[m odd \\u001b[2J\n", "\x1b[31mmeshlink:\x1b[m bad \\u001b[2J\n"},
		{"NO_COLOR", true, []string{"NO_COLOR", "1"},
			"meshlink: warning: odd \\u001b[2J\n", "meshlink: bad \\u001b[2J\n"},
		{"pipe", false, nil,
			"meshlink: warning: odd \\u001b[2J\n", "meshlink: bad \\u001b[2J\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			app, _, errb := testApp(t, c.env...)
			app.ErrTTY = c.tty
			safe, flush := withInertOutput(app)
			(&globalFlags{}).note(safe, "warning: %s", "odd \x1b[2J")
			flush()
			if errb.String() != c.warn {
				t.Errorf("warning: got %q, want %q", errb.String(), c.warn)
			}
			errb.Reset()
			app.PrintError(errors.New("bad \x1b[2J"))
			if errb.String() != c.err {
				t.Errorf("error: got %q, want %q", errb.String(), c.err)
			}
		})
	}
}

func TestHistoryInColourOnlyOnATerminal(t *testing.T) {
	state := t.TempDir()
	for _, c := range []struct {
		name  string
		tty   bool
		env   []string
		color bool
	}{
		{"terminal", true, nil, true},
		{"NO_COLOR", true, []string{"NO_COLOR", "1"}, false},
		{"TERM_dumb", true, []string{"TERM", "dumb"}, false},
		{"pipe", false, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			app, out, errb := demoApp(t, append([]string{"MESHLINK_STATE_DIR", state}, c.env...)...)
			if err := run(t, app, "token", "--use-case", "withdrawal", "--user-id", "u1", "-q"); err != nil {
				t.Fatalf("%v\n%s", err, errb)
			}
			out.Reset()
			app.StdoutTTY = c.tty
			if err := run(t, app, "history"); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if strings.Contains(got, "\x1b[1mRESULT\x1b[m") != c.color || strings.Contains(got, "\x1b[2min-process demo ended") != c.color {
				t.Errorf("colour %v wanted:\n%q", c.color, got)
			}
			if !c.color && strings.Contains(got, "\x1b") {
				t.Errorf("an escape without colour:\n%q", got)
			}
			out.Reset()
			if err := run(t, app, "history", "--json"); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(out.String(), "\x1b") {
				t.Errorf("--json has an escape:\n%s", out)
			}
		})
	}
}

// Package open opens a web address in the user's browser: $BROWSER when it
// is set, else the system's opener (github.com/cli/browser). Over SSH
// without $BROWSER there is no local browser to reach, and it says so
// rather than start one on the remote machine.
package open

import (
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cli/browser"
)

// ErrRemote is an SSH session without $BROWSER: a browser started here
// would open on the remote machine, not in front of the user.
var ErrRemote = errors.New("this is an SSH session and $BROWSER is not set, so no local browser is reachable")

// Opener opens addresses. Output receives what a browser command prints:
// never stdout, which carries the token for pipes.
type Opener struct {
	Getenv func(string) string
	Output io.Writer
}

// URL opens url, with $BROWSER if set (a list of commands separated by ':';
// %s stands for the address, which is otherwise added as the last
// argument), else with the system's opener.
func (o Opener) URL(url string) error {
	if b := strings.TrimSpace(o.Getenv("BROWSER")); b != "" {
		return o.run(b, url)
	}
	if o.Getenv("SSH_CONNECTION") != "" || o.Getenv("SSH_TTY") != "" || o.Getenv("SSH_CLIENT") != "" {
		return ErrRemote
	}
	systemMu.Lock()
	defer systemMu.Unlock()
	browser.Stdout, browser.Stderr = o.output(), o.output()
	if err := browser.OpenURL(url); errors.Is(err, exec.ErrNotFound) {
		return errors.New("no browser found on this machine: set $BROWSER to the one to use")
	} else if err != nil {
		return fmt.Errorf("open a browser: %w (set $BROWSER to choose one)", err)
	}
	return nil
}

// systemMu guards cli/browser's package-level output streams.
var systemMu sync.Mutex

func (o Opener) output() io.Writer {
	if o.Output == nil {
		return io.Discard
	}
	return o.Output
}

// run tries each entry of $BROWSER in turn, as xdg-open and Python's
// webbrowser module read it: entries are separated by ':' (';' on Windows),
// and %s in an entry stands for the address, which is otherwise added as the
// last argument. An entry is split into words as a shell splits them, so a
// program whose path has spaces is written quoted or with backslashes:
// '/opt/My Browser/browser' --new-window %s, or /opt/My\ Browser/browser. An
// entry without %s that names a program whole, spaces and all, is that
// program (Python's reading). No shell runs: the address is one argument,
// whatever it holds.
func (o Opener) run(list, url string) error {
	var errs []error
	for _, entry := range filepath.SplitList(list) {
		argv, err := browserCommand(entry, url)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if len(argv) == 0 {
			continue
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdout, cmd.Stderr = o.output(), o.output()
		err = cmd.Run()
		if err == nil {
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", argv[0], err))
	}
	if len(errs) == 0 {
		return errors.New("$BROWSER names no command")
	}
	return fmt.Errorf("open a browser with $BROWSER: %w", errors.Join(errs...))
}

// browserCommand is the command line of one $BROWSER entry for url; none
// for an empty entry.
func browserCommand(entry, url string) ([]string, error) {
	entry = strings.TrimSpace(entry)
	if entry == "" {
		return nil, nil
	}
	if !strings.Contains(entry, "%s") {
		if _, err := exec.LookPath(entry); err == nil {
			return []string{entry, url}, nil
		}
	}
	argv, err := shellWords(entry)
	if err != nil {
		return nil, fmt.Errorf("%q: %w; write a path with spaces as '/my dir/browser' or /my\\ dir/browser", entry, err)
	}
	replaced := false
	for i, a := range argv {
		if strings.Contains(a, "%s") {
			argv[i], replaced = strings.ReplaceAll(a, "%s", url), true
		}
	}
	if !replaced {
		argv = append(argv, url)
	}
	return argv, nil
}

// shellWords splits s into words as a POSIX shell does, without expanding
// anything: blanks separate words; '…' keeps everything; "…" keeps
// everything but a backslash before \ " $ or `; a backslash elsewhere keeps
// the character after it.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n':
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
		case '\\':
			inWord = true
			if i+1 < len(s) {
				i++
			}
			w.WriteByte(s[i])
		case '\'':
			inWord = true
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("a ' is not closed")
			}
			w.WriteString(s[i+1 : i+1+end])
			i += end + 1
		case '"':
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\\"$`", s[i+1]) >= 0 {
					i++
				}
				w.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New(`a " is not closed`)
			}
		default:
			inWord = true
			w.WriteByte(c)
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

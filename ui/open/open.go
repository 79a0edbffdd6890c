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

// run tries each command of $BROWSER in turn, as xdg-open and Python's
// webbrowser module read it.
func (o Opener) run(list, url string) error {
	var errs []error
	for _, command := range strings.Split(list, ":") {
		argv := strings.Fields(command)
		if len(argv) == 0 {
			continue
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
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdout, cmd.Stderr = o.output(), o.output()
		err := cmd.Run()
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

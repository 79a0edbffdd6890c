// Package clip puts text on the user's clipboard from a terminal program:
// the system clipboard when the session is local and a clipboard tool
// exists, else an OSC 52 escape sequence written to the terminal the UI draws
// on. It says which path it took, because OSC 52 cannot be confirmed.
//
// It knows nothing of Mesh or of the wizard.
package clip

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/atotto/clipboard"
	osc52 "github.com/aymanbagabas/go-osc52/v2"
)

// Method is the path a copy took.
type Method int

const (
	// None: nothing was copied; the error says why.
	None Method = iota
	// Native: the system clipboard took the text (confirmed by the tool).
	Native
	// OSC52: the text was sent to the terminal as an OSC 52 sequence; the
	// terminal may or may not have honoured it.
	OSC52
)

func (m Method) String() string {
	switch m {
	case Native:
		return "system clipboard"
	case OSC52:
		return "OSC 52"
	}
	return "none"
}

// EnvMode is the environment variable that forces a path: auto (default),
// native, osc52 or off.
const EnvMode = "MESHLINK_CLIPBOARD"

// ErrOff is returned when MESHLINK_CLIPBOARD=off.
var ErrOff = errors.New("copying is turned off by " + EnvMode + "=off")

// ErrTmuxDrops is returned when the tmux the session runs in would drop an
// OSC 52 sequence, as it does by default (set-clipboard external,
// allow-passthrough off): nothing can reach the clipboard that way.
var ErrTmuxDrops = errors.New("tmux drops OSC 52: add `set -g set-clipboard on` to ~/.tmux.conf")

// errTmuxUnsure: tmux could not be asked how it treats OSC 52.
var errTmuxUnsure = errors.New("tmux drops it unless `set -g set-clipboard on`")

// system is the machine meshlink runs on: its clipboard, and the tmux
// around the session.
type system interface {
	Unsupported() bool
	WriteAll(text string) error
	// Tmux reads how the tmux the session runs in treats OSC 52: its
	// set-clipboard option (on, external, off) and allow-passthrough.
	Tmux(getenv func(string) string) (setClipboard, passthrough string, err error)
}

type local struct{}

func (local) Unsupported() bool          { return clipboard.Unsupported }
func (local) WriteAll(text string) error { return clipboard.WriteAll(text) }

func (local) Tmux(getenv func(string) string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	args := []string{"display-message", "-p"}
	if pane := getenv("TMUX_PANE"); pane != "" {
		args = append(args, "-t", pane)
	}
	out, err := exec.CommandContext(ctx, "tmux", append(args, "#{set-clipboard} #{allow-passthrough}")...).Output()
	if err != nil {
		return "", "", err
	}
	setClipboard, passthrough, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	return setClipboard, passthrough, nil
}

// Copy puts text on the clipboard. tty is the terminal the UI draws on (never
// a redirected stdout), where an OSC 52 sequence goes; getenv reads the
// environment (os.Getenv, or a fake in tests).
//
// A local session with a clipboard tool uses it (Native). A remote session
// (SSH), a machine without a tool, or a failing tool falls back to OSC 52,
// as tmux or GNU screen pass it on when inside one; then the error, if not
// nil, is why the system clipboard was not used or why the copy may not
// arrive. None comes with the reason nothing was copied (ErrTmuxDrops when
// tmux, as set, would drop it).
func Copy(text string, tty io.Writer, getenv func(string) string) (Method, error) {
	return copyWith(local{}, text, tty, getenv)
}

func copyWith(sys system, text string, tty io.Writer, getenv func(string) string) (Method, error) {
	mode := strings.ToLower(strings.TrimSpace(getenv(EnvMode)))
	var nativeErr error
	switch mode {
	case "off":
		return None, ErrOff
	case "osc52":
	case "", "auto", "native":
		switch {
		case mode != "native" && Remote(getenv):
			// over SSH the system clipboard is the remote machine's: OSC 52
			// is the way, nothing to report
		case sys.Unsupported():
			nativeErr = errors.New("no clipboard tool found: install xclip, xsel or wl-clipboard")
		default:
			err := sys.WriteAll(text)
			if err == nil {
				return Native, nil
			}
			nativeErr = fmt.Errorf("the system clipboard failed: %w", err)
		}
		if mode == "native" {
			return None, nativeErr
		}
	default:
		return None, fmt.Errorf("%s=%q is not one of auto, native, osc52, off", EnvMode, mode)
	}
	if tty == nil {
		return None, errors.Join(nativeErr, errors.New("there is no terminal to send OSC 52 to"))
	}
	seqs, unsure := sequences(sys, text, getenv)
	if errors.Is(unsure, ErrTmuxDrops) {
		return None, unsure
	}
	for _, seq := range seqs {
		if _, err := seq.WriteTo(tty); err != nil {
			return None, errors.Join(nativeErr, fmt.Errorf("OSC 52 could not be written: %w", err))
		}
	}
	if unsure != nil {
		return OSC52, unsure // the one that can be fixed from here
	}
	return OSC52, nativeErr
}

// sequences are the OSC 52 sequences for text that reach the terminal
// through the multiplexer the session runs in. tmux keeps a plain one as a
// buffer and passes it on when set-clipboard is on, passes a wrapped one
// through when allow-passthrough is on, and drops both otherwise
// (ErrTmuxDrops); a tmux that cannot be asked gets both, with a warning.
func sequences(sys system, text string, getenv func(string) string) ([]osc52.Sequence, error) {
	seq := osc52.New(text)
	switch {
	case getenv("TMUX") != "":
		setClipboard, passthrough, err := sys.Tmux(getenv)
		switch {
		case err != nil:
			return []osc52.Sequence{seq, seq.Tmux()}, errTmuxUnsure
		case setClipboard == "on":
			return []osc52.Sequence{seq}, nil
		case passthrough == "on" || passthrough == "1" || passthrough == "all":
			return []osc52.Sequence{seq.Tmux()}, nil
		}
		return nil, ErrTmuxDrops
	case strings.HasPrefix(getenv("TERM"), "screen"):
		return []osc52.Sequence{seq.Screen()}, nil
	}
	return []osc52.Sequence{seq}, nil
}

// Remote reports whether the session runs over SSH.
func Remote(getenv func(string) string) bool {
	return getenv("SSH_TTY") != "" || getenv("SSH_CONNECTION") != "" || getenv("SSH_CLIENT") != ""
}

// Status is the line a UI shows after copying what (like "the token"): it
// never says "copied" unless the system clipboard confirmed it. Where a
// copy was not confirmed, the UI says where else to find the text.
func Status(what string, m Method, err error) string {
	switch m {
	case Native:
		return "copied " + what + " to the system clipboard"
	case OSC52:
		s := "sent " + what + " by OSC 52: paste to check"
		if err != nil {
			s += " (" + oneLine(err) + ")"
		}
		return s
	}
	if err == nil {
		err = errors.New("unknown reason")
	}
	return "could not copy " + what + ": " + oneLine(err)
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }

// Backend names the system clipboard tool this machine has, or "" when it
// has none (atotto/clipboard picks the same one).
func Backend(getenv func(string) string) string {
	return backend(getenv, runtime.GOOS, func(name string) bool {
		_, err := exec.LookPath(name)
		return err == nil
	})
}

func backend(getenv func(string) string, goos string, has func(string) bool) string {
	switch goos {
	case "darwin":
		return "pbcopy"
	case "windows":
		return "Windows clipboard"
	case "plan9":
		return "/dev/snarf"
	}
	switch {
	case getenv("WAYLAND_DISPLAY") != "" && has("wl-copy") && has("wl-paste"):
		return "wl-copy"
	case has("xclip"):
		return "xclip"
	case has("xsel"):
		return "xsel"
	case has("termux-clipboard-set") && has("termux-clipboard-get"):
		return "termux-clipboard-set"
	case has("clip.exe") && has("powershell.exe"):
		return "clip.exe"
	}
	return ""
}

// Describe says in one line how Copy will behave in this session, for
// `meshlink paths` and the like.
func Describe(getenv func(string) string) string {
	mode := strings.ToLower(strings.TrimSpace(getenv(EnvMode)))
	tool := Backend(getenv)
	osc := "OSC 52 to the terminal"
	if getenv("TMUX") != "" {
		osc += " (through tmux: needs `set -g set-clipboard on`)"
	}
	switch mode {
	case "off":
		return "off (" + EnvMode + "=off)"
	case "osc52":
		return osc + " (" + EnvMode + "=osc52)"
	case "native":
		if tool == "" {
			return "none: " + EnvMode + "=native but no clipboard tool found"
		}
		return "system clipboard via " + tool + " (" + EnvMode + "=native)"
	}
	switch {
	case Remote(getenv):
		return osc + " (remote session)"
	case tool == "":
		return osc + " (no clipboard tool found: install xclip, xsel or wl-clipboard)"
	}
	return "system clipboard via " + tool + ", else " + osc
}

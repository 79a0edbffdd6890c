package clip

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

type fakeSystem struct {
	unsupported bool
	err         error
	got         string
	// how the tmux around the session treats OSC 52
	setClipboard, passthrough string
	tmuxErr                   error
}

func (f *fakeSystem) Tmux(func(string) string) (string, string, error) {
	return f.setClipboard, f.passthrough, f.tmuxErr
}

func (f *fakeSystem) Unsupported() bool { return f.unsupported }
func (f *fakeSystem) WriteAll(text string) error {
	if f.err != nil {
		return f.err
	}
	f.got = text
	return nil
}

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

const (
	plainSeq = "\x1b]52;c;aGVsbG8=\a"
	tmuxSeq  = "\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\a\x1b\\"
)

func TestCopy(t *testing.T) {
	tests := []struct {
		name       string
		sys        fakeSystem
		getenv     func(string) string
		noTTY      bool
		wantMethod Method
		wantNative string
		wantTTY    string
		wantErr    string
	}{
		{name: "local_with_tool", getenv: env(), wantMethod: Native, wantNative: "hello"},
		{name: "local_without_tool", sys: fakeSystem{unsupported: true}, getenv: env(), wantMethod: OSC52, wantTTY: plainSeq, wantErr: "no clipboard tool"},
		{name: "ssh_skips_native", getenv: env("SSH_TTY", "/dev/pts/3"), wantMethod: OSC52, wantTTY: plainSeq},
		{name: "ssh_in_tmux", sys: fakeSystem{setClipboard: "external", passthrough: "1"}, getenv: env("SSH_CONNECTION", "1 2 3 4", "TMUX", "/tmp/tmux-0/default,1,0"), wantMethod: OSC52, wantTTY: tmuxSeq},
		// tmux takes a plain OSC 52 with set-clipboard on (and passes it on
		// to the terminal), a wrapped one only with allow-passthrough on;
		// by default it drops both
		{name: "tmux_set_clipboard_on", sys: fakeSystem{unsupported: true, setClipboard: "on", passthrough: "0"}, getenv: env("TMUX", "/tmp/tmux-0/default,1,0"), wantMethod: OSC52, wantTTY: plainSeq, wantErr: "no clipboard tool"},
		{name: "tmux_passthrough_on", sys: fakeSystem{unsupported: true, setClipboard: "external", passthrough: "on"}, getenv: env("TMUX", "/tmp/tmux-0/default,1,0"), wantMethod: OSC52, wantTTY: tmuxSeq, wantErr: "no clipboard tool"},
		{name: "tmux_defaults_drop_it", sys: fakeSystem{unsupported: true, setClipboard: "external", passthrough: "0"}, getenv: env("TMUX", "/tmp/tmux-0/default,1,0"), wantMethod: None, wantErr: "set -g set-clipboard on"},
		{name: "tmux_set_clipboard_off", sys: fakeSystem{setClipboard: "off", passthrough: "off"}, getenv: env(EnvMode, "osc52", "TMUX", "/tmp/tmux-0/default,1,0"), wantMethod: None, wantErr: "set -g set-clipboard on"},
		{name: "tmux_unknown", sys: fakeSystem{unsupported: true, tmuxErr: errors.New("no server")}, getenv: env("TMUX", "/tmp/tmux-0/default,1,0"), wantMethod: OSC52, wantTTY: plainSeq + tmuxSeq, wantErr: "set -g set-clipboard on"},
		{name: "native_fails_falls_back", sys: fakeSystem{err: errors.New("exit status 1")}, getenv: env(), wantMethod: OSC52, wantTTY: plainSeq, wantErr: "exit status 1"},
		{name: "no_tty_no_tool", sys: fakeSystem{unsupported: true}, getenv: env(), noTTY: true, wantMethod: None, wantErr: "no terminal"},
		{name: "forced_osc52", getenv: env(EnvMode, "osc52"), wantMethod: OSC52, wantTTY: plainSeq},
		{name: "forced_native_over_ssh", getenv: env(EnvMode, "native", "SSH_TTY", "x"), wantMethod: Native, wantNative: "hello"},
		{name: "forced_native_unsupported", sys: fakeSystem{unsupported: true}, getenv: env(EnvMode, "native"), wantMethod: None, wantErr: "no clipboard tool"},
		{name: "off", getenv: env(EnvMode, "off"), wantMethod: None, wantErr: "turned off"},
		{name: "bad_mode", getenv: env(EnvMode, "loud"), wantMethod: None, wantErr: "not one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tty bytes.Buffer
			var w = &tty
			sys := tt.sys
			var m Method
			var err error
			if tt.noTTY {
				m, err = copyWith(&sys, "hello", nil, tt.getenv)
			} else {
				m, err = copyWith(&sys, "hello", w, tt.getenv)
			}
			if m != tt.wantMethod {
				t.Errorf("method = %v, want %v (err %v)", m, tt.wantMethod, err)
			}
			if sys.got != tt.wantNative {
				t.Errorf("native got %q, want %q", sys.got, tt.wantNative)
			}
			if tty.String() != tt.wantTTY {
				t.Errorf("tty got %q, want %q", tty.String(), tt.wantTTY)
			}
			if tt.wantErr == "" && err != nil {
				t.Errorf("err = %v, want nil", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestStatusNeverBlindlyCopied(t *testing.T) {
	if s := Status("the token", Native, nil); s != "copied the token to the system clipboard" {
		t.Errorf("native: %q", s)
	}
	s := Status("the token", OSC52, nil)
	if strings.Contains(s, "copied") || !strings.Contains(s, "OSC 52") || !strings.Contains(s, "paste to check") {
		t.Errorf("osc52: %q", s)
	}
	s = Status("the token", None, errors.New("no terminal"))
	if !strings.Contains(s, "could not copy the token: no terminal") {
		t.Errorf("none: %q", s)
	}
}

// Every status a copy can end in says what happened with one level of
// parentheses at most, and a copy tmux drops says how to fix it.
func TestStatusOneLevelOfParentheses(t *testing.T) {
	systems := []fakeSystem{{}, {unsupported: true}, {err: errors.New("exit status 1")},
		{unsupported: true, setClipboard: "external", passthrough: "0"}, {unsupported: true, tmuxErr: errors.New("no server")}}
	envs := []func(string) string{env(), env("SSH_TTY", "x"), env("TMUX", "t"), env("SSH_TTY", "x", "TMUX", "t"),
		env(EnvMode, "off"), env(EnvMode, "native"), env(EnvMode, "osc52", "TMUX", "t"), env(EnvMode, "loud")}
	for _, sys := range systems {
		for _, getenv := range envs {
			var tty bytes.Buffer
			m, err := copyWith(&sys, "hello", &tty, getenv)
			s := Status("the token", m, err)
			depth := 0
			for _, r := range s {
				switch r {
				case '(':
					if depth++; depth > 1 {
						t.Errorf("parentheses in parentheses: %q", s)
					}
				case ')':
					depth--
				}
			}
			if errors.Is(err, ErrTmuxDrops) && !strings.Contains(s, "`set -g set-clipboard on`") {
				t.Errorf("a copy tmux drops does not say the fix: %q", s)
			}
		}
	}
}

func TestBackend(t *testing.T) {
	has := func(names ...string) func(string) bool {
		return func(n string) bool {
			for _, x := range names {
				if x == n {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		name, goos string
		getenv     func(string) string
		has        func(string) bool
		want       string
	}{
		{"darwin", "darwin", env(), has(), "pbcopy"},
		{"wayland", "linux", env("WAYLAND_DISPLAY", "wayland-0"), has("wl-copy", "wl-paste", "xclip"), "wl-copy"},
		{"wayland_tool_without_display", "linux", env(), has("wl-copy", "wl-paste"), ""},
		{"xsel", "linux", env(), has("xsel"), "xsel"},
		{"none", "linux", env(), has(), ""},
	}
	for _, tt := range tests {
		if got := backend(tt.getenv, tt.goos, tt.has); got != tt.want {
			t.Errorf("%s: backend = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	if d := Describe(env("SSH_TTY", "x", "TMUX", "y")); !strings.Contains(d, "OSC 52") || !strings.Contains(d, "tmux") {
		t.Errorf("remote in tmux: %q", d)
	}
	if d := Describe(env(EnvMode, "off")); !strings.HasPrefix(d, "off") {
		t.Errorf("off: %q", d)
	}
}

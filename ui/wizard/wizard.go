// Package wizard is the interactive face of meshlink: screens that go from
// a use case to a copied link token.
//
// The root (root.go) holds a back stack of screens and the dialogs drawn
// over them; each screen is a type of its own (screen.go) that shares the
// session (session.go) and navigates with messages. Every request is built
// and checked through package mesh. It never draws outside the terminal it
// is given, and must not import ui/cli or main.
package wizard

import (
	"context"
	"errors"
	"io"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/presets/history"
)

// ErrInterrupted is returned by Run when the user quits with ctrl+c.
var ErrInterrupted = errors.New("interrupted")

// Options holds everything the wizard needs from outside; it reads no
// globals, so tests can build it with buffers and a demo server.
type Options struct {
	In  io.Reader // the terminal's input
	Out io.Writer // the terminal the wizard draws on (also where OSC 52 goes)

	// Env is the environment to start in: sandbox when credentials are set,
	// else demo, or custom when the user gave --base-url. Never production
	// unless the user named it.
	Env mesh.Environment
	// EnvNamed: the user named the environment (--env, --base-url); a
	// preset saved elsewhere does not move the run.
	EnvNamed bool
	// BaseURL is set when Env is mesh.EnvCustom.
	BaseURL string
	// Credentials come from MESH_CLIENT_ID / MESH_CLIENT_SECRET; may be empty
	// (the wizard asks for them when a send needs them).
	Credentials mesh.Credentials
	// Connect returns a client for a target the wizard builds (target);
	// for mesh.EnvDemo it starts (once) the in-process demo server. It
	// refuses a target that is not ready (mesh.Target.Ready).
	Connect func(mesh.Target) (*mesh.Client, error)

	CacheDir string
	// Accessible runs the forms in huh's accessible mode (screen readers).
	Accessible bool
	NoColor    bool
	Getenv     func(string) string
	Now        func() time.Time
	// NewID makes transaction ids (a random UUID when nil).
	NewID func() string

	// Presets, when set, adds "start from a preset" to the first screen and
	// `s` (save) to the preview and result screens.
	Presets *presets.Store

	// History, when set, is this machine's record of fetches: the first
	// screen shows the newest. (The fetches are recorded by the client
	// Connect returns.)
	History *history.Log
	// LookUp turns on what the wizard asks Mesh on its own, in the
	// background: which integrations are down (the picker marks them), and
	// the token's transfer on the result screen (v watches it). Off, it
	// sends only what the user asks for.
	LookUp bool
	// QRDir is where w on the result screen offers to write the QR code's
	// PNG (the CLI gives the state directory; it is made when first
	// written to); empty means the temporary directory.
	QRDir string
	// TryAddr is where t on the result screen serves the page that opens
	// Link ("" is try.DefaultAddr).
	TryAddr string

	// Done, when set, is given the token the user quit with (q on the
	// result screen), after the wizard has left the screen: the caller
	// prints it where scripts read it.
	Done func(Result) error
}

// Result is the token a wizard run ended with.
type Result struct {
	Token         *mesh.LinkToken
	Env           mesh.Environment
	TransactionID string
}

// target is where a call for env goes with creds: the environment's host,
// or BaseURL for mesh.EnvCustom.
func (o Options) target(env mesh.Environment, creds mesh.Credentials) mesh.Target {
	if env == mesh.EnvCustom {
		return mesh.Target{Env: env, BaseURL: o.BaseURL, Credentials: creds}
	}
	return mesh.TargetFor(env, creds)
}

// withDefaults fills what the caller left out: no environment variables,
// the real clock, and mesh's default environment for the credentials.
func (o Options) withDefaults() Options {
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.NewID == nil {
		o.NewID = uuid.NewString
	}
	if o.Env == "" {
		o.Env = mesh.DefaultEnvironment(o.Credentials)
	}
	return o
}

// Run runs the wizard until the user quits. ctrl+c gives ErrInterrupted.
func Run(ctx context.Context, o Options) error {
	if o.Accessible {
		return runAccessible(ctx, o)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // a request still out ends with the wizard
	m := newModel(ctx, o)
	p := tea.NewProgram(m,
		tea.WithInput(o.In),
		tea.WithOutput(o.Out),
		tea.WithAltScreen(),
		tea.WithContext(ctx),
	)
	final, err := p.Run()
	fm, _ := final.(*Model)
	switch {
	case fm != nil && fm.interrupted, errors.Is(err, tea.ErrInterrupted):
		return ErrInterrupted
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return ErrInterrupted
	case err != nil:
		return err
	}
	if fm != nil && fm.result != nil && o.Done != nil {
		return o.Done(*fm.result)
	}
	return nil
}

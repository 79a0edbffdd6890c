package cli

import (
	"io"

	"github.com/meshlink/meshlink/ui/clip"
)

// copyToken copies for `token --copy`. OSC 52 goes to stderr, and only when
// stderr is a terminal: stdout carries the token for pipes.
func copyToken(app *App, g *globalFlags, token string) {
	var tty io.Writer
	if app.ErrTTY {
		tty = app.rawErr()
	}
	m, err := clip.Copy(token, tty, app.Getenv)
	g.note(app, "%s", clip.Status("the token", m, err))
}

package cli

import "github.com/atotto/clipboard"

// TODO(lead): replace with ui/clip once it lands.
func clipboardBackend(app *App) string {
	if clipboard.Unsupported {
		return "no system clipboard tool (xclip, xsel, wl-clipboard); OSC 52 to the terminal instead"
	}
	return "system clipboard"
}

func copyToken(app *App, g *globalFlags, token string) {
	if err := clipboard.WriteAll(token); err != nil {
		g.note(app, "could not copy the token: %v", err)
		return
	}
	g.note(app, "copied the token to the system clipboard")
}

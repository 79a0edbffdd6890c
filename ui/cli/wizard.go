package cli

import (
	"context"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/wizard"
)

// runWizard opens the wizard when both ends are a terminal; otherwise it
// says so at once instead of waiting on a terminal that is not there.
func runWizard(ctx context.Context, app *App, g *globalFlags) error {
	if !app.StdinTTY || !app.StdoutTTY {
		which := "stdin is not a terminal"
		if app.StdinTTY {
			which = "stdout is not a terminal"
		} else if !app.StdoutTTY {
			which = "neither stdin nor stdout is a terminal"
		}
		return usagef("the wizard needs a terminal, but %s.\nIn scripts use `meshlink token` (see `meshlink token --help`).", which)
	}
	t, err := resolveTarget(app, g)
	if err != nil {
		return err
	}
	conn := &connector{app: app, g: g}
	defer conn.Close()
	configDir, err := mesh.ConfigDir(app.Getenv)
	if err != nil {
		return err
	}
	cacheDir, err := mesh.CacheDir(app.Getenv)
	if err != nil {
		return err
	}
	store, err := presetStore(app)
	if err != nil {
		return err
	}
	return app.RunWizard(ctx, wizard.Options{
		Presets:     &store,
		In:          app.In,
		Out:         app.rawOut(),
		Env:         t.env,
		BaseURL:     t.baseURL,
		Credentials: mesh.CredentialsFromEnv(app.Getenv),
		Connect: func(env mesh.Environment, creds mesh.Credentials) (*mesh.Client, error) {
			return conn.client(env, t.baseURL, creds)
		},
		CacheDir:   cacheDir,
		ConfigDir:  configDir,
		Accessible: g.accessible || app.Getenv("ACCESSIBLE") != "",
		NoColor:    app.Getenv("NO_COLOR") != "",
		Getenv:     app.Getenv,
		Now:        app.Now,
	})
}

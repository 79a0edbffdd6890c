package cli

import (
	"context"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/presets/history"
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
	conn := &connector{app: app, g: g, source: history.SourceWizard}
	defer conn.Close()
	configDir, err := presets.ConfigDir(app.Getenv)
	if err != nil {
		return err
	}
	cacheDir, err := presets.CacheDir(app.Getenv)
	if err != nil {
		return err
	}
	store, err := presetStore(app)
	if err != nil {
		return err
	}
	custom := "" // the wizard's own environments know their hosts
	if t.Env == mesh.EnvCustom {
		custom = t.BaseURL
	}
	return app.RunWizard(ctx, wizard.Options{
		Presets:     &store,
		In:          app.In,
		Out:         app.rawOut(),
		Env:         t.Env,
		BaseURL:     custom,
		Credentials: mesh.CredentialsFromEnv(app.Getenv),
		Connect: func(env mesh.Environment, creds mesh.Credentials) (*mesh.Client, error) {
			return conn.client(env, custom, creds)
		},
		CacheDir:   cacheDir,
		ConfigDir:  configDir,
		Accessible: g.accessible || app.Getenv("ACCESSIBLE") != "",
		NoColor:    app.Getenv("NO_COLOR") != "",
		Getenv:     app.Getenv,
		Now:        app.Now,
	})
}

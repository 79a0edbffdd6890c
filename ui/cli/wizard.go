package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/presets/history"
	"github.com/meshlink/meshlink/ui/wizard"
)

// runWizard opens the wizard on the terminal. When stdout is not one
// (TOKEN=$(meshlink)), the wizard draws on stderr or /dev/tty and the token
// it ends with goes to stdout; without any terminal it says so at once.
func runWizard(ctx context.Context, app *App, g *globalFlags) error {
	screen, closeScreen, err := wizardTerminal(app)
	if err != nil {
		return err
	}
	defer closeScreen()
	// the wizard asks for the keys a send needs, so a target without them
	// (--env production with no MESH_CLIENT_*) is no error here
	t, err := chooseTarget(app, g)
	if err != nil {
		return err
	}
	conn := &connector{app: app, g: g, source: history.SourceWizard, ctx: ctx}
	defer conn.Close()
	cacheDir, err := presets.CacheDir(app.Getenv)
	if err != nil {
		return err
	}
	stateDir, _ := presets.StateDir(app.Getenv) // none: the wizard offers the temporary directory
	store, err := presetStore(app)
	if err != nil {
		return err
	}
	custom := "" // the wizard's own environments know their hosts
	if t.Env == mesh.EnvCustom {
		custom = t.BaseURL
	}
	var recent *history.Log
	if log, ok, err := historyLog(app); err == nil && ok {
		recent = &log
	}
	return app.RunWizard(ctx, wizard.Options{
		History:     recent,
		Presets:     &store,
		In:          app.In,
		Out:         screen,
		Env:         t.Env,
		EnvNamed:    g.env != "" || g.baseURL != "",
		BaseURL:     custom,
		Credentials: app.credentials,
		Connect:     conn.client,
		LookUp:      true,
		CacheDir:    cacheDir,
		QRDir:       stateDir, // w writes the QR code's PNG there, not wherever meshlink started
		Accessible:  g.accessible || app.Getenv("ACCESSIBLE") != "",
		NoColor:     app.Getenv("NO_COLOR") != "",
		Getenv:      app.Getenv,
		Now:         app.Now,
		TryAddr:     app.Getenv("MESHLINK_TRY_ADDR"),
		Done: func(r wizard.Result) error {
			if err := printWizardResult(app, g, r); err != nil {
				return err
			}
			if r.Env == mesh.EnvDemo && conn.ephemeral() {
				g.note(app, "%s", demoLifetimeNote(app))
			}
			return nil
		},
	})
}

// wizardTerminal is where the wizard draws: stdout when it is a terminal,
// else stderr (as gum does), else /dev/tty.
func wizardTerminal(app *App) (io.Writer, func(), error) {
	none := func() {}
	if !app.StdinTTY {
		return nil, none, usagef("the wizard needs a terminal, but stdin is not a terminal.\nIn scripts use `meshlink token` (see `meshlink token --help`).")
	}
	switch {
	case app.StdoutTTY:
		return app.rawOut(), none, nil
	case app.ErrTTY:
		return app.rawErr(), none, nil
	}
	tty, err := app.OpenTTY()
	if err != nil {
		return nil, none, usagef("the wizard needs a terminal to draw on, but neither stdout nor stderr is one and /dev/tty cannot be opened (%v).\nIn scripts use `meshlink token`.", err)
	}
	return tty, func() { _ = tty.Close() }, nil
}

// printWizardResult puts the token the wizard ended with where scripts read
// it: alone (or as JSON with --json) when stdout is not a terminal; as a
// short summary when it is, so nothing is lost with the wizard's screen.
func printWizardResult(app *App, g *globalFlags, r wizard.Result) error {
	req := &mesh.LinkTokenRequest{}
	if r.TransactionID != "" {
		req.TransferOptions = &mesh.TransferOptions{TransactionID: r.TransactionID}
	}
	if g.json || !app.StdoutTTY {
		return printToken(app, r.Env, req, r.Token, g.json)
	}
	t := r.Token
	fmt.Fprintf(app.Out, "link token (%s, single use, valid until %s):\n%s\n", r.Env, t.ExpiresAt.Local().Format("15:04:05"), t.Token)
	if r.TransactionID != "" {
		fmt.Fprintf(app.Out, "transactionId: %s\n", r.TransactionID)
	}
	if t.LinkURL != "" {
		fmt.Fprintf(app.Out, "Link URL: %s\n", t.LinkURL)
	}
	if t.PaymentLink != "" {
		fmt.Fprintf(app.Out, "pay link: %s\n", t.PaymentLink)
	}
	return nil
}

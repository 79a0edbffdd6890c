package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/presets/history"
)

// chooseTarget applies mesh's environment rule to --env and --base-url,
// without asking for credentials yet: --curl needs none.
func chooseTarget(app *App, g *globalFlags) (mesh.Target, error) {
	if g.env != "" && g.baseURL != "" {
		return mesh.Target{}, usagef("give --env or --base-url, not both")
	}
	t, err := mesh.ChooseTarget(g.env, g.baseURL, app.credentials)
	if err != nil {
		if g.baseURL != "" {
			return t, usagef("--base-url %v; nothing was sent", err)
		}
		return t, &UsageError{err.Error()}
	}
	return t, nil
}

// resolveTarget is chooseTarget for a run that sends: the target must have
// its credentials. Half-set credentials fall back to demo, with a note.
func resolveTarget(app *App, g *globalFlags) (mesh.Target, error) {
	t, err := chooseTarget(app, g)
	if err != nil {
		return t, err
	}
	var missing *mesh.CredentialsError
	switch err := t.Ready(); {
	case errors.As(err, &missing) && t.Env == mesh.EnvCustom:
		return t, usagef("--base-url needs MESH_CLIENT_ID and MESH_CLIENT_SECRET in the environment (%s; a meshlink demo-server accepts any values)", missing.Missing)
	case err != nil:
		return t, usagef("%v; export both, or use --env demo", err)
	}
	if creds := app.credentials; g.env == "" && t.Env == mesh.EnvDemo && (creds.ClientID != "" || creds.ClientSecret != "") {
		g.note(app, "%s, so the demo server is used, not sandbox", creds.Missing())
	}
	return t, nil
}

// connector makes clients, starting the in-process demo server the first
// time the demo environment is used. Close stops it.
type connector struct {
	app *App
	g   *globalFlags
	// source names who fetches, for the history: history.SourceCLI or
	// history.SourceWizard.
	source string

	once    sync.Once
	demo    *demo.Server
	demoErr error
	// shared is the URL of a `meshlink demo-server` found running, whose
	// links outlive this run; empty when the demo server is in-process.
	// keyPath is the key it proved it holds.
	shared, keyPath string
	// stranger is the URL where something answered that did not prove it
	// is the user's demo server, and why it could not.
	stranger, strangerWhy string

	// writes are the history's, which Close waits for; ctx (ctrl+c) cuts
	// that wait short. historyLockWait bounds the wait for another
	// meshlink's history write (0: the history's own bound).
	writes          historyWrites
	ctx             context.Context
	historyLockWait time.Duration
}

// client is a client for t. Every call to an API, the CLI's and the
// wizard's, gets its client here, so a target without the keys it needs
// (Target.Ready) never sends.
func (c *connector) client(t mesh.Target) (*mesh.Client, error) {
	if err := t.Ready(); err != nil {
		return nil, err
	}
	env, baseURL := t.Env, t.BaseURL
	cl := &mesh.Client{Env: env, Credentials: t.Credentials, HTTPClient: c.app.HTTPClient, Timeout: c.g.timeout, Now: c.app.Now, Version: c.app.Version}
	source := c.source
	if source == "" {
		source = history.SourceCLI
	}
	switch env {
	case mesh.EnvDemo:
		c.once.Do(c.startDemo)
		if c.demoErr != nil {
			return nil, fmt.Errorf("start the demo server: %w", c.demoErr)
		}
		base := c.shared
		if base == "" {
			base = c.demo.URL
		}
		cl.BaseURL, cl.Credentials = base, mesh.DemoCredentials
		cl.TrustedLinkOrigins = []string{base}
	case mesh.EnvCustom:
		cl.BaseURL = baseURL
		// A host on this machine may be a meshlink demo-server, whose links
		// point back at itself. A remote host earns no such trust.
		if u, err := url.Parse(baseURL); err == nil && mesh.IsLoopbackHost(u.Hostname()) {
			cl.TrustedLinkOrigins = []string{u.Scheme + "://" + u.Host}
		}
	default:
		cl.BaseURL = env.BaseURL()
	}
	cl.OnLinkToken = c.recordFetches(source, env, cl, env == mesh.EnvDemo && c.shared == "")
	return cl, nil
}

// startDemo uses a `meshlink demo-server` that answers at its default
// address (or $MESHLINK_DEMO_SERVER) and proves it holds the user's key, so
// the demo's links keep working after this run; else it starts one inside
// this run. Anything else on the port is never sent a request.
func (c *connector) startDemo() {
	if url := demoServerURL(c.app); url != "" {
		keyPath, err := demoKeyPath(c.app)
		var key []byte
		if err == nil {
			key, err = demo.LoadKey(keyPath, false)
		}
		switch demo.Probe(context.Background(), c.app.HTTPClient, url, key) {
		case demo.Proven:
			c.shared, c.keyPath = url, keyPath
			return
		case demo.Stranger:
			c.stranger, c.strangerWhy = url, "it did not prove it holds the key in "+keyPath
			switch {
			case keyPath == "":
				c.strangerWhy = fmt.Sprintf("meshlink has no state directory to keep the key in (%v)", err)
			case errors.Is(err, fs.ErrNotExist):
				c.strangerWhy = "no `meshlink demo-server` has made its key (" + keyPath + ") with this state directory"
			case err != nil:
				c.strangerWhy = err.Error()
			}
		}
	}
	c.demo, c.demoErr = demo.Start("127.0.0.1:0")
}

// demoKeyPath is the file of the key by which a `meshlink demo-server`
// proves it is the user's: in the state directory, readable by the user alone.
func demoKeyPath(app *App) (string, error) {
	dir, err := presets.StateDir(app.Getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, demo.KeyFile), nil
}

// demoServerURL is where to look for a running demo server: empty when
// MESHLINK_DEMO_SERVER=off.
func demoServerURL(app *App) string {
	switch v := strings.TrimRight(strings.TrimSpace(app.Getenv("MESHLINK_DEMO_SERVER")), "/"); v {
	case "":
		return mesh.DemoServerURL
	case "off":
		return ""
	default:
		return v
	}
}

// demoUse says when meshlink uses a running `meshlink demo-server`, for
// messages: where it looks, or that MESHLINK_DEMO_SERVER=off stops it.
func demoUse(app *App) string {
	if where := demoServerURL(app); where != "" {
		return "meshlink uses it when it answers at " + where
	}
	return "meshlink uses it only once MESHLINK_DEMO_SERVER is no longer off"
}

// ephemeral reports whether this run's demo links end with it.
func (c *connector) ephemeral() bool { return c.demo != nil }

// demoLifetimeNote is what a user of the in-process demo server must know
// about its links.
func demoLifetimeNote(app *App) string {
	return "these demo links stop working when meshlink exits: the demo server ran inside it. To keep them working, leave `meshlink demo-server` running in another terminal; " + demoUse(app)
}

// Close waits for the run's history writes, saying which failed, and
// stops the in-process demo server.
func (c *connector) Close() {
	ctx := c.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	for _, err := range c.writes.wait(ctx, historyWait) {
		c.g.warn(c.app, "not recorded in the history: %v", err)
	}
	if c.demo != nil {
		_ = c.demo.Close()
	}
}

// describe names where a call goes, for "fetching … from <describe>".
func (c *connector) describe(t mesh.Target, cl *mesh.Client) string {
	switch {
	case t.Env == mesh.EnvDemo && c.shared != "":
		return "the demo environment, the `meshlink demo-server` running at " + cl.BaseURL + " (it proved it is yours: it holds the key in " + c.keyPath + "), not Mesh: its tokens open a demo page, and keep working after this run"
	case t.Env == mesh.EnvDemo && c.stranger != "":
		return "the demo environment, meshlink's built-in demo server (" + cl.BaseURL + "), not Mesh, and not what answers at " + c.stranger + ": " + c.strangerWhy + ". Set MESH_CLIENT_ID and MESH_CLIENT_SECRET to use sandbox"
	case t.Env == mesh.EnvDemo:
		return "the demo environment, meshlink's built-in demo server (" + cl.BaseURL + "), not Mesh: its tokens open a demo page. Set MESH_CLIENT_ID and MESH_CLIENT_SECRET to use sandbox"
	case t.Env == mesh.EnvProduction:
		return "the PRODUCTION environment (" + cl.BaseURL + ")"
	case t.Env == mesh.EnvCustom:
		return cl.BaseURL
	}
	return "the " + string(t.Env) + " environment (" + cl.BaseURL + ")"
}

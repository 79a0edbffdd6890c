package cli

import (
	"errors"
	"fmt"
	"net/url"
	"sync"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/presets/history"
)

// chooseTarget applies mesh's environment rule to --env and --base-url,
// without asking for credentials yet: --curl needs none.
func chooseTarget(app *App, g *globalFlags) (mesh.Target, error) {
	if g.env != "" && g.baseURL != "" {
		return mesh.Target{}, usagef("give --env or --base-url, not both")
	}
	creds := mesh.CredentialsFromEnv(app.Getenv)
	t, err := mesh.ChooseTarget(g.env, g.baseURL, creds)
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
	if creds := mesh.CredentialsFromEnv(app.Getenv); g.env == "" && t.Env == mesh.EnvDemo && (creds.ClientID != "" || creds.ClientSecret != "") {
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
}

func (c *connector) client(env mesh.Environment, baseURL string, creds mesh.Credentials) (*mesh.Client, error) {
	cl := &mesh.Client{Env: env, Credentials: creds, HTTPClient: c.app.HTTPClient, Timeout: c.g.timeout, Now: c.app.Now}
	source := c.source
	if source == "" {
		source = history.SourceCLI
	}
	cl.OnLinkToken = recordFetches(c.app, c.g, source, env, cl)
	switch env {
	case mesh.EnvDemo:
		c.once.Do(func() { c.demo, c.demoErr = demo.Start("127.0.0.1:0") })
		if c.demoErr != nil {
			return nil, fmt.Errorf("start the demo server: %w", c.demoErr)
		}
		cl.BaseURL, cl.Credentials = c.demo.URL, mesh.DemoCredentials
		cl.TrustedLinkOrigins = []string{c.demo.URL}
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
	return cl, nil
}

func (c *connector) Close() {
	if c.demo != nil {
		_ = c.demo.Close()
	}
}

// describe names where a call goes, for "fetching … from <describe>".
func describe(t mesh.Target, cl *mesh.Client) string {
	switch t.Env {
	case mesh.EnvDemo:
		return "the demo environment, meshlink's built-in demo server (" + cl.BaseURL + "), not Mesh: its tokens open a demo page. Set MESH_CLIENT_ID and MESH_CLIENT_SECRET to use sandbox"
	case mesh.EnvProduction:
		return "the PRODUCTION environment (" + cl.BaseURL + ")"
	case mesh.EnvCustom:
		return cl.BaseURL
	}
	return "the " + string(t.Env) + " environment (" + cl.BaseURL + ")"
}

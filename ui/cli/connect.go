package cli

import (
	"fmt"
	"net/url"
	"sync"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

// demoCredentials are what meshlink sends to its own demo server, which
// accepts any values.
var demoCredentials = mesh.Credentials{ClientID: "meshlink-demo", ClientSecret: "meshlink-demo"}

// target is where API calls go and with which keys.
type target struct {
	env     mesh.Environment
	baseURL string // for EnvCustom
	creds   mesh.Credentials
}

// resolveTarget applies the environment rules: --base-url wins; else --env;
// else sandbox when both credentials are set, else demo. Production is
// never chosen unless named.
func resolveTarget(app *App, g *globalFlags) (target, error) {
	creds := mesh.CredentialsFromEnv(app.Getenv)
	if g.baseURL != "" {
		if g.env != "" {
			return target{}, usagef("give --env or --base-url, not both")
		}
		if err := mesh.CheckBaseURL(g.baseURL); err != nil {
			return target{}, usagef("--base-url %v; nothing was sent", err)
		}
		if !creds.Complete() {
			return target{}, usagef("--base-url needs MESH_CLIENT_ID and MESH_CLIENT_SECRET in the environment (a meshlink demo-server accepts any values)")
		}
		return target{env: mesh.EnvCustom, baseURL: g.baseURL, creds: creds}, nil
	}
	env := mesh.EnvDemo
	if g.env != "" {
		e, err := mesh.ParseEnvironment(g.env)
		if err != nil {
			return target{}, &UsageError{err.Error()}
		}
		env = e
	} else if creds.Complete() {
		env = mesh.EnvSandbox
	} else if creds.ClientID != "" || creds.ClientSecret != "" {
		g.note(app, "%s, so the demo server is used, not sandbox", missingCredentials(creds))
	}
	if env != mesh.EnvDemo && !creds.Complete() {
		return target{}, usagef("%s needs MESH_CLIENT_ID and MESH_CLIENT_SECRET in the environment (%s); export both, or use --env demo", env, missingCredentials(creds))
	}
	if env == mesh.EnvDemo {
		creds = demoCredentials
	}
	return target{env: env, creds: creds}, nil
}

func missingCredentials(c mesh.Credentials) string {
	switch {
	case c.ClientID == "" && c.ClientSecret == "":
		return "neither MESH_CLIENT_ID nor MESH_CLIENT_SECRET is set"
	case c.ClientID == "":
		return "MESH_CLIENT_ID is not set"
	default:
		return "MESH_CLIENT_SECRET is not set"
	}
}

// connector makes clients, starting the in-process demo server the first
// time the demo environment is used. Close stops it.
type connector struct {
	app *App
	g   *globalFlags

	once    sync.Once
	demo    *demo.Server
	demoErr error
}

func (c *connector) client(env mesh.Environment, baseURL string, creds mesh.Credentials) (*mesh.Client, error) {
	cl := &mesh.Client{Env: env, Credentials: creds, HTTPClient: c.app.HTTPClient, Timeout: c.g.timeout, Now: c.app.Now}
	switch env {
	case mesh.EnvDemo:
		c.once.Do(func() { c.demo, c.demoErr = demo.Start("127.0.0.1:0") })
		if c.demoErr != nil {
			return nil, fmt.Errorf("start the demo server: %w", c.demoErr)
		}
		cl.BaseURL, cl.Credentials = c.demo.URL, demoCredentials
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
func describe(t target, cl *mesh.Client) string {
	switch t.env {
	case mesh.EnvDemo:
		return "the demo environment, meshlink's built-in demo server (" + cl.BaseURL + "), not Mesh: its tokens open a demo page. Set MESH_CLIENT_ID and MESH_CLIENT_SECRET to use sandbox"
	case mesh.EnvProduction:
		return "the PRODUCTION environment (" + cl.BaseURL + ")"
	case mesh.EnvCustom:
		return cl.BaseURL
	}
	return "the " + string(t.env) + " environment (" + cl.BaseURL + ")"
}

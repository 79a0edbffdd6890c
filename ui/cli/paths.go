package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/webhook"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/ui/clip"
)

func newPathsCmd(app *App, g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "paths",
		Short: "Show where meshlink keeps things and what it can see of this machine",
		Long: `Show on one screen: the config, presets and cache directories, the catalog's
source and age, which credentials and webhook secrets are set (never their
values), the
clipboard backend, and whether stdin and stdout are terminals.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPaths(app, g)
		},
	}
}

func runPaths(app *App, g *globalFlags) error {
	configDir, cerr := presets.ConfigDir(app.Getenv)
	cacheDir, kerr := presets.CacheDir(app.Getenv)
	cat, _ := mesh.LoadCatalog(catalogDir(app, g, cacheDir))
	creds := app.credentials
	env := "demo (" + creds.Missing() + ")"
	if mesh.DefaultEnvironment(creds) == mesh.EnvSandbox {
		env = "sandbox (credentials set; production only with --env production)"
	}

	tw := newTable(app.Out)
	row := func(k, v string) { fmt.Fprintf(tw, "%s\t%s\n", k, v) }
	row("config", dirLine(configDir, cerr, "MESHLINK_CONFIG_DIR"))
	row("presets", dirLine(filepath.Join(configDir, "presets"), cerr, ""))
	row("cache", dirLine(cacheDir, kerr, "MESHLINK_CACHE_DIR"))
	row("history", historyLine(app))
	catalogFor := "catalog"
	if t, err := mesh.ChooseTarget(g.env, g.baseURL, creds); err == nil {
		catalogFor += " (" + string(t.Env) + ")" // each environment has its own
	}
	row(catalogFor, fmt.Sprintf("%s, %d networks, %d integrations", catalogAge(cat, app.Now()), len(cat.Networks), len(cat.Integrations)))
	for _, c := range mesh.CachedCatalogs(cacheDir) {
		row("cached catalog", cachedCatalogLine(c, app.Now()))
	}
	row("MESH_CLIENT_ID", mesh.Mask(creds.ClientID))
	row("MESH_CLIENT_SECRET", mesh.Mask(creds.ClientSecret))
	row(webhook.SecretEnv, webhookSecretLine(app.Getenv))
	row("default env", env)
	row("clipboard", clip.Describe(app.Getenv))
	row("stdin", terminalWord(app.StdinTTY))
	row("stdout", terminalWord(app.StdoutTTY))
	return tw.Flush()
}

// cachedCatalogLine: "sandbox, from https://…: networks 2 hours old,
// integrations 2 hours old (dir)".
func cachedCatalogLine(c mesh.CachedCatalog, now time.Time) string {
	age := func(what string, at time.Time) string {
		if at.IsZero() {
			return what + " not cached"
		}
		return what + " " + humanAge(now.Sub(at)) + " old"
	}
	return fmt.Sprintf("%s, from %s: %s, %s (%s)", c.Env, orDash(c.Host), age("networks", c.NetworksAt), age("integrations", c.IntegrationsAt), c.Dir)
}

func dirLine(dir string, err error, override string) string {
	if err != nil {
		return "unknown: " + err.Error()
	}
	state := "exists"
	if _, err := os.Stat(dir); err != nil {
		state = "not created yet"
	}
	line := dir + " (" + state + ")"
	if override != "" {
		line += "; set " + override + " to move it"
	}
	return line
}

// webhookSecretLine says which webhook secrets are set, never a thing
// derived from them.
func webhookSecretLine(getenv func(string) string) string {
	set := func(name string) bool { return strings.TrimSpace(getenv(name)) != "" }
	line := "not set"
	if set(webhook.SecretEnv) {
		line = "set"
	}
	for _, name := range []string{webhook.SandboxSecretEnv, webhook.ProductionSecretEnv} {
		if set(name) {
			line += "; " + name + " set"
		}
	}
	return line
}

func terminalWord(tty bool) string {
	if tty {
		return "a terminal"
	}
	return "not a terminal"
}

func historyLine(app *App) string {
	log, ok, err := historyLog(app)
	switch {
	case err != nil:
		return "unknown: " + err.Error()
	case !ok:
		return "off (MESHLINK_HISTORY); nothing is recorded"
	}
	return dirLine(log.Path(), nil, "MESHLINK_STATE_DIR")
}

package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

// loadCatalog reads the catalog cached for the run's environment and host
// (or the snapshot); it never waits on the network. Cache problems are
// notes, not failures.
func loadCatalog(app *App, g *globalFlags) *mesh.Catalog {
	dir, err := presets.CacheDir(app.Getenv)
	if err != nil {
		g.note(app, "warning: %v; using the built-in catalog", err)
	}
	cat, warnings := mesh.LoadCatalog(catalogDir(app, g, dir))
	for _, w := range warnings {
		g.note(app, "warning: %v", w)
	}
	return cat
}

type catalogOptions struct {
	refresh bool
	json    bool
}

// catalogDir is the cache folder of the run's target; a target that cannot
// be chosen (its mistake is reported when sending) reads the snapshot.
func catalogDir(app *App, g *globalFlags, cacheDir string) string {
	t, err := mesh.ChooseTarget(g.env, g.baseURL, app.credentials)
	if err != nil {
		return ""
	}
	return mesh.CatalogDir(cacheDir, t.Env, t.BaseURL)
}

func newNetworksCmd(app *App, g *globalFlags) *cobra.Command {
	o := &catalogOptions{}
	cmd := &cobra.Command{
		Use:   "networks",
		Short: "List the network catalog: name, id, type, tokens",
		Long: `List the networks meshlink knows: from the cache of an earlier --refresh, else
from the built-in snapshot. Network ids never change, so the list is fetched
from the API only when you ask with --refresh.`,
		Example: "  meshlink networks\n  meshlink networks --refresh --json | jq '.[].name'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runNetworks(cmd.Context(), app, g, o)
		},
	}
	cmd.Flags().BoolVar(&o.refresh, "refresh", false, "fetch the list from the API and cache it")
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON")
	return cmd
}

func newIntegrationsCmd(app *App, g *globalFlags) *cobra.Command {
	o := &catalogOptions{}
	cmd := &cobra.Command{
		Use:     "integrations",
		Short:   "List the integration catalog: name, id, type",
		Example: "  meshlink integrations\n  meshlink integrations --refresh --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runIntegrations(cmd.Context(), app, g, o)
		},
	}
	cmd.Flags().BoolVar(&o.refresh, "refresh", false, "fetch the list from the API and cache it")
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON")
	return cmd
}

// refresh fetches a list with fetch and, unless it came from the demo
// server (which only serves the snapshot), saves it with save.
func refresh[T any](ctx context.Context, app *App, g *globalFlags, what string,
	fetch func(*mesh.Client, context.Context) ([]T, error),
	save func(dir, host string, items []T, at time.Time) error,
) ([]T, error) {
	t, err := resolveTarget(app, g)
	if err != nil {
		return nil, err
	}
	conn := &connector{app: app, g: g}
	defer conn.Close()
	client, err := conn.client(t)
	if err != nil {
		return nil, err
	}
	g.note(app, "fetching %s from %s", what, conn.describe(t, client))
	items, err := fetch(client, ctx)
	if err != nil {
		return nil, err
	}
	if t.Env == mesh.EnvDemo {
		g.note(app, "the demo server serves the built-in snapshot; the cache was left as it was")
		return items, nil
	}
	cacheDir, err := presets.CacheDir(app.Getenv)
	if err != nil {
		return nil, err
	}
	dir := mesh.CatalogDir(cacheDir, t.Env, client.BaseURL)
	if err := save(dir, client.Host(), items, app.Now()); err != nil {
		return nil, fmt.Errorf("cache %s: %w", what, err)
	}
	g.note(app, "refreshed %s from %s (%s) and cached them in %s; other environments' catalogs are unchanged", plural(len(items), strings.TrimSuffix(what, "s")), client.Host(), t.Env, dir)
	return items, nil
}

func runNetworks(ctx context.Context, app *App, g *globalFlags, o *catalogOptions) error {
	cat := loadCatalog(app, g)
	nets := cat.Networks
	if o.refresh {
		var err error
		if nets, err = refresh(ctx, app, g, "networks", (*mesh.Client).Networks, mesh.SaveNetworks); err != nil {
			return err
		}
	} else {
		g.note(app, "catalog: %s", catalogAge(cat, app.Now()))
	}
	if o.json {
		return writeJSON(app, nets)
	}
	// The tokens get what the other columns leave, as a list that says how
	// many it leaves out ("SOL, USDC +10").
	tokensWidth, nameWidth, typeWidth := 0, len("NAME"), len("TYPE")
	for _, n := range nets {
		nameWidth, typeWidth = max(nameWidth, ansi.StringWidth(mesh.CleanText(n.Name))), max(typeWidth, len(mesh.CleanText(n.NetworkType)))
	}
	if app.TerminalWidth > 0 {
		tokensWidth = max(app.TerminalWidth-nameWidth-36-typeWidth-6, 12)
	}
	rows := make([][]string, len(nets))
	for i, n := range nets {
		tokens := make([]string, len(n.SupportedTokens))
		for k, t := range n.SupportedTokens {
			tokens[k] = mesh.CleanText(t)
		}
		rows[i] = []string{mesh.CleanText(n.Name), mesh.CleanText(n.ID), orDash(mesh.CleanText(n.NetworkType)), fitList(tokens, tokensWidth)}
	}
	return fitCatalogTable(app, g, []column{{header: "NAME", keep: 100, cut: 10}, {header: "ID", keep: 90}, {header: "TYPE", keep: 50}, {header: "TOKENS", keep: 60, cut: 8}}, rows)
}

// fitCatalogTable writes a catalog's table to fit the terminal, saying what
// it left out.
func fitCatalogTable(app *App, g *globalFlags, cols []column, rows [][]string) error {
	left, err := fitTable(app.Out, app.TerminalWidth, cols, rows)
	if len(left) > 0 {
		g.note(app, "left out for the terminal's width: %s (--json has every field)", strings.ToLower(strings.Join(left, ", ")))
	}
	return err
}

func runIntegrations(ctx context.Context, app *App, g *globalFlags, o *catalogOptions) error {
	cat := loadCatalog(app, g)
	ints := cat.Integrations
	if o.refresh {
		var err error
		if ints, err = refresh(ctx, app, g, "integrations", (*mesh.Client).Integrations, mesh.SaveIntegrations); err != nil {
			return err
		}
	}
	if o.json {
		return writeJSON(app, ints)
	}
	rows := make([][]string, len(ints))
	for i, in := range ints {
		rows[i] = []string{mesh.CleanText(in.Name), mesh.CleanText(in.ID), orDash(mesh.CleanText(in.Type))}
	}
	return fitCatalogTable(app, g, []column{{header: "NAME", keep: 100, cut: 12}, {header: "ID", keep: 90}, {header: "TYPE", keep: 50}}, rows)
}

// catalogAge says where the catalog came from and how old it is.
func catalogAge(cat *mesh.Catalog, now time.Time) string {
	age := humanAge(now.Sub(cat.FetchedAt))
	if cat.Source == mesh.SourceCache {
		return fmt.Sprintf("API cache from %s, fetched %s ago (refresh with --refresh)", orDash(cat.FetchedFrom), age)
	}
	return fmt.Sprintf("built-in snapshot of %s (%s old); with credentials, --refresh fetches the live list", cat.FetchedAt.Format("2006-01-02"), age)
}

func humanAge(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute")
	case d < 48*time.Hour:
		return plural(int(d.Hours()), "hour")
	}
	return plural(int(d.Hours()/24), "day")
}

// plural is "1 minute" or "5 minutes".
func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// fitList joins items, cutting the list to width characters when width > 0.
func fitList(items []string, width int) string {
	all := strings.Join(items, ", ")
	if width <= 0 || len(all) <= width {
		return all
	}
	var b strings.Builder
	for i, it := range items {
		more := fmt.Sprintf(" +%d", len(items)-i)
		if b.Len()+len(it)+2+len(more) > width {
			if i == 0 {
				more = more[1:] // no item to keep apart from
			}
			b.WriteString(more)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(it)
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func writeJSON(app *App, v any) error {
	enc := json.NewEncoder(app.Out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

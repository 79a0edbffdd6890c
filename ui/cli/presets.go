package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

func presetStore(app *App) (presets.Store, error) {
	dir, err := presets.Dir(app.Getenv)
	if err != nil {
		return presets.Store{}, err
	}
	return presets.Store{Dir: dir, Now: app.Now}, nil
}

// isPresetProblem tells the errors of a preset the user named or wrote:
// bad usage, not a failure of the API.
func isPresetProblem(err error) bool {
	for _, target := range []error{presets.ErrInvalidName, presets.ErrNotFound, presets.ErrExists, presets.ErrCorrupt, presets.ErrNewerVersion, presets.ErrAccessTokens, presets.ErrInvalid} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

func newPresetsCmd(app *App, g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "presets",
		Short: "Save token setups once and replay them (list, show, save, rm, rename, export, import)",
		Long: `A preset is a saved setup: use case, request fields, networks and
destinations. Replay one with 'meshlink token --preset NAME': it sends the
body as saved, with a new value on every run for the fields saved as fresh
(presets save --transaction-id auto). Presets never hold credentials.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newPresetsListCmd(app, g),
		newPresetsShowCmd(app, g),
		newPresetsSaveCmd(app, g),
		&cobra.Command{
			Use:   "rm NAME",
			Short: "Delete a preset",
			Args:  exactArgs(1, "NAME"),
			RunE: func(cmd *cobra.Command, args []string) error {
				store, err := presetStore(app)
				if err != nil {
					return err
				}
				if err := store.Delete(args[0]); err != nil {
					return err
				}
				g.note(app, "deleted preset %q", args[0])
				return nil
			},
		},
		&cobra.Command{
			Use:   "rename OLD NEW",
			Short: "Rename a preset",
			Args:  exactArgs(2, "OLD NEW"),
			RunE: func(cmd *cobra.Command, args []string) error {
				store, err := presetStore(app)
				if err != nil {
					return err
				}
				if err := store.Rename(args[0], args[1]); err != nil {
					return err
				}
				g.note(app, "renamed preset %q to %q", args[0], args[1])
				return nil
			},
		},
		&cobra.Command{
			Use:     "export NAME",
			Short:   "Print a preset's file on stdout, to share it",
			Example: "  meshlink presets export qa-payment > qa-payment.json",
			Args:    exactArgs(1, "NAME"),
			RunE: func(cmd *cobra.Command, args []string) error {
				store, err := presetStore(app)
				if err != nil {
					return err
				}
				b, err := store.Export(args[0])
				if err != nil {
					return err
				}
				_, err = app.Out.Write(b)
				return err
			},
		},
		newPresetsImportCmd(app, g),
	)
	return cmd
}

func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %s; see '%s --help'", cmd.CommandPath(), names, cmd.CommandPath())
		}
		return nil
	}
}

func newPresetsListCmd(app *App, g *globalFlags) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List presets: name, use case, environment, networks, last used",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, err := presetStore(app)
			if err != nil {
				return err
			}
			list, problems := store.List()
			for _, p := range problems {
				g.note(app, "warning: %v", p)
			}
			if asJSON {
				if list == nil {
					list = []presets.Summary{}
				}
				return writeJSON(app, list)
			}
			if len(list) == 0 {
				g.note(app, "no presets in %s yet: save one with 'meshlink presets save NAME --body FILE' or with s in the wizard", store.Dir)
				return nil
			}
			cat := loadCatalog(app, g)
			rows := make([][]string, len(list))
			for i, s := range list {
				rows[i] = []string{s.Name, string(s.UseCase), orDash(string(s.Environment)),
					fitList(networkNames(cat, s.NetworkIDs), 40), lastUsed(s.LastUsed, app.Now())}
			}
			return fitCatalogTable(app, g, presetColumns, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// presetColumns: the name stays longest, cut before anything goes.
var presetColumns = []column{
	{header: "NAME", keep: 100, cut: 16},
	{header: "USE CASE", keep: 80},
	{header: "ENV", keep: 60},
	{header: "NETWORKS", keep: 50, cut: 10},
	{header: "LAST USED", keep: 40},
}

func networkNames(cat *mesh.Catalog, ids []string) []string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id
		if n, ok := cat.Network(id); ok {
			names[i] = n.Name
		}
	}
	return names
}

func lastUsed(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return humanAge(now.Sub(t)) + " ago"
}

func newPresetsShowCmd(app *App, g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "show NAME",
		Short: "Show a preset, and the body it would send now",
		Args:  exactArgs(1, "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, err := presetStore(app)
			if err != nil {
				return err
			}
			p, err := store.Load(args[0])
			if err != nil {
				return err
			}
			file, err := presets.Encode(p)
			if err != nil {
				return err
			}
			body, err := mesh.EncodeBody(p.Body(nil))
			if err != nil {
				return err
			}
			path, _ := store.Path(p.Name)
			fmt.Fprintf(app.Out, "# %s\n%s\n# the body it would send now\n", path, file)
			for _, line := range replayed(p) {
				fmt.Fprintf(app.Out, "# %s\n", line)
			}
			fmt.Fprintf(app.Out, "%s", body)
			warnUnknownNetworks(app, g, p)
			return nil
		},
	}
}

// replayed says, of the ids a run may change, which are new on every run
// and which are sent as saved.
func replayed(p *presets.Preset) []string {
	var lines []string
	if p.IsFresh(presets.FreshUserID) {
		lines = append(lines, "userId: a new one on every run")
	}
	t := p.Request.TransferOptions
	switch {
	case t == nil:
	case p.IsFresh(presets.FreshTransactionID):
		lines = append(lines, "transactionId: a new one on every run")
	case t.TransactionID != "":
		lines = append(lines, fmt.Sprintf("transactionId: %q on every run, as saved", t.TransactionID))
	default:
		lines = append(lines, "transactionId: none is sent")
	}
	return lines
}

// warnUnknownNetworks: a preset may name networks the catalog has since
// forgotten; it still loads, with a warning.
func warnUnknownNetworks(app *App, g *globalFlags, p *presets.Preset) {
	cat := loadCatalog(app, g)
	for _, id := range p.NetworkIDs() {
		if _, ok := cat.Network(id); !ok {
			g.note(app, "warning: preset %q uses network %s, which the catalog does not know", p.Name, id)
		}
	}
}

func newPresetsImportCmd(app *App, g *globalFlags) *cobra.Command {
	var name string
	var force bool
	cmd := &cobra.Command{
		Use:     "import FILE",
		Short:   "Add a preset from an exported file (- for stdin)",
		Example: "  meshlink presets import qa-payment.json --name team-qa-payment",
		Args:    exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readInput(args[0], app.In)
			if err != nil {
				return err
			}
			store, err := presetStore(app)
			if err != nil {
				return err
			}
			p, err := store.Import(data, name, force)
			if err != nil {
				return withExistsHint(err, "--name to import under another name")
			}
			g.note(app, "imported preset %q (%s)", p.Name, p.UseCase)
			warnUnknownNetworks(app, g, p)
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "save under this name instead of the file's")
	cmd.Flags().BoolVar(&force, "force", false, "replace a preset of that name")
	return cmd
}

// presetRequest loads a preset for `token --preset`: the body with fresh
// values for this run. The preset's environment is only a note: production
// is used only when --env production is on the command line.
func presetRequest(ctx context.Context, app *App, g *globalFlags, name string) (*mesh.LinkTokenRequest, *presets.Preset, error) {
	store, err := presetStore(app)
	if err != nil {
		return nil, nil, err
	}
	p, err := store.Load(name)
	if err != nil {
		return nil, nil, err
	}
	warnUnknownNetworks(app, g, p)
	keepPresetEnvironment(app, g, p)
	return p.Body(nil), p, nil
}

// keepPresetEnvironment replays a preset where it was saved when the command
// line names no environment (--env, --base-url), and says so: demo always,
// sandbox when its keys are set, production only with --env production.
func keepPresetEnvironment(app *App, g *globalFlags, p *presets.Preset) {
	named := g.env != "" || g.baseURL != ""
	creds := app.credentials
	switch e := p.Environment; {
	case e == mesh.EnvProduction && g.env != string(mesh.EnvProduction) && g.baseURL == "":
		g.note(app, "preset %q was saved against production; it replays there only with --env production", p.Name)
	case named || e == mesh.DefaultEnvironment(creds):
	case e == mesh.EnvDemo:
		g.env = string(mesh.EnvDemo)
		g.note(app, "preset %q was saved for demo, so it goes to the demo server; --env sandbox sends it to sandbox", p.Name)
	case e == mesh.EnvSandbox:
		g.note(app, "preset %q was saved for sandbox; set MESH_CLIENT_ID and MESH_CLIENT_SECRET to replay it there", p.Name)
	}
}

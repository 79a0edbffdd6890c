package cli

import (
	"context"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
)

func newStatusCmd(app *App, g *globalFlags) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show whether each integration is up, as Mesh reports it (GET /api/v1/status)",
		Long: `Show Mesh's health of every integration: up or down, since when, the
outage's description and expected end, and the products it offers. Those
down come first.`,
		Example: "  meshlink status\n  meshlink status --json | jq -r '.[] | select(.isUp | not) | .name'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runStatus(cmd.Context(), app, g, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print Mesh's entries as JSON")
	return cmd
}

var statusColumns = []column{
	{header: "INTEGRATION", keep: 100, cut: 12},
	{header: "TYPE", keep: 30, cut: 10},
	{header: "STATE", keep: 90, paint: stateStyle},
	{header: "SINCE", keep: 70},
	{header: "UNTIL", keep: 35},
	{header: "DESCRIPTION", keep: 60, cut: 12},
	{header: "PRODUCTS", keep: 40, cut: 10},
}

func stateStyle(state string) style {
	if state == "up" {
		return good
	}
	return bad
}

func runStatus(ctx context.Context, app *App, g *globalFlags, asJSON bool) error {
	conn := &connector{app: app, g: g}
	defer conn.Close()
	cl, t, err := transfersClient(app, g, conn)
	if err != nil {
		return err
	}
	g.note(app, "fetching integration status from %s", conn.where(t, cl))
	health, err := cl.Status(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		if health == nil {
			health = []mesh.IntegrationHealth{}
		}
		return writeJSON(app, health)
	}
	slices.SortStableFunc(health, func(a, b mesh.IntegrationHealth) int {
		if a.IsUp != b.IsUp {
			if a.IsUp {
				return 1
			}
			return -1
		}
		return strings.Compare(strings.ToLower(a.DisplayName()), strings.ToLower(b.DisplayName()))
	})
	loc := app.Now().Location()
	when := func(ts *int64) string {
		if ts == nil || *ts == 0 {
			return "-"
		}
		return mesh.UnixTime(*ts).In(loc).Format("2006-01-02 15:04")
	}
	down := 0
	rows := make([][]string, len(health))
	for i, h := range health {
		state := "up"
		if !h.IsUp {
			state = "down"
			down++
		}
		rows[i] = []string{
			cell(h.DisplayName(), 40), cell(h.Type, 40), state, when(h.DownTimeStart), when(h.DownTimeEnd),
			cell(h.Description, 200), cell(strings.Join(h.SupportedProducts, ","), 200),
		}
	}
	if len(rows) > 0 {
		left, err := fitTable(app.Out, app.TerminalWidth, statusColumns, rows)
		if err != nil {
			return err
		}
		if len(left) > 0 {
			g.note(app, "left out for the terminal's width: %s (--json has every field)", strings.ToLower(strings.Join(left, ", ")))
		}
	}
	g.note(app, "%d of %s down", down, plural(len(health), "integration"))
	return nil
}

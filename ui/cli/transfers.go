package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
)

type transfersOptions struct {
	transactionID, id, userID, hash string
	integrations                    []string
	statuses                        []string
	from, to                        string
	count, offset                   int
	countSet                        bool // --count 0 is refused, not sent as no Count (Mesh's default)
	orderBy                         string
	desc, json                      bool
}

func newTransfersCmd(app *App, g *globalFlags) *cobra.Command {
	o := &transfersOptions{}
	cmd := &cobra.Command{
		Use:   "transfers",
		Short: "List the transfers Mesh made for your link tokens, and watch one until it is final",
		Long: `List the transfers Mesh initiated through Link (GET
/api/v1/transfers/managed/mesh), newest first unless --order-by says
otherwise: status, amount, network, where it came from, its hash and times.
--transaction-id finds the transfer of one link token (its
transferOptions.transactionId). The query is checked against Mesh's limits
before it is sent.

'meshlink transfers watch' follows one transfer until it succeeds or fails.`,
		Example: `  meshlink transfers
  meshlink transfers --transaction-id 3f1c0e9a-… --json | jq '.[0].status'
  meshlink transfers --status pending --status failed --from 24h
  meshlink transfers --user-id user-1234 --from 2027-03-01 --to 2027-03-07 --count 100
  meshlink transfers watch --transaction-id 3f1c0e9a-…`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.countSet = cmd.Flags().Changed("count")
			return runTransfers(cmd.Context(), app, g, o, cmd.Flags().Changed("order-by") || cmd.Flags().Changed("desc"))
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.transactionID, "transaction-id", "", "ClientTransactionId: the transactionId of the link token")
	f.StringVar(&o.id, "id", "", "Id: Mesh's id of the transfer (a UUID)")
	f.StringVar(&o.userID, "user-id", "", "UserId: the userId of the link token")
	f.StringVar(&o.hash, "hash", "", "Hash: the transfer's on-chain hash")
	f.StringArrayVar(&o.integrations, "integration-id", nil, "IntegrationIds: where the transfer came from, by catalog name or id (repeatable)")
	f.StringSliceVar(&o.statuses, "status", nil, "Statuses: pending, succeeded or failed (repeatable, or comma-separated)")
	f.StringVar(&o.from, "from", "", "FromTimestamp: created at or after TIME (2027-03-01, 2027-03-01T12:00:00Z, Unix seconds, or an age like 24h or 7d)")
	f.StringVar(&o.to, "to", "", "ToTimestamp: created at or before TIME (a date alone means its end)")
	f.IntVar(&o.count, "count", 0, fmt.Sprintf("Count: at most N transfers, 1 to %d (default: Mesh's, %d)", mesh.MaxTransfersCount, mesh.DefaultTransfersCount))
	f.IntVar(&o.offset, "offset", 0, "Offset: skip the first N (the next page)")
	f.StringVar(&o.orderBy, "order-by", "", "OrderBy: "+orderByNames()+" (default: createdTimestamp, newest first)")
	f.BoolVar(&o.desc, "desc", false, "DescendingOrder: sort from the largest down")
	f.BoolVar(&o.json, "json", false, "print Mesh's items as they came, a JSON array")
	cmd.AddCommand(newWatchCmd(app, g))
	return cmd
}

func orderByNames() string { return strings.Join(orderBys(), ", ") }

// query turns the flags into Mesh's query; sorted says the user chose the
// order (else newest first).
func (o *transfersOptions) query(app *App, g *globalFlags, sorted bool) (mesh.TransfersQuery, error) {
	q := mesh.TransfersQuery{
		ClientTransactionID: o.transactionID, ID: o.id, UserID: o.userID, Hash: o.hash,
		Count: o.count, Offset: o.offset, OrderBy: mesh.TransferOrderBy(o.orderBy), DescendingOrder: o.desc,
	}
	if !sorted {
		q.OrderBy, q.DescendingOrder = mesh.OrderByCreatedTimestamp, true
	}
	for _, s := range o.statuses {
		q.Statuses = append(q.Statuses, mesh.TransferStatus(strings.ToLower(strings.TrimSpace(s))))
	}
	var ps mesh.Problems
	if o.countSet && o.count == 0 {
		ps = append(ps, mesh.Problem{Path: "Count", Message: fmt.Sprintf("0 is not from 1 to %d", mesh.MaxTransfersCount)})
	}
	if len(o.integrations) > 0 {
		cat := loadCatalog(app, g)
		for _, name := range o.integrations {
			id, err := cat.IntegrationID(name)
			if err != nil {
				ps = append(ps, mesh.Problem{Path: "IntegrationIds", Message: err.Error()})
				continue
			}
			q.IntegrationIDs = append(q.IntegrationIDs, id)
		}
	}
	now := app.Now()
	var err error
	if o.from != "" {
		if q.FromTimestamp, err = parseWhen(o.from, now, false); err != nil {
			ps = append(ps, mesh.Problem{Path: "FromTimestamp", Message: err.Error()})
		}
	}
	if o.to != "" {
		if q.ToTimestamp, err = parseWhen(o.to, now, true); err != nil {
			ps = append(ps, mesh.Problem{Path: "ToTimestamp", Message: err.Error()})
		}
	}
	if ps = append(ps, q.Validate().Errors()...); len(ps) > 0 {
		return q, invalidQuery(ps)
	}
	return q, nil
}

// queryFlags name the flag that sets each of Mesh's parameters.
var queryFlags = map[string]string{
	"Count": "--count", "Offset": "--offset", "Id": "--id", "ClientTransactionId": "--transaction-id",
	"UserId": "--user-id", "IntegrationIds": "--integration-id", "Statuses": "--status",
	"FromTimestamp": "--from", "ToTimestamp": "--to", "OrderBy": "--order-by", "Hash": "--hash",
}

// invalidQuery is a query refused before sending, each problem with its flag.
func invalidQuery(ps mesh.Problems) error {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
		if f := queryFlags[p.Path]; f != "" {
			lines[i] = f + " (" + p.Path + "): " + p.Message
		}
	}
	return &UsageError{"the query was not sent:\n  " + strings.Join(lines, "\n  ")}
}

// parseWhen reads a time: RFC 3339, a date (its start, or with end its
// last second), a date and time, Unix seconds, or an age (24h, 90m, 7d).
func parseWhen(s string, now time.Time, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0), nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 && n <= 36500 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			return t, nil
		}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, now.Location()); err == nil {
		if end {
			t = t.AddDate(0, 0, 1).Add(-time.Second)
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: give 2027-03-01, 2027-03-01 12:00, 2027-03-01T12:00:00Z, Unix seconds, or an age like 24h or 7d", s)
}

// where names the host of a lookup (transfers, status) for notes: the
// token's wording (describe) is about what tokens do there.
func (c *connector) where(t mesh.Target, cl *mesh.Client) string {
	switch {
	case t.Env == mesh.EnvDemo && c.shared != "":
		return "the `meshlink demo-server` at " + cl.BaseURL
	case t.Env == mesh.EnvDemo:
		return "meshlink's built-in demo server (" + cl.BaseURL + "), which starts empty each run"
	case t.Env == mesh.EnvProduction:
		return "PRODUCTION (" + cl.BaseURL + ")"
	case t.Env == mesh.EnvCustom:
		return cl.BaseURL
	}
	return string(t.Env) + " (" + cl.BaseURL + ")"
}

// transfersClient is a client for the run's target, and where it goes.
func transfersClient(app *App, g *globalFlags, conn *connector) (*mesh.Client, mesh.Target, error) {
	t, err := resolveTarget(app, g)
	if err != nil {
		return nil, t, err
	}
	cl, err := conn.client(t)
	if err != nil {
		return nil, t, err
	}
	cl.OnRetry = func(attempt int, wait time.Duration, reason error) {
		g.note(app, "attempt %d failed (%s); retrying in %s", attempt, firstLine(reason.Error()), wait.Round(100*time.Millisecond))
	}
	return cl, t, nil
}

func runTransfers(ctx context.Context, app *App, g *globalFlags, o *transfersOptions, sorted bool) error {
	q, err := o.query(app, g, sorted)
	if err != nil {
		return err
	}
	conn := &connector{app: app, g: g}
	defer conn.Close()
	cl, t, err := transfersClient(app, g, conn)
	if err != nil {
		return err
	}
	g.note(app, "listing transfers from %s", conn.where(t, cl))
	page, err := cl.Transfers(ctx, q)
	if err != nil {
		return err
	}
	if o.json {
		err = writeRawArray(app, page.Raw)
	} else if len(page.Transfers) > 0 {
		err = printTransfers(app, g, page.Transfers)
	}
	if err != nil {
		return err
	}
	switch {
	case len(page.Transfers) == 0 && q.Offset > 0:
		g.note(app, "no transfers past the first %d (of %d) match", q.Offset, page.Total)
	case len(page.Transfers) == 0 && conn.ephemeral():
		g.note(app, "no transfers match: the demo server inside this run has made none. Demo transfers live in a running `meshlink demo-server` (%s)", demoUse(app))
	case len(page.Transfers) == 0:
		g.note(app, "no transfers match")
	case page.More(q.Offset):
		g.note(app, "transfers %d to %d of %d; --offset %d shows the next", q.Offset+1, q.Offset+len(page.Transfers), page.Total, q.Offset+len(page.Transfers))
	}
	return nil
}

// writeRawArray prints items as a JSON array, each as it came.
func writeRawArray(app *App, items []json.RawMessage) error {
	var b strings.Builder
	b.WriteString("[")
	for i, it := range items {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(it)
	}
	if len(items) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := fmt.Fprint(app.Out, b.String())
	return err
}

// transferColumns: status, amount, created time and hash stay longest;
// the source, network and transactionId are cut before anything goes.
var transferColumns = []column{
	{header: "STATUS", keep: 100, paint: transferStyle},
	{header: "AMOUNT", keep: 90},
	{header: "NETWORK", keep: 50, cut: 8},
	{header: "FROM", keep: 40, cut: 8},
	{header: "HASH", keep: 60},
	{header: "CREATED", keep: 80},
	{header: "EXECUTED", keep: 30},
	{header: "TRANSACTION", keep: 55, cut: 12},
}

func printTransfers(app *App, g *globalFlags, ts []mesh.Transfer) error {
	loc := app.Now().Location()
	rows := make([][]string, len(ts))
	for i, t := range ts {
		from := ""
		if t.From != nil {
			from = t.From.Name
			if from == "" {
				from = t.From.Type
			}
		}
		executed := "-"
		if t.ExecutedTimestamp != nil {
			executed = mesh.UnixTime(*t.ExecutedTimestamp).In(loc).Format("2006-01-02 15:04")
		}
		rows[i] = []string{
			cell(string(t.Status), 20), amount(t.Amount, t.Symbol), cell(t.NetworkName, 40), cell(from, 40),
			shortHash(t.Hash), mesh.UnixTime(t.CreatedTimestamp).In(loc).Format("2006-01-02 15:04"), executed,
			cell(t.ClientTransactionID, 128),
		}
	}
	left, err := fitTable(app.Out, app.TerminalWidth, transferColumns, rows)
	if len(left) > 0 {
		g.note(app, "left out for the terminal's width: %s (--json has every field)", strings.ToLower(strings.Join(left, ", ")))
	}
	return err
}

// transferStyle colours a transfer's status as Mesh words it.
func transferStyle(status string) style {
	switch s := mesh.TransferStatus(status); {
	case s.Is(mesh.TransferSucceeded):
		return good
	case s.Is(mesh.TransferFailed):
		return bad
	case s.Is(mesh.TransferPending):
		return caution
	}
	return plain
}

// amount is "25 USDC": the amount as Mesh sent it, then the symbol.
func amount(a float64, symbol string) string {
	return strings.TrimSpace(strconv.FormatFloat(a, 'f', -1, 64) + " " + mesh.CleanText(symbol))
}

// shortHash keeps a hash's start and end, enough to tell it from others
// and to find it in an explorer.
func shortHash(h string) string {
	h = mesh.CleanText(h)
	if r := []rune(h); len(r) > 13 {
		return string(r[:6]) + "…" + string(r[len(r)-4:])
	}
	return cell(h, 13)
}

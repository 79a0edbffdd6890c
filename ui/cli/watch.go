package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets/history"
)

// defaultWatchTimeout is how long watch waits when --timeout is not
// given: an exchange transfer can sit pending for minutes.
const defaultWatchTimeout = 15 * time.Minute

type watchOptions struct {
	transactionID string
	json          bool
	interval      time.Duration
	timeout       time.Duration
}

func newWatchCmd(app *App, g *globalFlags) *cobra.Command {
	o := &watchOptions{}
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "Follow one transfer until it succeeds or fails, printing each change of status",
		Long: `Poll the newest transfer of a link token's transactionId until its status is
final, printing each change once, with the time. Without --transaction-id it
watches the newest fetch in 'meshlink history' that has one (from the same
environment and host), and says which.

Polls start --interval apart and grow to 15 s while nothing changes; a 429's
Retry-After is honoured. --timeout bounds the whole watch (default 15m).
Exit status: 0 succeeded, 1 failed or timed out (it says which), 2 bad
usage, 130 interrupted.`,
		Example: `  meshlink transfers watch --transaction-id 3f1c0e9a-…
  meshlink transfers watch                      # the newest fetch with a transactionId
  meshlink transfers watch --json --timeout 30m | jq -r .status`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWatch(cmd.Context(), app, g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.transactionID, "transaction-id", "", "the link token's transactionId (default: the newest in the history)")
	f.BoolVar(&o.json, "json", false, `print one JSON object a change: {"time","transactionId","status","transfer"}, the transfer as Mesh sent it`)
	f.DurationVar(&o.interval, "interval", mesh.DefaultWatchInterval, "the first wait between polls")
	// Its own --timeout, over the API's: a watch outlasts one call.
	f.DurationVar(&o.timeout, "timeout", defaultWatchTimeout, fmt.Sprintf("give up when the status is not final after this long (each poll gives up after %s)", mesh.DefaultTimeout))
	return cmd
}

// TransferFailedError is a watched transfer that ended failed.
type TransferFailedError struct {
	TransactionID, TransferID string
}

func (e *TransferFailedError) Error() string {
	return fmt.Sprintf("the transfer of transactionId %q failed (Mesh's transfer id %s)", e.TransactionID, e.TransferID)
}

func runWatch(ctx context.Context, app *App, g *globalFlags, o *watchOptions) error {
	switch {
	case o.interval < 10*time.Millisecond:
		return usagef("--interval %s: give at least 10ms, like 2s", o.interval)
	case o.timeout <= 0:
		return usagef("--timeout %s: give a duration like 10m", o.timeout)
	}
	conn := &connector{app: app, g: g}
	defer conn.Close()
	cl, t, err := transfersClient(app, g, conn)
	if err != nil {
		return err
	}
	txID := o.transactionID
	if txID == "" {
		if txID, err = newestTransactionID(app, g, cl); err != nil {
			return err
		}
	} else if ps := (mesh.TransfersQuery{ClientTransactionID: txID}).Validate(); len(ps) > 0 {
		return invalidQuery(ps)
	}
	cl.Timeout = min(cl.Timeout, o.timeout)
	g.note(app, "watching transactionId %s at %s, for up to %s; ctrl+c stops", txID, conn.where(t, cl), o.timeout)
	loc := app.Now().Location()
	var prev *mesh.Transfer
	w := mesh.TransferWatch{
		Client: cl, TransactionID: txID, Timeout: o.timeout, Interval: o.interval,
		OnChange: func(c mesh.TransferChange) {
			if !c.Exists() {
				g.note(app, "no transfer yet for transactionId %s: one appears once the user confirms in Link", txID)
				return
			}
			if o.json {
				_ = writeChange(app, txID, c)
				return
			}
			status := cell(string(c.Transfer.Status), 20)
			out := spansFor(app.Out)
			out.plain(c.At.In(loc).Format("15:04:05") + "  ")
			out.add(transferStyle(status), status)
			out.plain(strings.Repeat(" ", max(9-utf8.RuneCountInString(status), 0)) + "  " + changeDetails(c.Transfer, prev, loc) + "\n")
			_ = out.writeTo(app.Out)
			prev = &c.Transfer
		},
		OnRetry: func(err error, wait time.Duration) {
			g.note(app, "%s; polling again in %s", firstLine(err.Error()), wait.Round(100*time.Millisecond))
		},
	}
	last, err := w.Run(ctx)
	if err != nil {
		return err
	}
	if last.Transfer.Status.Is(mesh.TransferFailed) {
		return &TransferFailedError{TransactionID: txID, TransferID: last.Transfer.ID}
	}
	return nil
}

type changeJSON struct {
	Time          time.Time       `json:"time"`
	TransactionID string          `json:"transactionId"`
	Status        string          `json:"status"`
	Transfer      json.RawMessage `json:"transfer"`
}

// writeChange prints one change as a line of JSON.
func writeChange(app *App, txID string, c mesh.TransferChange) error {
	b, err := json.Marshal(changeJSON{c.At.UTC(), txID, string(c.Transfer.Status), c.Raw})
	if err != nil {
		return err
	}
	_, err = app.Out.Write(append(b, '\n'))
	return err
}

// changeDetails says in one line what a person wants to know of a
// transfer: all of it the first time, then what is new.
func changeDetails(t mesh.Transfer, prev *mesh.Transfer, loc *time.Location) string {
	var parts []string
	if prev == nil || prev.ID != t.ID {
		s := amount(t.Amount, t.Symbol)
		if t.NetworkName != "" {
			s += " on " + mesh.CleanText(t.NetworkName)
		}
		if t.From != nil && t.From.Name != "" {
			s += " from " + mesh.CleanText(t.From.Name)
		}
		parts = append(parts, s)
		prev = &mesh.Transfer{}
	}
	if t.Hash != "" && t.Hash != prev.Hash {
		parts = append(parts, "hash "+mesh.CleanText(t.Hash))
	}
	if t.ExecutedTimestamp != nil && prev.ExecutedTimestamp == nil {
		parts = append(parts, "executed "+mesh.UnixTime(*t.ExecutedTimestamp).In(loc).Format("15:04:05"))
	}
	if len(parts) == 0 || prev.ID == "" {
		parts = append(parts, "transfer "+mesh.CleanText(t.ID))
	}
	return strings.Join(parts, " · ")
}

// newestTransactionID is the transactionId of the newest successful fetch
// from cl's host that has one, said on stderr.
func newestTransactionID(app *App, g *globalFlags, cl *mesh.Client) (string, error) {
	entries, _, err := readHistory(app, g)
	if err != nil {
		return "", err
	}
	var elsewhere *history.Entry
	for i, e := range entries {
		if e.TransactionID == "" || !e.OK {
			continue
		}
		if e.Host != cl.Host() {
			if elsewhere == nil {
				elsewhere = &entries[i]
			}
			continue
		}
		g.note(app, "the newest fetch with a transactionId here is history entry %d (%s, %s)", i+1, e.Time.In(app.Now().Location()).Format("2006-01-02 15:04"), e.UseCase)
		return e.TransactionID, nil
	}
	if elsewhere != nil {
		return "", usagef("no fetch from %s in the history has a transactionId; the newest that does went to %s (%s): give --transaction-id, or --env/--base-url to watch there", cl.Host(), mesh.CleanText(elsewhere.Host), elsewhere.Environment)
	}
	return "", usagef("no fetch in the history has a transactionId: give --transaction-id ID (a token's transactionId, set with token --transaction-id)")
}

package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/webhook"
)

type webhooksSendOptions struct {
	to         string
	statuses   []string
	duplicate  bool
	outOfOrder bool
	retry      bool
	schedule   []time.Duration

	transactionID, userID, transferID string
	token, chain, amount, address     string
	provider                          string
}

// Made-up values for a delivery when neither a flag nor the history gives
// one: the worked example's (../shared/mesh-after-token.md §2.6).
var sendDefaults = webhook.Delivery{
	UserID: "user-123", Chain: "Ethereum", Token: "USDC", SourceAmount: "25.0", DestinationAmount: "25.0",
	DestinationAddress: "0x0Ff0000f0A0f0000F0F000000000ffFf00f0F0f0", SourceAccountProvider: "Binance",
}

func newWebhooksSendCmd(app *App, g *globalFlags) *cobra.Command {
	o := &webhooksSendOptions{}
	cmd := &cobra.Command{
		Use:   "send",
		Short: "Sign synthetic deliveries with MESH_WEBHOOK_SECRET and post them to your endpoint",
		Long: `Post one transfer's webhooks to your endpoint as Mesh would: one delivery per
status in --status, in that order, each with its own EventId and a new Id per
attempt, signed with X-Mesh-Signature-256 using MESH_WEBHOOK_SECRET. Prints
what the endpoint answered to each.

The transfer's values (userId, transactionId, token, network, address, amount)
come from the flags, else from the newest history entry (the one with
--transaction-id when it is in the history), else made-up ones. TransferStatus
is sent as typed in --status (Mesh's example sends "Pending"; its docs list
"pending": your endpoint should take both).

--retry-until-2xx retries a delivery that got no 2xx, with the same EventId
and a new Id, after 1s, 5s, 30s, 2m and 10m. Mesh retries but does not say
on what schedule; that one is meshlink's. --retry-schedule shortens it.

Plain http only to this machine (127.0.0.1, [::1], localhost); https anywhere.
Exit status 1 when an event never got a 2xx.`,
		Example: `  meshlink webhooks send --to http://127.0.0.1:3000/api/mesh/webhook
  meshlink webhooks send --to http://127.0.0.1:8787 --status pending,failed --duplicate
  meshlink webhooks send --to http://127.0.0.1:3000/hook --out-of-order --retry-schedule 100ms,1s`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.retry = o.retry || cmd.Flags().Changed("retry-schedule")
			return runWebhooksSend(cmd.Context(), app, g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.to, "to", "", "your endpoint's URL (required)")
	f.StringSliceVar(&o.statuses, "status", []string{"pending", "succeeded"}, "the transfer's statuses, one delivery each, in order")
	f.BoolVar(&o.duplicate, "duplicate", false, "deliver each event twice: the same EventId, a new Id (Mesh delivers at least once)")
	f.BoolVar(&o.outOfOrder, "out-of-order", false, "deliver the events last first (their Timestamps stay in order)")
	f.BoolVar(&o.retry, "retry-until-2xx", false, "retry a delivery that got no 2xx, on the schedule of --retry-schedule")
	f.DurationSliceVar(&o.schedule, "retry-schedule", webhook.RetrySchedule, "the waits before each retry (implies --retry-until-2xx)")
	f.StringVar(&o.transactionID, "transaction-id", "", "TransactionId (default: the newest history entry's, else a new UUID)")
	f.StringVar(&o.userID, "user-id", "", "UserId")
	f.StringVar(&o.transferID, "transfer-id", "", "TransferId (default: a new UUID)")
	f.StringVar(&o.token, "token", "", "Token, the symbol: USDC")
	f.StringVar(&o.chain, "chain", "", "Chain, the network's name: Ethereum")
	f.StringVar(&o.amount, "amount", "", "SourceAmount and DestinationAmount: 25.0")
	f.StringVar(&o.address, "address", "", "DestinationAddress")
	f.StringVar(&o.provider, "provider", "", "SourceAccountProvider: Binance")
	return cmd
}

func runWebhooksSend(ctx context.Context, app *App, g *globalFlags, o *webhooksSendOptions) error {
	if o.to == "" {
		return usagef("--to URL is required: your endpoint, like http://127.0.0.1:3000/api/mesh/webhook (or a 'meshlink webhooks listen' at http://%s)", defaultListenAddr)
	}
	if err := webhook.CheckURL(o.to); err != nil {
		return usagef("--to: %v", err)
	}
	statuses, err := parseStatuses(o.statuses)
	if err != nil {
		return err
	}
	if o.outOfOrder && len(statuses) < 2 {
		return usagef("--out-of-order needs two statuses or more, like --status pending,succeeded")
	}
	if o.amount != "" {
		if _, err := mesh.ParseDecimal(o.amount); err != nil {
			return usagef("--amount %q is not a number like 25.0", o.amount)
		}
	}
	for _, d := range o.schedule {
		if d < 0 {
			return usagef("--retry-schedule: %s is negative", d)
		}
	}
	secrets, err := webhookSecrets(app, true)
	if err != nil {
		return err
	}
	base, from := sendValues(app, o)
	for _, s := range statuses {
		if !slices.ContainsFunc([]mesh.TransferStatus{mesh.TransferPending, mesh.TransferSucceeded, mesh.TransferFailed}, s.Is) {
			g.note(app, "note: %q is not a status Mesh documents (pending, succeeded, failed); sent as given", string(s))
		}
	}
	g.note(app, "signing with %s; values from %s", secrets.Main.Name, from)
	g.note(app, "TransferId %s, TransactionId %s", base.TransferID, mesh.CleanText(base.TransactionID))

	events := make([]webhook.Delivery, len(statuses))
	start := app.Now().UnixMilli()
	for i, s := range statuses {
		d := base
		d.EventID, d.TransferStatus = uuid.NewString(), s
		d.Timestamp = json.Number(strconv.FormatInt(start+int64(i), 10))
		if s.Is(mesh.TransferSucceeded) {
			d.TxHash = randomTxHash()
		}
		events[i] = d
	}
	if o.outOfOrder {
		slices.Reverse(events)
	}
	client := webhook.NewClient()
	client.Transport = app.HTTPClient.Transport
	p := webhook.Poster{URL: o.to, Secret: secrets.Main, Client: client, Now: app.Now}
	var schedule []time.Duration
	if o.retry {
		schedule = o.schedule
	}
	unacknowledged := 0
	for _, d := range events {
		for n := range 1 + btoi(o.duplicate) {
			label := ""
			if n > 0 {
				label = "duplicate"
			}
			last := p.Post(ctx, d, schedule, func(a webhook.Attempt) { printAttempt(app, a, label, len(schedule)) })
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if !last.OK() {
				unacknowledged++
			}
		}
	}
	if unacknowledged > 0 {
		return fmt.Errorf("%d of %d deliveries got no 2xx from %s: Mesh would count them as failed", unacknowledged, len(events)*(1+btoi(o.duplicate)), mesh.CleanText(o.to))
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parseStatuses takes --status as typed: words, no empty ones.
func parseStatuses(in []string) ([]mesh.TransferStatus, error) {
	var out []mesh.TransferStatus
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s == "" || strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '_' }) {
			return nil, usagef("--status %q is not a list of statuses like pending,succeeded", strings.Join(in, ","))
		}
		out = append(out, mesh.TransferStatus(s))
	}
	if len(out) == 0 {
		return nil, usagef("--status needs at least one status, like pending,succeeded")
	}
	return out, nil
}

func randomTxHash() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return "0x" + hex.EncodeToString(b)
}

// historyTransfer is what send reads of a history entry's request.
type historyTransfer struct {
	UserID          string `json:"userId"`
	TransferOptions struct {
		TransactionID string `json:"transactionId"`
		ToAddresses   []struct {
			NetworkID string      `json:"networkId"`
			Symbol    string      `json:"symbol"`
			Address   string      `json:"address"`
			Amount    json.Number `json:"amount"`
		} `json:"toAddresses"`
	} `json:"transferOptions"`
}

// sendValues fills a delivery from the flags, the history and the
// defaults, and says where the values came from.
func sendValues(app *App, o *webhooksSendOptions) (webhook.Delivery, string) {
	d := sendDefaults
	from := "the defaults (no history)"
	if log, ok, err := historyLog(app); ok && err == nil {
		entries, _, _ := log.Read()
		for i, e := range entries {
			if o.transactionID != "" && e.TransactionID != o.transactionID {
				continue
			}
			var r historyTransfer
			_ = json.Unmarshal(e.Request, &r)
			d.UserID = firstOf(e.UserID, r.UserID, d.UserID)
			d.TransactionID = firstOf(e.TransactionID, r.TransferOptions.TransactionID)
			if to := r.TransferOptions.ToAddresses; len(to) > 0 {
				d.Token, d.DestinationAddress = firstOf(to[0].Symbol, d.Token), firstOf(to[0].Address, d.DestinationAddress)
				if n, ok := mesh.Snapshot().Network(to[0].NetworkID); ok {
					d.Chain = n.Name
				}
				if to[0].Amount != "" {
					d.SourceAmount, d.DestinationAmount = to[0].Amount, to[0].Amount
				}
			}
			from = fmt.Sprintf("history entry %d (%s, %s, userId %s)", i+1, e.Time.Local().Format("2006-01-02 15:04"), orDash(string(e.UseCase)), mesh.CleanText(d.UserID))
			break
		}
		if o.transactionID != "" && strings.HasPrefix(from, "the defaults") {
			from = "the defaults (no history entry has that transactionId)"
		}
	}
	d.TransactionID = firstOf(o.transactionID, d.TransactionID, uuid.NewString())
	d.UserID = firstOf(o.userID, d.UserID)
	d.TransferID = firstOf(o.transferID, uuid.NewString())
	d.Token = firstOf(o.token, d.Token)
	d.Chain = firstOf(o.chain, d.Chain)
	d.DestinationAddress = firstOf(o.address, d.DestinationAddress)
	d.SourceAccountProvider = firstOf(o.provider, d.SourceAccountProvider)
	if o.amount != "" {
		d.SourceAmount, d.DestinationAmount = json.Number(o.amount), json.Number(o.amount)
	}
	return d, from
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// printAttempt says what the endpoint answered to one attempt; of is the
// number of retries the schedule allows.
func printAttempt(app *App, a webhook.Attempt, label string, of int) {
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s EventId %s  Id %s", mesh.CleanText(string(a.Delivery.TransferStatus)), a.Delivery.EventID, a.Delivery.ID)
	if label != "" {
		fmt.Fprintf(&b, "  (%s)", label)
	}
	if a.N > 1 {
		fmt.Fprintf(&b, "  (retry %d)", a.N-1)
	}
	b.WriteString("  → " + answered(a.Status, a.Err, a.Took))
	if a.Answer != "" && !a.OK() {
		fmt.Fprintf(&b, ": %q", strings.TrimSpace(a.Answer))
	}
	switch {
	case !a.Last:
		fmt.Fprintf(&b, "; retry %d of %d in %s", a.N, of, a.RetryIn)
	case !a.OK() && of > 0:
		fmt.Fprintf(&b, "; no retry left after %d attempts", a.N)
	case !a.OK():
		b.WriteString("; not retried (--retry-until-2xx retries)")
	}
	fmt.Fprintln(app.Out, b.String())
}

// answered is an HTTP answer as Mesh would see it: the status and the
// time, and when Mesh would not take it as delivered, why.
func answered(status int, err error, took time.Duration) string {
	switch {
	case err != nil:
		return fmt.Sprintf("no answer after %s (%s): Mesh would retry", millis(took), mesh.CleanText(err.Error()))
	case status < 200 || status > 299:
		return fmt.Sprintf("%d %s in %s: not a 2xx, Mesh would retry", status, http.StatusText(status), millis(took))
	case took > webhook.AnswerBudget:
		return fmt.Sprintf("%d %s in %s: past the %s Mesh allows, Mesh would retry", status, http.StatusText(status), millis(took), millis(webhook.AnswerBudget))
	case status != http.StatusOK:
		return fmt.Sprintf("%d %s in %s (Mesh asks for 200; whether it takes other 2xx is not documented)", status, http.StatusText(status), millis(took))
	}
	return fmt.Sprintf("%d OK in %s", status, millis(took))
}

func millis(d time.Duration) string {
	if d < time.Millisecond {
		return "<1 ms"
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

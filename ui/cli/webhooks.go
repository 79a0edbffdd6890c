package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/webhook"
)

func newWebhooksCmd(app *App, g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "webhooks",
		Short: "Receive, check and send Mesh's transfer webhooks on this machine",
		Long: `Mesh posts each change of a transfer's status to the URL registered for the
environment, signed with X-Mesh-Signature-256 (HMAC-SHA256 of the raw body,
base64). These commands rehearse that on this machine, without a public URL:

  listen   receive deliveries, check each signature, flag duplicates
  verify   check one captured delivery and say why a signature fails
  send     sign and post synthetic deliveries to your endpoint

The secret comes from MESH_WEBHOOK_SECRET only, never from a flag.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newWebhooksListenCmd(app, g), newWebhooksVerifyCmd(app), newWebhooksSendCmd(app, g))
	return cmd
}

// webhookSecrets reads MESH_WEBHOOK_SECRET (and the two per environment);
// need makes a missing one a usage error saying what to do.
func webhookSecrets(app *App, need bool) (webhook.Secrets, error) {
	s := webhook.SecretsFromEnv(app.Getenv)
	if need && !s.Main.Set() {
		return s, usagef("%s is not set: export it with the secret Mesh showed when you registered the webhook URI (any string for a rehearsal). meshlink takes it from the environment only, never from a flag, so it stays out of ps and your shell's history", webhook.SecretEnv)
	}
	return s, nil
}

// deliverySummary is one line on a delivery: its status, ids, amounts and
// token, every value cleaned for the terminal.
func deliverySummary(d webhook.Delivery) string {
	var b strings.Builder
	field := func(name, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %s %s", name, mesh.CleanText(v))
		}
	}
	status := mesh.CleanText(string(d.TransferStatus))
	if status == "" {
		status = "(no TransferStatus)"
	}
	b.WriteString(status)
	field("TransactionId", d.TransactionID)
	field("TransferId", d.TransferID)
	if amount := amounts(d); amount != "" {
		b.WriteString("  " + amount)
	}
	if chain := mesh.CleanText(d.Chain); chain != "" {
		b.WriteString(" on " + chain)
	}
	field("EventId", d.EventID)
	return b.String()
}

// amounts is "25.0 USDC" or "25.0 USDC sent, 24.9 received".
func amounts(d webhook.Delivery) string {
	token := mesh.CleanText(d.Token)
	src, dst := mesh.CleanText(d.SourceAmount.String()), mesh.CleanText(d.DestinationAmount.String())
	switch {
	case src == "" && dst == "":
		return token
	case dst == "" || dst == src:
		return strings.TrimSpace(src + " " + token)
	case src == "":
		return strings.TrimSpace(dst + " " + token + " received")
	}
	return fmt.Sprintf("%s %s sent, %s received", src, token, dst)
}

type webhooksVerifyOptions struct {
	body, signature, request string
	json                     bool
}

func newWebhooksVerifyCmd(app *App) *cobra.Command {
	o := &webhooksVerifyOptions{}
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check a captured delivery's signature and say why it fails",
		Long: `Check a delivery's X-Mesh-Signature-256 against its body with the secret in
MESH_WEBHOOK_SECRET: give the body and the header's value (--body and
--signature), or a raw dump of the whole HTTP request (--request), as a
tunnel's inspector or a proxy log keeps it.

When the signature does not match, verify says which usual mistake explains
it: the body re-serialised (whitespace, key order, escaping or numbers
changed by a JSON parser and encoder), a trailing newline, hex instead of
base64, a "sha256=" prefix, the other environment's secret (when
MESH_WEBHOOK_SECRET_SANDBOX or MESH_WEBHOOK_SECRET_PRODUCTION is set), or a
signature over a different body.

Exit status 0 when valid, 1 when invalid or missing, 2 when it cannot check.`,
		Example: `  meshlink webhooks verify --body delivery.json --signature 'LYtbBmvRSMv/EVJIQiNEZoWGSXFJLpib3NYFQpjMmtI='
  pbpaste | meshlink webhooks verify --request -`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWebhooksVerify(app, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.body, "body", "", "the delivery's body exactly as received: a file, or - for stdin")
	f.StringVar(&o.signature, "signature", "", "the X-Mesh-Signature-256 header's value")
	f.StringVar(&o.request, "request", "", "a raw dump of the whole HTTP request (headers, blank line, body): a file, or - for stdin")
	f.BoolVar(&o.json, "json", false, "print the verdict as JSON: signature, findings, notes")
	return cmd
}

func runWebhooksVerify(app *App, o *webhooksVerifyOptions) error {
	var c webhook.Captured
	switch {
	case o.request != "" && (o.body != "" || o.signature != ""):
		return usagef("--request reads the body and the signature from the dump: leave out --body and --signature")
	case o.request != "":
		dump, err := readInput(o.request, app.In)
		if err != nil {
			return err
		}
		if c, err = webhook.ReadRequest(dump); err != nil {
			return usagef("%s: %v", inputName(o.request), err)
		}
	case o.body == "" || o.signature == "":
		return usagef("give --body FILE and --signature VALUE (the X-Mesh-Signature-256 header's), or --request FILE with the whole request")
	default:
		body, err := readInput(o.body, app.In)
		if err != nil {
			return err
		}
		c = webhook.Captured{Body: body, Signature: trimHeaderName(o.signature)}
	}
	secrets, err := webhookSecrets(app, true)
	if err != nil {
		return err
	}
	check := webhook.CheckSignature(secrets, c.Body, c.Signature)
	d, parseErr := webhook.Parse(c.Body)
	if o.json {
		out := struct {
			webhook.Check
			Bytes   int      `json:"bytes"`
			Notes   []string `json:"notes,omitempty"`
			Payload any      `json:"payload,omitempty"`
		}{Check: check, Bytes: len(c.Body), Notes: c.Notes}
		if parseErr == nil {
			out.Payload = d
		}
		if err := writeJSON(app, out); err != nil {
			return err
		}
	} else {
		printVerdict(app.Out, check, len(c.Body), secrets.Main.Name)
		for _, n := range c.Notes {
			fmt.Fprintf(app.Out, "  note: %s\n", n)
		}
		if parseErr != nil {
			fmt.Fprintf(app.Out, "  note: %v\n", parseErr)
		} else {
			fmt.Fprintf(app.Out, "  %s\n", deliverySummary(d))
		}
	}
	if check.Verdict != webhook.Valid {
		return &verifyFailed{check.Verdict}
	}
	return nil
}

// verifyFailed ends verify with exit status 1; the output said why.
type verifyFailed struct{ verdict webhook.Verdict }

func (e *verifyFailed) Error() string { return "the signature is " + string(e.verdict) }

func printVerdict(w io.Writer, c webhook.Check, size int, secret string) {
	switch c.Verdict {
	case webhook.Valid:
		fmt.Fprintf(w, "valid: %s matches the %d-byte body with %s\n", webhook.SignatureHeader, size, secret)
	case webhook.Missing:
		fmt.Fprintf(w, "missing: no %s: Mesh signs every delivery, so this one did not come from Mesh, or a proxy on the way dropped the header\n", webhook.SignatureHeader)
	default:
		fmt.Fprintf(w, "invalid: %s does not match the %d-byte body with %s\n", webhook.SignatureHeader, size, secret)
		for _, f := range c.Findings {
			fmt.Fprintf(w, "  why: %s\n", f.Message)
		}
	}
}

// trimHeaderName lets --signature take the header line as copied.
func trimHeaderName(s string) string {
	s = strings.TrimSpace(s)
	if name, v, ok := strings.Cut(s, ":"); ok && strings.EqualFold(strings.TrimSpace(name), webhook.SignatureHeader) {
		return strings.TrimSpace(v)
	}
	return s
}

func inputName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return path
}

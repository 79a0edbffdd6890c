package cli

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
	"github.com/meshlink/meshlink/mesh/webhook"
)

// demoWebhookFlags are demo-server's flags for delivering webhooks.
type demoWebhookFlags struct {
	url        string
	duplicates bool
	schedule   []time.Duration

	generated string // a secret made up for the run, shown once
}

// demoDuplicateEvery is how often --webhook-duplicates delivers an event
// twice: the first, and every fourth after it.
const demoDuplicateEvery = 4

func (f *demoWebhookFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.url, "webhook-url", "", "post a signed webhook to this URL at each change of a transfer's status (secret: MESH_WEBHOOK_SECRET, else one made up and printed once)")
	fl.BoolVar(&f.duplicates, "webhook-duplicates", false, "deliver an event twice now and then (the first and every fourth), as Mesh may")
	fl.DurationSliceVar(&f.schedule, "webhook-retry-schedule", webhook.RetrySchedule, "the waits before each retry of a delivery that got no 2xx")
}

func (f *demoWebhookFlags) options(app *App, o *demo.WebhookOptions) error {
	if f.url == "" {
		if f.duplicates {
			return usagef("--webhook-duplicates needs --webhook-url")
		}
		return nil
	}
	if err := webhook.CheckURL(f.url); err != nil {
		return usagef("--webhook-url: %v", err)
	}
	secrets, _ := webhookSecrets(app, false)
	secret := secrets.Main
	if !secret.Set() {
		b := make([]byte, 24)
		_, _ = rand.Read(b)
		f.generated = "demo_" + base64.RawURLEncoding.EncodeToString(b)
		secret = webhook.NewSecret("the generated secret", f.generated)
	}
	*o = demo.WebhookOptions{URL: f.url, Secret: secret, RetrySchedule: f.schedule, OnAttempt: func(a webhook.Attempt) { f.log(app, a) }}
	if f.duplicates {
		o.DuplicateEvery = demoDuplicateEvery
	}
	return nil
}

func (f *demoWebhookFlags) announce(app *App) {
	if f.url == "" {
		return
	}
	fmt.Fprintf(app.Out, "Webhooks: each transfer's changes are posted to %s, signed", mesh.CleanText(f.url))
	if f.generated == "" {
		fmt.Fprintf(app.Out, " with %s.\n", webhook.SecretEnv)
		return
	}
	fmt.Fprintf(app.Out, " with a secret made up for this run (shown once; set %s to choose one):\n  %s=%s\n", webhook.SecretEnv, webhook.SecretEnv, f.generated)
}

// log says on stderr what became of each delivery attempt.
func (f *demoWebhookFlags) log(app *App, a webhook.Attempt) {
	d := a.Delivery
	line := fmt.Sprintf("%s webhook %s %s EventId %s", app.Now().Format("15:04:05"), mesh.CleanText(string(d.TransferStatus)), mesh.CleanText(d.TransactionID), d.EventID)
	if a.N > 1 {
		line += fmt.Sprintf(" (retry %d)", a.N-1)
	}
	switch {
	case a.Err == demo.ErrWebhookQueueFull:
		line += ": " + a.Err.Error()
	default:
		line += " → " + answered(a.Status, a.Err, a.Took)
		if !a.Last {
			line += fmt.Sprintf("; retry in %s", a.RetryIn)
		}
	}
	fmt.Fprintln(app.Err, line)
}

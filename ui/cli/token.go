package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/snippet"
	"github.com/meshlink/meshlink/presets"
)

type tokenOptions struct {
	req        requestFlags
	json       bool
	dryRun     bool
	curl       bool
	copy       bool
	snippet    string
	savePreset string
	qr         string
	open       bool
}

func newTokenCmd(app *App, g *globalFlags) *cobra.Command {
	o := &tokenOptions{}
	cmd := &cobra.Command{
		Use:   "token [flags]",
		Short: "Fetch one link token; the token alone goes to stdout",
		Long: `Build a link-token request from flags and/or a JSON body, check it against
Mesh's rules, and fetch the token. The token alone is printed on stdout; notes
and warnings go to stderr. Nothing invalid is ever sent.`,
		Example: `  meshlink token --use-case deposit --user-id user-1234 \
    --to solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj \
    --to ethereum:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F

  meshlink token --use-case payment --user-id user-1234 --transaction-id auto --pay-link \
    --to base:USDC:0x71C7656EC7ab88b098defB751B7401B5f6d8976F:99.99 \
    --to bitcoin:BTC:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq:0.00141,displayAmountInFiat=99.99

  meshlink token --use-case onramp --user-id user-1234 --integration-id "Binance Connect" \
    --amount-in-fiat 100 --to solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj

  meshlink token --use-case withdrawal --user-id user-1234
  meshlink token --use-case verify --user-id user-1234 --verify-network solana --verify-message "Prove it"
  meshlink token --use-case deposit --user-id u1 --json \
    --to xrpl:XRP:rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh,addressTag=12345

  meshlink token --use-case withdrawal --user-id user-1234 --dry-run > request.json
  meshlink token --body request.json --dry-run
  meshlink token --body request.json --dry-run --save-preset qa-withdrawal
  meshlink token --preset qa-withdrawal --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.req.changed = cmd.Flags().Changed
			return runToken(cmd.Context(), app, g, o)
		},
	}
	f := cmd.Flags()
	bindRequestFlags(f, &o.req)
	f.BoolVar(&o.json, "json", false, `print {"linkToken","paymentLink","linkUrl","expiresAt","environment","transactionId","warning"} instead of the token (every key always there, null when empty)`)
	f.BoolVar(&o.dryRun, "dry-run", false, "validate and print the JSON body; send nothing")
	f.BoolVar(&o.curl, "curl", false, "print the equivalent curl command (credentials as $MESH_CLIENT_ID/$MESH_CLIENT_SECRET); send nothing")
	f.BoolVar(&o.copy, "copy", false, "also copy the token to the clipboard")
	f.StringVar(&o.snippet, "snippet", "", "print the code that opens Link with the new token, for PLATFORM ("+snippet.Names()+"), instead of the token")
	f.StringVar(&o.savePreset, "save-preset", "", "also save the setup as preset NAME (after a successful fetch, or a --dry-run/--curl that passed the checks)")
	f.StringVar(&o.qr, "qr", "", "also write the pay link (else the Link URL) as a QR code to FILE.png, for a phone")
	f.BoolVar(&o.open, "open", false, "also open the pay link (else the Link URL) in the browser ($BROWSER if set)")
	return cmd
}

func runToken(ctx context.Context, app *App, g *globalFlags, o *tokenOptions) error {
	var platform snippet.Platform
	if o.snippet != "" {
		p, err := snippet.ParsePlatform(o.snippet)
		if err != nil {
			return usagef("--snippet: %v", err)
		}
		switch {
		case o.json:
			return usagef("give --json or --snippet, not both")
		case o.dryRun || o.curl:
			return usagef("--snippet embeds a fresh token, and --dry-run and --curl fetch none; for code without a token use `meshlink snippet %s`", p)
		}
		platform = p
	}
	if (o.dryRun || o.curl) && (o.qr != "" || o.open) {
		return usagef("--qr and --open show a fresh token's link, and --dry-run and --curl fetch none")
	}
	if o.qr != "" {
		if err := checkQRPath(o.qr); err != nil {
			return err
		}
	}
	if o.savePreset != "" {
		if err := checkSavePreset(app, o.savePreset); err != nil {
			return err
		}
	}
	req, preset, err := o.req.request(ctx, app, g)
	if err != nil {
		return err
	}
	if platform != "" {
		if err := snippet.CheckAccessTokens(req.AccessTokens); err != nil {
			return usagef("--snippet %s: %v (nothing was sent)", platform, err)
		}
	}
	if o.dryRun || o.curl {
		if o.curl {
			err = printCurl(app, g, req)
		} else {
			err = printBody(app, req)
		}
		if err == nil && o.savePreset != "" {
			var t mesh.Target
			if t, err = chooseTarget(app, g); err == nil {
				err = savePreset(app, g, o.savePreset, t.Env, req, preset, &o.req)
			}
		}
		return err
	}

	t, err := resolveTarget(app, g)
	if err != nil {
		return err
	}
	conn := &connector{app: app, g: g, ctx: ctx}
	defer conn.Close()
	client, err := conn.client(t)
	if err != nil {
		return err
	}
	client.OnRetry = func(attempt int, wait time.Duration, reason error) {
		g.note(app, "attempt %d failed (%s); retrying in %s", attempt, firstLine(reason.Error()), wait.Round(100*time.Millisecond))
	}
	g.note(app, "fetching a link token from %s", conn.describe(t, client))
	tok, err := client.LinkToken(ctx, req)
	if err != nil {
		return err
	}
	// From here the token exists: a step that fails still leaves it printed,
	// and the error says so (fetchedError), never "nothing was sent".
	var failed []error
	if platform != "" {
		failed = appendErr(failed, printFetchedSnippet(app, platform, tok, snippet.Options{
			Token: tok.Token, PaymentLink: tok.PaymentLink, AccessTokens: req.AccessTokens,
			Request: req, BaseURL: t.CurlBaseURL(),
		}))
	}
	if platform == "" || len(failed) > 0 {
		if err := printToken(app, t.Env, req, tok, o.json); err != nil {
			return err
		}
	}
	if tok.Suspicious != "" {
		g.warn(app, "%s", tok.Suspicious)
	}
	if tok.LinkURL != "" {
		g.note(app, "link URL: %s", tok.LinkURL)
	}
	if tok.PaymentLink != "" && !o.json {
		g.note(app, "pay link: %s", tok.PaymentLink)
	}
	g.note(app, "single use; expires at %s (%d minutes from now)", tok.ExpiresAt.Local().Format("15:04:05"), int(mesh.TokenLifetime.Minutes()))
	if preset != nil {
		if store, err := presetStore(app); err == nil {
			_ = store.Touch(preset.Name, app.Now()) // "last used" is a nicety; a failure costs nothing
		}
	}
	if o.savePreset != "" {
		if err := savePreset(app, g, o.savePreset, t.Env, req, preset, &o.req); err != nil {
			failed = append(failed, fmt.Errorf("the preset was not saved: %w", err))
		}
	}
	if o.copy {
		copyToken(app, g, tok.Token)
	}
	if conn.ephemeral() {
		g.note(app, "%s", demoLifetimeNote(app))
	}
	if o.open {
		failed = appendErr(failed, openLink(app, g, tok))
	}
	if o.qr != "" {
		failed = appendErr(failed, writeQR(app, g, o.qr, tok))
	}
	if len(failed) > 0 {
		return &fetchedError{failed}
	}
	return nil
}

// printFetchedSnippet prints the snippet of a fetched token, or says why
// there is none (the caller then prints the token).
func printFetchedSnippet(app *App, p snippet.Platform, tok *mesh.LinkToken, opts snippet.Options) error {
	if p == snippet.PayLink && tok.PayLinkRefused != "" {
		return fmt.Errorf("no %s snippet was printed: %s", p, tok.PayLinkRefused)
	}
	if err := printSnippet(app, p, opts); err != nil {
		return fmt.Errorf("no %s snippet was printed: %s", p, err.Error())
	}
	return nil
}

// fetchedError is a step after the fetch that failed (a snippet, --open,
// --qr, --save-preset): the token was fetched and printed, and Mesh counts
// it, so the run fails with status 1, never 2's "nothing was sent".
type fetchedError struct{ steps []error }

func (e *fetchedError) Error() string {
	msgs := make([]string, len(e.steps))
	for i, err := range e.steps {
		msgs[i] = err.Error()
	}
	return "the token was fetched and printed (it is live), but " + strings.Join(msgs, "; and ")
}

func appendErr(errs []error, err error) []error {
	if err != nil {
		return append(errs, err)
	}
	return errs
}

// tokenJSON is token --json. Every key is always there, null when it has
// no value, so `jq -r .paymentLink` and typed decoders see one shape.
type tokenJSON struct {
	LinkToken     string           `json:"linkToken"`
	PaymentLink   string           `json:"paymentLink"`
	LinkURL       string           `json:"linkUrl"`
	ExpiresAt     time.Time        `json:"expiresAt"`
	Environment   mesh.Environment `json:"environment"`
	TransactionID string           `json:"transactionId"`
	Warning       string           `json:"warning"`
}

func (t tokenJSON) MarshalJSON() ([]byte, error) {
	orNull := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	return json.Marshal(struct {
		LinkToken     string           `json:"linkToken"`
		PaymentLink   *string          `json:"paymentLink"`
		LinkURL       *string          `json:"linkUrl"`
		ExpiresAt     time.Time        `json:"expiresAt"`
		Environment   mesh.Environment `json:"environment"`
		TransactionID *string          `json:"transactionId"`
		Warning       *string          `json:"warning"`
	}{t.LinkToken, orNull(t.PaymentLink), orNull(t.LinkURL), t.ExpiresAt, t.Environment, orNull(t.TransactionID), orNull(t.Warning)})
}

func printToken(app *App, env mesh.Environment, req *mesh.LinkTokenRequest, tok *mesh.LinkToken, asJSON bool) error {
	if !asJSON {
		_, err := fmt.Fprintln(app.Out, tok.Token)
		return err
	}
	var txID string
	if req.TransferOptions != nil {
		txID = req.TransferOptions.TransactionID
	}
	return writeJSON(app, tokenJSON{tok.Token, tok.PaymentLink, tok.LinkURL, tok.ExpiresAt.UTC(), env, txID, tok.Suspicious})
}

func printBody(app *App, req *mesh.LinkTokenRequest) error {
	b, err := mesh.EncodeBody(req)
	if err != nil {
		return err
	}
	_, err = app.Out.Write(b)
	return err
}

func printCurl(app *App, g *globalFlags, req *mesh.LinkTokenRequest) error {
	t, err := chooseTarget(app, g)
	if err != nil {
		return err
	}
	if t.Env == mesh.EnvDemo {
		g.note(app, "the demo server lives inside meshlink; for curl, start it with `meshlink demo-server --addr %s`", mesh.DemoServerAddr)
	}
	s, err := t.CurlCommand(req)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(app.Out, s)
	return err
}

// fieldFlags name the flag that sets each field of mesh.Fields, for the
// hints of an invalid request; the others are set with --set.
var fieldFlags = map[string]string{
	"userId":                                            "--user-id",
	"transferOptions.transactionId":                     "--transaction-id (auto makes one)",
	"restrictMultipleAccounts":                          "--restrict-multiple-accounts",
	"integrationId":                                     "--integration-id",
	"transferOptions.amountInFiat":                      "--amount-in-fiat",
	"transferOptions.isInclusiveFeeEnabled":             "--inclusive-fee",
	"transferOptions.generatePayLink":                   "--pay-link",
	"transferOptions.clientFee":                         "--client-fee",
	"transferOptions.fundingOptions.enabled":            "--funding",
	"transferOptions.toAddresses[].networkId":           "--to NETWORK:SYMBOL:ADDRESS",
	"transferOptions.toAddresses[].symbol":              "--to NETWORK:SYMBOL:ADDRESS",
	"transferOptions.toAddresses[].address":             "--to NETWORK:SYMBOL:ADDRESS",
	"transferOptions.toAddresses[].amount":              "--to NETWORK:SYMBOL:ADDRESS:AMOUNT",
	"transferOptions.toAddresses[].addressTag":          "--to NETWORK:SYMBOL:ADDRESS,addressTag=…",
	"transferOptions.toAddresses[].displayAmountInFiat": "--to NETWORK:SYMBOL:ADDRESS:AMOUNT,displayAmountInFiat=…",
	"transferOptions.toAddresses[].minAmount":           "--to NETWORK:SYMBOL:ADDRESS,minAmount=…",
	"transferOptions.toAddresses[].minAmountInFiat":     "--to NETWORK:SYMBOL:ADDRESS,minAmountInFiat=…",
	"verifyWalletOptions.message":                       "--verify-message",
	"verifyWalletOptions.networkId":                     "--verify-network",
	"verifyWalletOptions.networkType":                   "--verify-network-type",
	"verifyWalletOptions.addresses":                     "--verify-address",
}

// flagForPath names the flag that sets a field, for error hints.
func flagForPath(path string) string {
	if f, ok := mesh.FieldAt(path); ok && fieldFlags[f.Path] != "" {
		return fieldFlags[f.Path]
	}
	if strings.HasPrefix(path, "transferOptions.toAddresses") {
		return "--to " + mesh.DestinationForm
	}
	return "--set " + path + "=…"
}

func invalidRequest(errs mesh.Problems) error {
	lines := make([]string, len(errs))
	for i, p := range errs {
		hint := flagForPath(p.Path)
		if p.Unlisted {
			hint += "; --allow-unknown-symbol if it is meant"
		}
		lines[i] = fmt.Sprintf("%s (%s)", p, hint)
	}
	return &invalidRequestError{mesh.InvalidRequestError{Problems: errs}, "the request was not sent:\n  " + strings.Join(lines, "\n  ")}
}

// invalidRequestError is mesh's error with the flags that fix each problem.
type invalidRequestError struct {
	mesh.InvalidRequestError
	msg string
}

func (e *invalidRequestError) Error() string { return e.msg }

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// request builds the body the flags describe (from a preset, --body or
// --use-case) and checks it: warnings become notes, errors the error.
func (f *requestFlags) request(ctx context.Context, app *App, g *globalFlags) (*mesh.LinkTokenRequest, *presets.Preset, error) {
	var base *mesh.LinkTokenRequest
	var preset *presets.Preset
	if f.preset != "" {
		var err error
		if base, preset, err = presetRequest(ctx, app, g, f.preset); err != nil {
			return nil, nil, err
		}
	}
	cat := loadCatalog(app, g)
	req, err := f.build(base, cat, app.In)
	if err != nil {
		return nil, nil, err
	}
	problems := mesh.Validate(req, cat)
	if f.allowUnknownSymbol {
		problems = problems.AllowUnlisted()
	}
	for _, w := range problems.Warnings() {
		g.note(app, "warning: %s", w)
	}
	if errs := problems.Errors(); len(errs) > 0 {
		return nil, nil, invalidRequest(errs)
	}
	return req, preset, nil
}

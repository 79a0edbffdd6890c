package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/open"
	"github.com/meshlink/meshlink/ui/try"
)

type tryOptions struct {
	req     requestFlags
	token   string
	addr    string
	sdk     string
	cdn     string
	json    bool
	noOpen  bool
	timeout time.Duration
}

// DefaultTryTimeout is how long `meshlink try` waits for Link to close.
const DefaultTryTimeout = 15 * time.Minute

func newTryCmd(app *App, g *globalFlags) *cobra.Command {
	o := &tryOptions{}
	cmd := &cobra.Command{
		Use:   "try [flags]",
		Short: "Open Link in your browser with Mesh's web SDK and show every callback live",
		Long: `Fetch a link token (the flags are token's) or take one (--token), open Link with
it in your browser through Mesh's web SDK, as the web snippet does, and show
each callback as it fires: integration connected, transfer finished, exit, and
every onEvent. Ends when Link closes: exit status 0 when the use case's goal
was reached (a transfer finished with success; a wallet verified; for a
withdrawal an integration connected), 1 when not.`,
		Example: `  meshlink try --use-case withdrawal --user-id u1
  meshlink try --preset qa-payment --json
  meshlink token --use-case deposit --user-id u1 --to base:USDC:0x71C7…3B > token.txt
  meshlink try --token - --use-case deposit < token.txt
  meshlink try --use-case withdrawal --user-id u1 --sdk mesh-link-sdk.js --no-open`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.req.changed = cmd.Flags().Changed
			return runTry(cmd.Context(), app, g, o)
		},
	}
	f := cmd.Flags()
	bindRequestFlags(f, &o.req)
	f.StringVar(&o.token, "token", "", "a link token to open as it is (- reads it from stdin), instead of fetching one")
	f.StringVar(&o.addr, "addr", try.DefaultAddr, "where the page is served (the origin to allow-list in Mesh's dashboard)")
	f.StringVar(&o.sdk, "sdk", "", "Mesh's web SDK as an ES module, a FILE or URL (default: the pinned version from "+try.DefaultCDN+")")
	f.StringVar(&o.cdn, "cdn", "", "a mirror of "+try.DefaultCDN+" to load the pinned SDK from (its files are still checked against npm's hashes)")
	f.BoolVar(&o.json, "json", false, `print each callback as one JSON object a line: {"event","at","payload"}`)
	f.BoolVar(&o.noOpen, "no-open", false, "print the page's address; open no browser")
	f.DurationVar(&o.timeout, "timeout", DefaultTryTimeout, "give up when Link has not closed after this long")
	return cmd
}

func runTry(ctx context.Context, app *App, g *globalFlags, o *tryOptions) error {
	if o.token != "" {
		if used := o.req.used("preset", "body", "user-id", "to", "transaction-id", "amount-in-fiat", "integration-id", "pay-link",
			"inclusive-fee", "restrict-multiple-accounts", "client-fee", "funding", "verify-message", "verify-network",
			"verify-network-type", "verify-address", "set"); len(used) > 0 {
			return usagef("--token opens a token as it is, and %s builds a new one: give one or the other (--use-case may name the token's use case)", used[0])
		}
	}
	if v := strings.TrimSpace(app.Getenv("MESHLINK_TRY_ADDR")); v != "" && !o.req.changed("addr") {
		o.addr = v
	}
	if o.timeout <= 0 {
		return usagef("--timeout must be more than 0, like 15m")
	}
	sdk, err := try.LoadSDK(o.sdk, o.cdn)
	if err != nil {
		return &UsageError{err.Error()}
	}
	given, err := o.givenToken(app)
	if err != nil {
		return err
	}
	// The page's address first: a busy port fails before a token is spent.
	srv, err := try.Listen(o.addr)
	if err != nil {
		return fmt.Errorf("--addr %w", err)
	}
	defer srv.Close()

	conn := &connector{app: app, g: g, ctx: ctx}
	defer conn.Close() // the in-process demo server serves Link until the end
	tok, goal, env, err := o.linkToken(ctx, app, g, conn, given)
	if err != nil {
		return err
	}
	if note := srv.AllowListNote(env, tok.LinkURL); note != "" {
		g.note(app, "%s", note)
	}
	if err := srv.Start(try.Page{Token: tok.Token, LinkURL: tok.LinkURL, SDK: sdk}); err != nil {
		return err
	}
	g.note(app, "the page loads %s", sdk.Describe())
	openPage(app, g, srv.URL, o.noOpen)
	g.note(app, "waiting for Link to close (ctrl+c stops; at most %s); the goal: %s", o.timeout, goal)

	printer := try.Printer{W: app.Out, JSON: o.json}
	var printErr error
	outcome := try.Watch(ctx, srv.Updates(), goal, o.timeout, func(u try.Update) {
		switch {
		case u.Event != nil:
			if err := printer.Print(*u.Event); err != nil && printErr == nil {
				printErr = err
			}
		case u.Notice != nil:
			noteNotice(app, g, *u.Notice, sdk)
		}
	})
	if printErr != nil {
		return printErr
	}
	switch {
	case outcome.End == try.Interrupted:
		return context.Canceled
	case outcome.Reached && outcome.End == try.LinkClosed:
		g.noteStyled(app, good, outcome.Summary())
		return nil
	case outcome.End == try.NoSDK:
		return &tryError{outcome.Summary() + "\n" + sdkAdvice(sdk)}
	}
	return &tryError{outcome.Summary()}
}

// tryError is a Link session that did not reach its goal (exit status 1).
type tryError struct{ msg string }

func (e *tryError) Error() string { return e.msg }

// givenToken reads --token ("-": stdin); "" when the token is to be fetched.
func (o *tryOptions) givenToken(app *App) (string, error) {
	if o.token != "-" {
		return strings.TrimSpace(o.token), nil
	}
	b, err := readInput("-", app.In)
	if err != nil {
		return "", err
	}
	t := strings.TrimSpace(string(b))
	if t == "" {
		return "", usagef("--token -: stdin holds no token")
	}
	return t, nil
}

// linkToken is the token to open (fetched, or given), the goal its use case
// sets, and the environment it came from ("" when given).
func (o *tryOptions) linkToken(ctx context.Context, app *App, g *globalFlags, conn *connector, given string) (*mesh.LinkToken, try.Goal, mesh.Environment, error) {
	if given != "" {
		tok := mesh.InspectLinkToken(given, app.Now())
		if tok.LinkURL == "" {
			return nil, try.Goal{}, "", usagef("--token: %s", tok.Suspicious)
		}
		if tok.Suspicious != "" {
			g.warn(app, "%s", tok.Suspicious)
		}
		goal := try.Goal{UseCase: demoUseCase(tok.LinkURL)}
		if o.req.useCase != "" {
			uc, err := mesh.ParseUseCase(o.req.useCase)
			if err != nil {
				return nil, goal, "", &UsageError{err.Error()}
			}
			goal.UseCase = uc
		}
		if goal.UseCase == "" {
			g.note(app, "the token does not say its use case: --use-case names it, so the exit status tells whether its goal was reached")
		}
		return tok, goal, "", nil
	}
	req, _, err := o.req.request(ctx, app, g)
	if err != nil {
		return nil, try.Goal{}, "", err
	}
	t, err := resolveTarget(app, g)
	if err != nil {
		return nil, try.Goal{}, "", err
	}
	client, err := conn.client(t)
	if err != nil {
		return nil, try.Goal{}, "", err
	}
	client.OnRetry = func(attempt int, wait time.Duration, reason error) {
		g.note(app, "attempt %d failed (%s); retrying in %s", attempt, firstLine(reason.Error()), wait.Round(100*time.Millisecond))
	}
	g.note(app, "fetching a link token from %s", conn.describe(t, client))
	tok, err := client.LinkToken(ctx, req)
	if err != nil {
		return nil, try.Goal{}, "", err
	}
	if tok.LinkURL == "" {
		return nil, try.Goal{}, "", fmt.Errorf("the token cannot be opened: %s", tok.Suspicious)
	}
	if tok.Suspicious != "" {
		g.warn(app, "%s", tok.Suspicious)
	}
	return tok, try.Goal{UseCase: mesh.UseCaseOf(req)}, t.Env, nil
}

// demoUseCase reads the use case a demo server's Link URL carries; Mesh's
// own say nothing of it.
func demoUseCase(linkURL string) mesh.UseCase {
	u, err := url.Parse(linkURL)
	if err != nil || !mesh.IsLoopbackHost(u.Hostname()) {
		return ""
	}
	uc, err := mesh.ParseUseCase(u.Query().Get("use_case"))
	if err != nil {
		return ""
	}
	return uc
}

// openPage opens the page in the browser, as --open does, or only says
// where it is.
func openPage(app *App, g *globalFlags, page string, noOpen bool) {
	if noOpen {
		fmt.Fprintf(app.Err, "meshlink: open %s in your browser\n", page) // even with --quiet: it is the run's one way in
		return
	}
	err := open.Opener{Getenv: app.Getenv, Output: app.Err}.URL(page)
	switch {
	case errors.Is(err, open.ErrRemote):
		fmt.Fprintf(app.Err, "meshlink: %v; the page is served on this machine: forward its port (ssh -L) and open %s\n", err, page)
	case err != nil:
		sayf(app.Err, "warning: %v; open %s yourself", err, page)
	default:
		g.note(app, "opened %s in your browser", page)
	}
}

func noteNotice(app *App, g *globalFlags, n try.Notice, sdk try.SDK) {
	switch n.Kind {
	case try.SDKLoaded:
		g.note(app, "%s  the page loaded Mesh's web SDK; Link is opening", try.Stamp(n.At))
	case try.SDKFailed, try.PageClosed:
		// the end of the run: its summary says it
	default:
		sayf(app.Err, "warning: %s  %s", try.Stamp(n.At), n.Detail)
	}
}

// sdkAdvice says what to do when the page could not load the SDK.
func sdkAdvice(sdk try.SDK) string {
	if sdk.File != "" {
		return "Check that " + sdk.File + " is an ES module bundle of the SDK: " + try.BuildCommand
	}
	where := "Offline, or is " + sdk.Source() + " blocked (a firewall, an ad blocker)?"
	if sdk.URL != "" {
		where = "Can this browser reach " + sdk.Source() + "?"
	}
	return where + " Build the SDK in a project that has it installed and pass the file:\n  " + try.BuildCommand + "\n  meshlink try --sdk mesh-link-sdk.js …"
}

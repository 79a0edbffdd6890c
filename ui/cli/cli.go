// Package cli is meshlink's command line: it parses flags into each
// command's options, runs the command against the streams and clients it is
// given, and says how the run ended. It holds no globals, so tests drive it
// with buffers and a demo server.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/ui/wizard"
)

// Exit statuses.
const (
	ExitOK          = 0
	ExitAPI         = 1 // the API or the network failed
	ExitUsage       = 2 // bad usage or an invalid request; nothing was sent
	ExitInterrupted = 130
)

// App is what every command needs from the outside world.
type App struct {
	In                          io.Reader
	Out, Err                    io.Writer
	StdinTTY, StdoutTTY, ErrTTY bool
	Getenv                      func(string) string
	HTTPClient                  *http.Client
	Now                         func() time.Time
	Version                     string
	// TerminalWidth is the width of stdout when it is a terminal, else 0.
	TerminalWidth int
	// RunWizard runs the interactive wizard; tests replace it.
	RunWizard func(context.Context, wizard.Options) error
	// OpenTTY opens the terminal (/dev/tty) for the wizard to draw on when
	// neither stdout nor stderr is one.
	OpenTTY func() (io.WriteCloser, error)

	// terminalOut and terminalErr are Out and Err before Execute made them
	// inert (see output.go).
	terminalOut, terminalErr io.Writer
	// credentials are MESH_CLIENT_ID and MESH_CLIENT_SECRET, read once by
	// Execute: every command of the run sees the same keys.
	credentials mesh.Credentials
}

// NewApp is the App of a real process.
func NewApp(version string) *App {
	return &App{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		StdinTTY: isTerminal(os.Stdin), StdoutTTY: isTerminal(os.Stdout), ErrTTY: isTerminal(os.Stderr),
		Getenv: os.Getenv, HTTPClient: &http.Client{}, Now: time.Now, Version: version,
		TerminalWidth: terminalWidth(os.Stdout),
		RunWizard:     wizard.Run,
		OpenTTY:       func() (io.WriteCloser, error) { return os.OpenFile("/dev/tty", os.O_WRONLY, 0) },
	}
}

// UsageError is a command line that cannot be run as given.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

// ExitCode maps how a run ended to meshlink's exit status.
func ExitCode(err error) int {
	var usage *UsageError
	var apiErr *mesh.APIError
	var netErr *mesh.NetworkError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled), errors.Is(err, wizard.ErrInterrupted):
		return ExitInterrupted
	case errors.As(err, new(*fetchedError)):
		return ExitAPI // something was sent: never 2
	case errors.As(err, &usage), errors.Is(err, mesh.ErrInvalidRequest), isPresetProblem(err):
		return ExitUsage
	case errors.As(err, &apiErr), errors.As(err, &netErr):
		return ExitAPI
	}
	return ExitAPI
}

// Message is how err is shown to the user: one or a few lines, never a trace.
func Message(err error) string {
	if errors.Is(err, context.Canceled) || errors.Is(err, wizard.ErrInterrupted) {
		return "meshlink: interrupted"
	}
	msg := strings.TrimSpace(err.Error())
	if h := flagHint(err); h != "" {
		msg += "\n" + h
	}
	return "meshlink: " + mesh.Inert(msg)
}

// flagHint names the flags that answer what mesh's error says to do (mesh's
// messages name none: the wizard shows them too).
func flagHint(err error) string {
	var netErr *mesh.NetworkError
	var apiErr *mesh.APIError
	var retryErr *mesh.RetryAfterError
	var maybeSent *mesh.MaybeSentError
	var watchTimeout *mesh.WatchTimeoutError
	switch {
	case errors.As(err, &maybeSent):
		return "A separate payment needs a new --transaction-id."
	case errors.Is(err, presets.ErrAccessTokens):
		return "'meshlink snippet PLATFORM --access-tokens FILE' puts them in your front-end code."
	case errors.As(err, &retryErr), errors.As(err, &netErr) && netErr.Timeout > 0, errors.As(err, &watchTimeout):
		return "--timeout allows more time."
	case errors.As(err, &netErr),
		errors.As(err, &apiErr) && (apiErr.RedirectTo != "" || apiErr.StatusCode == http.StatusNotFound && apiErr.Status != "notFound"):
		return "--env or --base-url names the host."
	}
	return ""
}

// Execute runs the command line args. Everything the commands print passes
// through one cleaning step (output.go).
func Execute(ctx context.Context, app *App, args []string) error {
	app, flush := withInertOutput(app)
	defer flush()
	app.credentials = mesh.CredentialsFromEnv(app.Getenv)
	root := newRootCmd(app)
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		// Only a shell asking for completions needs them wired: walking
		// every flag of every command costs each run a third of a millisecond.
		registerCompletions(root, app)
	}
	root.SetArgs(args)
	root.SetIn(app.In)
	root.SetOut(app.Out)
	root.SetErr(app.Err)
	return root.ExecuteContext(ctx)
}

// globalFlags apply to every command that talks to the API.
type globalFlags struct {
	env        string
	baseURL    string
	timeout    time.Duration
	quiet      bool
	accessible bool
	json       bool // the wizard's token as JSON on stdout when it ends
}

func newRootCmd(app *App) *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "meshlink",
		Short: "Build, check and fetch Mesh Connect link tokens",
		Long: `meshlink builds the body of Mesh Connect's POST /api/v1/linktoken, checks it
against Mesh's rules, and fetches the token from the demo server, sandbox or
production.

Run it with no command in a terminal to open the wizard. Credentials come from
MESH_CLIENT_ID and MESH_CLIENT_SECRET; without them meshlink uses its built-in
demo server.`,
		Version:       app.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWizard(cmd.Context(), app, g)
		},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usagef("%s\nRun '%s --help' for usage.", flagError(cmd, err), cmd.CommandPath())
	})
	root.CompletionOptions.DisableDefaultCmd = true
	root.Flags().BoolVar(&g.accessible, "accessible", false, "run the wizard's forms in accessible mode for screen readers (also ACCESSIBLE=1)")
	root.Flags().BoolVar(&g.json, "json", false, "when the wizard ends on a token (q), print it as token --json does")
	pf := root.PersistentFlags()
	pf.StringVar(&g.env, "env", "", "environment: demo, sandbox or production (default: sandbox with credentials, else demo)")
	pf.StringVar(&g.baseURL, "base-url", "", "any Mesh-compatible host instead of an environment (a proxy, a test server)")
	pf.DurationVar(&g.timeout, "timeout", mesh.DefaultTimeout, "give up on the API after this long, retries included")
	pf.BoolVarP(&g.quiet, "quiet", "q", false, "print no notes on stderr, only errors and what was refused or lost")

	root.AddCommand(
		newTokenCmd(app, g),
		newTryCmd(app, g),
		newNetworksCmd(app, g),
		newIntegrationsCmd(app, g),
		newDemoServerCmd(app),
		newWebhooksCmd(app, g),
		newPathsCmd(app, g),
		newPresetsCmd(app, g),
		newSnippetCmd(app, g),
		newTransfersCmd(app, g),
		newStatusCmd(app, g),
		newHistoryCmd(app, g),
		newReportCmd(app, g),
		newCompletionCmd(app),
		&cobra.Command{
			Use:   "version",
			Short: "Print meshlink's version (as --version does)",
			Args:  cobra.NoArgs,
			RunE: func(*cobra.Command, []string) error {
				_, err := fmt.Fprintf(app.Out, "meshlink %s\n", app.Version)
				return err
			},
		},
	)
	root.SetVersionTemplate("meshlink {{.Version}}\n")
	help := root.HelpFunc()
	root.SetHelpFunc(func(cmd *cobra.Command, args []string) {
		// a command's help lists only the target flags it takes
		for _, f := range meaninglessFlagsOf(cmd) {
			f.Hidden = true
			defer func() { f.Hidden = false }()
		}
		help(cmd, args)
	})
	argsAreUsage(root)
	return root
}

var missingUnit = regexp.MustCompile(`^invalid argument "([^"]*)" for "(--[a-z-]+)" flag: time: missing unit`)

// flagError is pflag's error about a flag with what to do instead: the flag
// a misspelt one meant, the unit a duration lacks.
func flagError(cmd *cobra.Command, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		var names []string
		add := func(f *pflag.Flag) { names = append(names, f.Name) }
		cmd.LocalFlags().VisitAll(add)
		cmd.InheritedFlags().VisitAll(add)
		if near := mesh.Nearest(name, names); near != "" {
			msg += fmt.Sprintf(" (did you mean --%s?)", near)
		}
	}
	if m := missingUnit.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s %s: add a unit: %ss (or ms, m, h)", m[2], m[1], m[1])
	}
	return msg
}

// argsAreUsage makes every command's argument check, today's and any added
// later, fail as bad usage (exit 2), with cobra's "did you mean" for a
// mistyped command.
func argsAreUsage(cmd *cobra.Command) {
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which SuggestionsFor does not apply
	}
	check := cmd.Args
	cmd.Args = func(cmd *cobra.Command, args []string) error {
		if err := meaninglessFlags(cmd); err != nil {
			return err
		}
		var err error
		switch {
		case check != nil:
			err = check(cmd, args)
		case cmd.HasSubCommands() && len(args) > 0:
			err = errors.New("unknown command") // what cobra says of a group without Args
		}
		var usage *UsageError
		if err == nil || errors.As(err, &usage) {
			return err
		}
		return strayArgs(cmd, args, err)
	}
	for _, sub := range cmd.Commands() {
		argsAreUsage(sub)
	}
}

// targetFlags are the persistent flags that say where API calls go and how
// long they may take. Only the commands listed in usesTargetFlags take
// them; any other command (a new one too, until it is listed) refuses them,
// so a flag that would be silently ignored is a usage error instead.
var targetFlags = []string{"env", "base-url", "timeout"}

var usesTargetFlags = map[string][]string{
	"meshlink":                 targetFlags, // the wizard
	"meshlink token":           targetFlags,
	"meshlink try":             targetFlags,
	"meshlink networks":        targetFlags, // the environment's catalog; --refresh fetches it
	"meshlink integrations":    targetFlags,
	"meshlink transfers":       targetFlags,
	"meshlink transfers watch": targetFlags,
	"meshlink status":          targetFlags,
	"meshlink history":         targetFlags, // --status asks Mesh
	"meshlink report":          targetFlags, // so does the transfer of its entry
	"meshlink paths":           {"env", "base-url"},
	"meshlink presets list":    {"env", "base-url"}, // network names from the environment's catalog
	"meshlink presets show":    {"env", "base-url"},
	"meshlink presets save":    {"env", "base-url"}, // the environment saved with it
	"meshlink snippet":         {"env", "base-url"}, // the host the node snippet calls
}

// meaninglessFlags refuses a target flag given to a command that does not
// use it.
func meaninglessFlags(cmd *cobra.Command) error {
	for _, f := range meaninglessFlagsOf(cmd) {
		if !f.Changed {
			continue
		}
		takes := "it takes no environment, host or timeout"
		if uses := usesTargetFlags[cmd.CommandPath()]; len(uses) > 0 {
			takes = "it takes only --" + strings.Join(uses, " and --")
		}
		return usagef("--%s means nothing to '%s': %s; leave it out\nRun '%s --help' for usage.", f.Name, cmd.CommandPath(), takes, cmd.CommandPath())
	}
	return nil
}

// meaninglessFlagsOf are the target flags cmd does not use.
func meaninglessFlagsOf(cmd *cobra.Command) []*pflag.Flag {
	var flags []*pflag.Flag
	for _, name := range targetFlags {
		if f := cmd.Flags().Lookup(name); f != nil && !slices.Contains(usesTargetFlags[cmd.CommandPath()], name) {
			flags = append(flags, f)
		}
	}
	return flags
}

func strayArgs(cmd *cobra.Command, args []string, err error) error {
	help := fmt.Sprintf("Run '%s --help' for usage.", cmd.CommandPath())
	if len(args) == 0 {
		return usagef("%v\n%s", err, help)
	}
	if cmd.HasAvailableSubCommands() {
		msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
		}
		return usagef("%s\n%s", msg, help)
	}
	return usagef("unexpected argument %q: %s takes none (flags start with --)\n%s", args[0], cmd.CommandPath(), help)
}

// note prints a line for the user on stderr unless --quiet.
func (g *globalFlags) note(app *App, format string, args ...any) {
	if !g.quiet {
		sayf(app.Err, format, args...)
	}
}

// warn prints a warning on stderr even with --quiet: something the user
// asked for was refused (a link meshlink does not trust) or lost (a fetch
// not recorded in the history), and a quiet run must not hide it.
func (g *globalFlags) warn(app *App, format string, args ...any) {
	sayf(app.Err, "warning: "+format, args...)
}

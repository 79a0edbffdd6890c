package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
)

type presetSaveOptions struct {
	body, description, useCase, transactionID string
	fresh                                     []string
	force, allowUnknownSymbol                 bool
}

func newPresetsSaveCmd(app *App, g *globalFlags) *cobra.Command {
	o := &presetSaveOptions{}
	cmd := &cobra.Command{
		Use:   "save NAME --body FILE|-",
		Short: "Make a preset from a JSON body (validated)",
		Long: `Make a preset from a JSON body, checked like 'token --body'. The body is
kept as written, its transactionId included: every replay sends the same one.
For a new transactionId on every run, add --transaction-id auto (or
--fresh transactionId).`,
		Example: `  meshlink token --use-case deposit --user-id qa-user --to solana:USDC:7dHbWXmci3dT8UFYWYZweBLXgycu7Y3iL6trKn1Y7ARj --dry-run > body.json
  meshlink presets save qa-deposit --body body.json --transaction-id auto --description "QA deposit on Solana"`,
		Args: exactArgs(1, "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPresetSave(app, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.body, "body", "", "the link-token body as JSON, from FILE or - for stdin (required)")
	f.StringVar(&o.description, "description", "", "a line saying what the preset is for")
	f.StringVar(&o.useCase, "use-case", "", "the use case, whose defaults fill what the body leaves out (default: read from the body)")
	f.StringVar(&o.transactionID, "transaction-id", "", "transferOptions.transactionId to save ('auto': a new one on every run)")
	f.StringSliceVar(&o.fresh, "fresh", nil, "fields made new on every run: transactionId, userId (default: none, the body as written)")
	f.BoolVar(&o.force, "force", false, "replace a preset of that name")
	f.BoolVar(&o.allowUnknownSymbol, "allow-unknown-symbol", false, "keep a symbol one letter from a token the network lists as written (replay it with token --allow-unknown-symbol)")
	return cmd
}

func runPresetSave(app *App, g *globalFlags, o *presetSaveOptions, name string) error {
	if o.body == "" {
		return usagef("presets save needs --body FILE (or - for stdin)")
	}
	req, err := readBody(o.body, app.In)
	if err != nil {
		return err
	}
	uc := mesh.UseCaseOf(req)
	if o.useCase != "" {
		if uc, err = mesh.ParseUseCase(o.useCase); err != nil {
			return &UsageError{err.Error()}
		}
		if req, err = mesh.ApplyUseCase(req, uc); err != nil {
			return usage("--use-case", err)
		}
	}
	fresh, err := parseFresh(o.fresh)
	if err != nil {
		return err
	}
	if fresh, err = transactionIDOf(req, o.transactionID, fresh); err != nil {
		return err
	}
	if len(req.AccessTokens) > 0 {
		g.note(app, "accessTokens were left out: %s", accessTokensLeftOut)
	}
	t, err := chooseTarget(app, g)
	if err != nil {
		return err
	}
	p := presets.FromRequest(name, uc, t.Env, req, fresh...)
	p.Description = o.description
	// Checked as token --preset will check it: a body that can never be
	// sent (a placeholder address, a failing checksum) is not saved.
	problems := mesh.Validate(p.Body(nil), loadCatalog(app, g))
	if o.allowUnknownSymbol {
		problems = problems.AllowUnlisted()
	}
	for _, w := range problems.Warnings() {
		g.note(app, "warning: %s", w)
	}
	if errs := problems.Errors(); len(errs) > 0 {
		return notSaved(errs)
	}
	store, err := presetStore(app)
	if err != nil {
		return err
	}
	if err := store.Save(p, o.force); err != nil {
		return withExistsHint(err, "choose another name")
	}
	path, _ := store.Path(name)
	g.note(app, "saved preset %q (%s) in %s; replay it with 'meshlink token --preset %s'", name, uc, path, name)
	if tx := p.Request.TransferOptions; tx != nil && tx.TransactionID != "" {
		g.note(app, "every run sends transactionId %q, as saved; Mesh expects a new one per transfer: save with --transaction-id auto for that", tx.TransactionID)
	}
	return nil
}

// notSaved lists what keeps a body from being a preset, each problem with
// its field's path (presets save has no flag that sets a field: the body is
// what to fix).
func notSaved(errs mesh.Problems) error {
	lines := make([]string, len(errs))
	for i, p := range errs {
		lines[i] = p.String()
	}
	return &invalidRequestError{mesh.InvalidRequestError{Problems: errs}, "the preset was not saved: fix these in the body and save again:\n  " + strings.Join(lines, "\n  ")}
}

// transactionIDOf applies presets save's --transaction-id: "auto" makes the
// transactionId fresh, another value replaces the body's.
func transactionIDOf(req *mesh.LinkTokenRequest, id string, fresh []presets.Field) ([]presets.Field, error) {
	freshTx := slices.Contains(fresh, presets.FreshTransactionID)
	switch {
	case (id != "" || freshTx) && req.TransferOptions == nil:
		return nil, usagef("a transactionId needs a transfer, and the body has no transferOptions")
	case id != "" && id != autoValue && freshTx:
		return nil, usagef("give --transaction-id %s or --fresh transactionId, not both", id)
	case id == autoValue && !freshTx:
		fresh = append(fresh, presets.FreshTransactionID)
	case id != "" && id != autoValue:
		req.TransferOptions.TransactionID = id
	}
	return fresh, nil
}

// withExistsHint says how to get past an *ExistsError: --force, unless the
// file there is one meshlink never replaces.
func withExistsHint(err error, other string) error {
	var ee *presets.ExistsError
	if errors.As(err, &ee) && ee.Unreadable == nil {
		return fmt.Errorf("%w\nAdd --force to replace it, or %s", err, other)
	}
	return err
}

func parseFresh(names []string) ([]presets.Field, error) {
	var fields []presets.Field
	for _, n := range names {
		switch strings.ToLower(strings.TrimSpace(n)) {
		case "none", "":
		case "transactionid", "transaction-id", strings.ToLower(string(presets.FreshTransactionID)):
			fields = append(fields, presets.FreshTransactionID)
		case "userid", "user-id":
			fields = append(fields, presets.FreshUserID)
		default:
			return nil, usagef("--fresh %q: choose transactionId, userId or none", n)
		}
	}
	return fields, nil
}

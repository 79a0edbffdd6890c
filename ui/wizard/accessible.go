package wizard

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/ui/clip"
)

// runAccessible is the screen-reader path. Embedded huh forms are never
// accessible, so this runs standalone forms one after another, in plain
// text, with every option computed here (accessible mode ignores
// OptionsFunc, TitleFunc and hidden groups). It builds the same setup and
// body as the full-screen wizard.
func runAccessible(ctx context.Context, o Options) error {
	o = o.withDefaults()
	env, creds := o.Env, o.Credentials
	a := &accessible{ctx: ctx, o: o, out: safeWriter{o.Out}}
	cat, warnings := mesh.LoadCatalog(mesh.CatalogDir(o.CacheDir, env, o.BaseURL))
	for _, w := range warnings {
		a.say("Warning: %v", w)
	}
	a.say("meshlink wizard, accessible mode. Environment: %s%s.", env, map[bool]string{true: " (demo server: no keys needed, tokens are not real)"}[env == mesh.EnvDemo])
	if load := loadRecent(o.History, o.Now); load != nil {
		if msg, ok := load().(recentLoadedMsg); ok {
			a.say("Recent fetches (meshlink history):\n%s", strings.Join(msg.lines, "\n"))
		}
	}

	s := newSetup(mesh.UseDeposit, o.NewID)
	if err := a.run(huh.NewSelect[mesh.UseCase]().Title("What should the link token do?").
		Options(useCaseOptions()...).Value(&s.UseCase)); err != nil {
		return err
	}
	// every round keeps the answers as the next one's defaults: a body with
	// errors, or a request that failed, asks again and loses nothing
	var tok *mesh.LinkToken
	for tok == nil {
		generated := s.TransactionID
		if err := a.fill(&s, cat); err != nil {
			return err
		}
		if s.TransactionID != generated {
			s.FreshTxID = false // typed: kept as typed
		}
		req := buildRequest(s)
		ps := mesh.Validate(req, cat)
		text, err := body(req)
		if err == nil {
			a.say("The body meshlink will send:\n%s", text)
		}
		for _, p := range ps {
			kind := "Error"
			if p.Severity == mesh.SeverityWarning {
				kind = "Warning"
			}
			a.say("%s: %s", kind, p)
		}
		var failed error
		if len(ps.Errors()) == 0 {
			t, fetchErr, err := a.send(s, env, &creds)
			switch {
			case err != nil:
				return err
			case t == nil && fetchErr == nil:
				return nil // the user chose not to send
			case fetchErr == nil:
				tok = t
				continue
			}
			failed = fetchErr
			s.sent(a.o.NewID) // it went out: the next send carries an id of its own
			a.say("The request failed: %v", fetchErr)
			var ae *mesh.APIError
			if errors.As(fetchErr, &ae) && ae.StatusCode == http.StatusUnauthorized {
				creds = mesh.Credentials{} // asked for again
			}
		}
		again := false // an input that ended must not go round for ever
		title := "The body has errors. Change the answers?"
		if failed != nil {
			title = "Change the answers and send again?"
		}
		if err := a.run(huh.NewConfirm().Title(title).Value(&again)); err != nil {
			return err
		}
		if !again {
			if failed != nil {
				return failed
			}
			return ps.Err()
		}
	}
	a.say("Link token (single use, valid until %s):\n%s", tok.ExpiresAt.Format("15:04:05"), tok.Token)
	if tok.Suspicious != "" {
		a.say("Warning: %s", tok.Suspicious)
	}
	if tok.LinkURL != "" {
		a.say("It opens: %s", tok.LinkURL)
	}
	if tok.PaymentLink != "" {
		a.say("Pay link: %s", tok.PaymentLink)
	}
	if tok.LinkURL != "" {
		tryIt := false
		if err := a.run(huh.NewConfirm().Title("Open Link in your browser with Mesh's web SDK and list its callbacks?").Value(&tryIt)); err != nil {
			return err
		}
		if tryIt {
			return tryAccessible(ctx, a, tok, env, s.UseCase)
		}
	}
	cp := false
	if err := a.run(huh.NewConfirm().Title("Copy the token to the clipboard?").Value(&cp)); err != nil || !cp {
		return err
	}
	m, err := clip.Copy(tok.Token, o.Out, o.Getenv)
	status := clip.Status("the token", m, err)
	if m != clip.Native {
		status += "; it is printed above"
	}
	a.say("%s", status)
	return nil
}

// send asks to send s and sends it. tok is nil when the user chose not to;
// fetchErr is a request that failed (the answers may change and it may go
// again); err ends the run.
func (a *accessible) send(s setup, env mesh.Environment, creds *mesh.Credentials) (tok *mesh.LinkToken, fetchErr, err error) {
	send := true
	if err := a.run(huh.NewConfirm().Title("Send it to " + string(env) + "?").Value(&send)); err != nil || !send {
		return nil, nil, err
	}
	if a.o.target(env, *creds).Ready() != nil {
		a.say("Mesh keys for %s, for this run only (never saved). %s", env, variablesNote(a.o.Credentials))
		if err := a.run(
			huh.NewInput().Title("MESH_CLIENT_ID").Value(&creds.ClientID),
			huh.NewInput().Title("MESH_CLIENT_SECRET").EchoMode(huh.EchoModePassword).Value(&creds.ClientSecret),
		); err != nil {
			return nil, nil, err
		}
	}
	if env == mesh.EnvProduction {
		var typed string
		if err := a.run(huh.NewInput().Title("This goes to production. Type production to send:").Value(&typed)); err != nil {
			return nil, nil, err
		}
		if strings.TrimSpace(typed) != string(mesh.EnvProduction) {
			return nil, nil, errors.New("not sent: production was not confirmed")
		}
	}
	if a.o.Connect == nil {
		return nil, nil, errors.New("no client to send with")
	}
	c, err := a.o.Connect(a.o.target(env, *creds))
	if err != nil {
		return nil, nil, err
	}
	a.say("Asking for a link token…")
	tok, fetchErr = c.LinkToken(a.ctx, buildRequest(s))
	if fetchErr != nil && a.ctx.Err() != nil {
		return nil, nil, fetchErr // interrupted
	}
	return tok, fetchErr, nil
}

type accessible struct {
	ctx context.Context
	o   Options
	// out is the terminal through the wizard's one cleaning path: text from
	// presets, the catalog or the API reaches it inert.
	out io.Writer
}

func (a *accessible) say(format string, args ...any) {
	fmt.Fprintf(a.out, format+"\n", args...)
}

// safeWriter passes every write through safeFrame.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, safeFrame(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// run asks fields as one accessible form. huh reads the terminal without
// a way to stop, so ctrl+c (the context ends) returns ErrInterrupted at once
// and leaves the read behind: the process is about to exit.
func (a *accessible) run(fields ...huh.Field) error {
	if len(fields) == 0 {
		return nil // huh panics on an empty group
	}
	in := a.o.In
	if in == nil {
		in = strings.NewReader("")
	}
	done := make(chan error, 1)
	go func() {
		done <- huh.NewForm(huh.NewGroup(fields...)).
			WithAccessible(true).WithInput(in).WithOutput(a.out).
			RunWithContext(a.ctx)
	}()
	select {
	case <-a.ctx.Done():
		return ErrInterrupted
	case err := <-done:
		if errors.Is(err, huh.ErrUserAborted) || a.ctx.Err() != nil {
			return ErrInterrupted
		}
		return err
	}
}

// required re-asks a question until it has an answer: huh keeps an empty
// default when the input ends, so an empty answer here means the input
// ended, and the run stops rather than send without it.
func (a *accessible) required(v *string, ask func() error) error {
	for range 3 {
		if err := ask(); err != nil {
			return err
		}
		if strings.TrimSpace(*v) != "" {
			return nil
		}
		a.say("An answer is required.")
	}
	return errors.New("no answer to a required question: the input ended")
}

func useCaseOptions() []huh.Option[mesh.UseCase] {
	out := make([]huh.Option[mesh.UseCase], len(mesh.UseCases))
	for i, u := range mesh.UseCases {
		out[i] = huh.NewOption(u.Title()+": "+u.Summary(), u)
	}
	return out
}

// decimalOrEmpty checks an optional amount as the user types it.
func decimalOrEmpty(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := mesh.ParseDecimal(s)
	return err
}

// fill asks every question the use case has, with the answers so far as
// defaults: mesh.Fields in order, as the forms do.
func (a *accessible) fill(s *setup, cat *mesh.Catalog) error {
	u := s.UseCase
	if err := a.ask(s, cat, mesh.FieldsOf(u, mesh.SectionDetails), nil); err != nil {
		return err
	}
	advanced := false
	if err := a.run(huh.NewConfirm().Title("Set advanced options (" + labels(mesh.FieldsOf(u, mesh.SectionAdvanced)) + ")?").Value(&advanced)); err != nil {
		return err
	}
	if advanced {
		if err := a.ask(s, cat, mesh.FieldsOf(u, mesh.SectionAdvanced), nil); err != nil {
			return err
		}
	}
	if u.Has(pathAddress) && cat != nil {
		if err := a.destinations(s, cat); err != nil {
			return err
		}
	}
	if u.Has(pathVerifyMessage) {
		where := verifyNetworkChoice(s.Verify.NetworkID, s.Verify.NetworkType)
		if err := a.run(
			huh.NewInput().Title("Message the user signs (optional)").Value(&s.Verify.Message),
			huh.NewSelect[string]().Title("Where the wallet is: one network, a network type, or any").Options(verifyNetworkOptions(cat)...).Value(&where),
			huh.NewInput().Title("Allowed addresses, comma-separated (optional)").Value(&s.Verify.Addresses),
		); err != nil {
			return err
		}
		// one question, so never both networkId and networkType
		s.Verify.NetworkID, s.Verify.NetworkType = "", ""
		switch kind, v, _ := strings.Cut(where, ":"); kind {
		case "id":
			s.Verify.NetworkID = v
		case "type":
			s.Verify.NetworkType = v
		}
	}
	return nil
}

// ask asks fields of mesh's table: each required text alone (asked again
// until answered), the rest together.
func (a *accessible) ask(s *setup, cat *mesh.Catalog, fields []mesh.Field, d *destination) error {
	var group []huh.Field
	var after []func()
	for _, f := range fields {
		b, ok := bindings[f.Path]
		if !ok {
			continue
		}
		title := f.Label
		if f.Hint != "" {
			title += " (" + f.Hint + ")"
		}
		if b.toggle != nil {
			v := b.value(s, f.Path)
			answer := v != nil && *v
			group = append(group, huh.NewConfirm().Title(title+"?").Value(&answer))
			p := b.toggle(s)
			after = append(after, func() { *p = mesh.Bool(answer) })
			continue
		}
		p := b.text(s, d)
		if choices, ok := fieldChoices(&session{catalog: cat}, f, d); ok {
			opts := make([]huh.Option[string], len(choices))
			for i, c := range choices {
				opts[i] = huh.NewOption(c.label, c.value)
			}
			group = append(group, huh.NewSelect[string]().Title(f.Label).Options(opts...).Value(p))
			continue
		}
		in := huh.NewInput().Title(title).Value(p)
		if f.Amount {
			in = in.Validate(decimalOrEmpty)
		}
		if f.Required {
			if err := a.run(group...); err != nil {
				return err
			}
			group = nil
			if err := a.required(p, func() error { return a.run(in) }); err != nil {
				return err
			}
			continue
		}
		group = append(group, in)
	}
	if err := a.run(group...); err != nil {
		return err
	}
	for _, f := range after {
		f()
	}
	return nil
}

func labels(fields []mesh.Field) string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.ToLower(f.Label)
	}
	return strings.Join(out, ", ")
}

// verifyNetworkOptions offers "any", every network of the catalog (as
// "id:<networkId>") and every network type (as "type:<networkType>").
func verifyNetworkOptions(cat *mesh.Catalog) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("Any network", "")}
	if cat != nil {
		for _, n := range cat.Networks {
			opts = append(opts, huh.NewOption("Network: "+n.Name, "id:"+n.ID))
		}
	}
	for _, t := range mesh.NetworkTypes {
		opts = append(opts, huh.NewOption("Network type: "+t, "type:"+t))
	}
	return opts
}

func verifyNetworkChoice(id, typ string) string {
	switch {
	case id != "":
		return "id:" + id
	case typ != "":
		return "type:" + typ
	}
	return ""
}

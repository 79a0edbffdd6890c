package presets

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/meshlink/meshlink/mesh"
)

// Preset is a saved wizard setup: what to ask Mesh for, and which of the
// request's values are made new on every run.
type Preset struct {
	Name        string
	Description string
	UseCase     mesh.UseCase
	// Environment is where the preset was saved. It is informational and
	// never selects production on its own: callers decide where a run goes.
	Environment mesh.Environment
	// Request is the body template. Its Fresh fields are empty; Body fills
	// them in.
	Request mesh.LinkTokenRequest
	// Fresh lists the request fields that get a new UUID on every run.
	Fresh []Field

	Created time.Time // set by the first Save
	Updated time.Time // set by every Save
	// LastUsed is set by Store.Touch. It is not part of the preset's file
	// (see the package documentation), so Export leaves it out.
	LastUsed time.Time
}

// Field names a request field by its JSON path, as mesh.Problem does.
type Field string

const (
	FreshUserID        Field = "userId"
	FreshTransactionID Field = "transferOptions.transactionId"
)

// Fields lists every field that can be fresh, in the order files list them.
var Fields = []Field{FreshUserID, FreshTransactionID}

// ErrInvalid matches the errors of a preset that cannot be saved as it is:
// a use case its request does not fit, an unknown environment or fresh
// field, no name. A body Mesh would refuse is a *mesh.InvalidRequestError
// instead.
var ErrInvalid = errors.New("not a valid preset")

func invalid(err error) error { return fmt.Errorf("%w: %w", ErrInvalid, err) }

// AccessTokensBelong says where a returning user's accessTokens go instead
// of a preset.
const AccessTokensBelong = "they belong in Mesh's front-end SDK, createLink({accessTokens})"

// ErrAccessTokens is returned for a preset or a preset file that holds
// accessTokens.
var ErrAccessTokens = errors.New("a preset never holds a returning user's Mesh tokens, secrets that open the account; " + AccessTokensBelong)

// FromRequest makes a preset from a request the user built, with the given
// fields made fresh on every run (usually FreshTransactionID for requests
// with a transfer). The request is copied; its accessTokens are dropped, since
// a preset never holds secrets: check len(r.AccessTokens) first to tell the
// user. A fresh transactionId is dropped for a request without transferOptions,
// where it means nothing.
func FromRequest(name string, uc mesh.UseCase, env mesh.Environment, r *mesh.LinkTokenRequest, fresh ...Field) *Preset {
	p := &Preset{Name: name, UseCase: uc, Environment: env}
	if r != nil {
		p.Request = *cloneRequest(r)
	}
	p.Request.AccessTokens = nil
	for _, f := range fresh {
		if f == FreshTransactionID && p.Request.TransferOptions == nil {
			continue
		}
		p.Fresh = append(p.Fresh, f)
	}
	p.normalizeFresh()
	return p
}

// IsFresh reports whether f gets a new value on every run.
func (p *Preset) IsFresh(f Field) bool { return slices.Contains(p.Fresh, f) }

// Body is the request to send for one run: a deep copy of the template with
// every fresh field set to a new value from newID (a random UUID when newID
// is nil). Each call gives new values; show the user the body you send.
func (p *Preset) Body(newID func() string) *mesh.LinkTokenRequest {
	if newID == nil {
		newID = uuid.NewString
	}
	r := cloneRequest(&p.Request)
	for _, f := range p.Fresh {
		switch f {
		case FreshUserID:
			r.UserID = newID()
		case FreshTransactionID:
			if r.TransferOptions != nil {
				r.TransferOptions.TransactionID = newID()
			}
		}
	}
	return r
}

// NetworkIDs lists the network ids the request names (destinations, then the
// network of the wallet to verify), each once, in order. Callers check them
// against the catalog to warn about networks it no longer knows.
func (p *Preset) NetworkIDs() []string {
	var ids []string
	add := func(id string) {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if t := p.Request.TransferOptions; t != nil {
		for _, a := range t.ToAddresses {
			add(a.NetworkID)
		}
	}
	if v := p.Request.VerifyWalletOptions; v != nil {
		add(v.NetworkID)
	}
	return ids
}

// Validate checks that p can be saved: a valid new name (ValidateNewName), a known use case that
// matches the request, a known environment, known fresh fields, no
// accessTokens, and a body that Mesh's rules accept once the fresh fields
// are filled in (a *mesh.InvalidRequestError otherwise; warnings do not
// count, and networks are not checked against a catalog).
func (p *Preset) Validate() error {
	if err := ValidateNewName(p.Name); err != nil {
		return err
	}
	if err := p.checkShape(); err != nil {
		if errors.Is(err, ErrAccessTokens) {
			return err
		}
		return invalid(err)
	}
	if got := mesh.UseCaseOf(&p.Request); got != p.UseCase {
		return invalid(fmt.Errorf("the preset's use case is %s but its request is a %s request: %s", p.UseCase, got, useCaseHint(p.UseCase)))
	}
	return mesh.Validate(p.Body(nil), nil).Err()
}

// checkShape is what Load insists on too: it keeps a file that was edited by
// hand loadable as long as meshlink knows what every part of it means.
func (p *Preset) checkShape() error {
	if !slices.Contains(mesh.UseCases, p.UseCase) {
		return fmt.Errorf("useCase %q is not a use case: use one of %s", p.UseCase, mesh.UseCaseNames())
	}
	switch p.Environment {
	case "", mesh.EnvDemo, mesh.EnvSandbox, mesh.EnvProduction, mesh.EnvCustom:
	default:
		return fmt.Errorf("environment %q is not an environment: use demo, sandbox, production or custom", p.Environment)
	}
	for _, f := range p.Fresh {
		if !slices.Contains(Fields, f) {
			return fmt.Errorf("fresh field %q cannot be generated: use %s or %s", f, FreshUserID, FreshTransactionID)
		}
	}
	if len(p.Request.AccessTokens) > 0 {
		return ErrAccessTokens
	}
	return nil
}

func useCaseHint(u mesh.UseCase) string {
	switch {
	case u == mesh.UseWithdrawal:
		return "a withdrawal has neither transferOptions nor verifyWalletOptions"
	case u == mesh.UseVerify:
		return "a verification has verifyWalletOptions and no transferOptions"
	case u.Verifies():
		return fmt.Sprintf("%s needs transferOptions with transferType %s and verifyWalletOptions", u, u.TransferType())
	}
	return fmt.Sprintf("%s needs transferOptions with transferType %s and no verifyWalletOptions", u, u.TransferType())
}

// normalizeFresh puts the fresh fields in the files' order, once each, and
// clears their values from the template so no stale value is ever stored.
func (p *Preset) normalizeFresh() {
	var out []Field
	for _, f := range Fields {
		if slices.Contains(p.Fresh, f) {
			out = append(out, f)
		}
	}
	for _, f := range p.Fresh {
		if !slices.Contains(Fields, f) && !slices.Contains(out, f) {
			out = append(out, f) // unknown: kept so checkShape can name it
		}
	}
	p.Fresh = out
	if p.IsFresh(FreshUserID) {
		p.Request.UserID = ""
	}
	if p.IsFresh(FreshTransactionID) && p.Request.TransferOptions != nil {
		p.Request.TransferOptions.TransactionID = ""
	}
}

// cloneRequest copies r so that no pointer or slice is shared: a caller who
// edits a Body must not change the preset, nor the other way round.
func cloneRequest(r *mesh.LinkTokenRequest) *mesh.LinkTokenRequest {
	c := *r
	c.RestrictMultipleAccounts = cloneBool(r.RestrictMultipleAccounts)
	c.DisableAPIKeyGeneration = cloneBool(r.DisableAPIKeyGeneration)
	c.AccessTokens = slices.Clone(r.AccessTokens)
	if t := r.TransferOptions; t != nil {
		ct := *t
		ct.IsInclusiveFeeEnabled = cloneBool(t.IsInclusiveFeeEnabled)
		ct.GeneratePayLink = cloneBool(t.GeneratePayLink)
		if t.FundingOptions != nil {
			f := *t.FundingOptions
			ct.FundingOptions = &f
		}
		ct.ToAddresses = slices.Clone(t.ToAddresses)
		ct.GoodsDetails = slices.Clone(t.GoodsDetails)
		c.TransferOptions = &ct
	}
	if v := r.VerifyWalletOptions; v != nil {
		cv := *v
		cv.VerificationMethods = slices.Clone(v.VerificationMethods)
		cv.Addresses = slices.Clone(v.Addresses)
		c.VerifyWalletOptions = &cv
	}
	return &c
}

func cloneBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}

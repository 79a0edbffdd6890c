package wizard

import (
	"slices"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// The forms and the accessible prompts ask what mesh.Fields lists, in its
// order, with its labels, hints and kinds, for the fields the use case has.
// A binding says where the setup keeps each one; the table is mesh's.

// Paths of mesh.Fields the wizard asks about by name.
const (
	pathIntegration   = "integrationId"
	pathTransactionID = "transferOptions.transactionId"
	pathAmountInFiat  = "transferOptions.amountInFiat"
	pathAddress       = "transferOptions.toAddresses[].address" // the use case has destinations
	pathAmount        = "transferOptions.toAddresses[].amount"
	pathMinAmount     = "transferOptions.toAddresses[].minAmount"
	pathVerifyMessage = "verifyWalletOptions.message" // the use case verifies a wallet
)

// binding is where the setup keeps a field: text (typed as is) or a toggle
// (nil: not given, so the use case's default, mesh's UseCase.Default).
type binding struct {
	text   func(s *setup, d *destination) *string
	toggle func(s *setup) **bool
}

var bindings = map[string]binding{
	"userId":                                 {text: func(s *setup, _ *destination) *string { return &s.UserID }},
	"transferOptions.transactionId":          {text: func(s *setup, _ *destination) *string { return &s.TransactionID }},
	"restrictMultipleAccounts":               {toggle: func(s *setup) **bool { return &s.Restrict }},
	"integrationId":                          {text: func(s *setup, _ *destination) *string { return &s.IntegrationID }},
	"transferOptions.amountInFiat":           {text: func(s *setup, _ *destination) *string { return &s.AmountInFiat }},
	"transferOptions.isInclusiveFeeEnabled":  {toggle: func(s *setup) **bool { return &s.InclusiveFee }},
	"transferOptions.generatePayLink":        {toggle: func(s *setup) **bool { return &s.GeneratePayLink }},
	"transferOptions.clientFee":              {text: func(s *setup, _ *destination) *string { return &s.Adv.ClientFee }},
	"transferOptions.fundingOptions.enabled": {toggle: func(s *setup) **bool { return &s.Adv.FundingOptions }},
	"subClientId":                            {text: func(s *setup, _ *destination) *string { return &s.Adv.SubClientID }},
	"disableApiKeyGeneration":                {toggle: func(s *setup) **bool { return &s.Adv.DisableAPIKeyGeneration }},

	"transferOptions.toAddresses[].symbol":              {text: func(_ *setup, d *destination) *string { return &d.Symbol }},
	"transferOptions.toAddresses[].address":             {text: func(_ *setup, d *destination) *string { return &d.Address }},
	"transferOptions.toAddresses[].addressTag":          {text: func(_ *setup, d *destination) *string { return &d.AddressTag }},
	"transferOptions.toAddresses[].amount":              {text: func(_ *setup, d *destination) *string { return &d.Amount }},
	"transferOptions.toAddresses[].displayAmountInFiat": {text: func(_ *setup, d *destination) *string { return &d.DisplayAmountInFiat }},
	"transferOptions.toAddresses[].minAmount":           {text: func(_ *setup, d *destination) *string { return &d.MinAmount }},
	"transferOptions.toAddresses[].minAmountInFiat":     {text: func(_ *setup, d *destination) *string { return &d.MinAmountInFiat }},

	"verifyWalletOptions.message":     {text: func(s *setup, _ *destination) *string { return &s.Verify.Message }},
	"verifyWalletOptions.networkId":   {text: func(s *setup, _ *destination) *string { return &s.Verify.NetworkID }},
	"verifyWalletOptions.networkType": {text: func(s *setup, _ *destination) *string { return &s.Verify.NetworkType }},
	"verifyWalletOptions.addresses":   {text: func(s *setup, _ *destination) *string { return &s.Verify.Addresses }},
}

// value is what the toggle at path shows and sends: the setup's, else (for
// a new setup) the use case's default.
func (b binding) value(s *setup, path string) *bool {
	p := *b.toggle(s)
	if def, ok := s.UseCase.Default(path); ok {
		return s.boolOr(p, def)
	}
	return p
}

// formFields are the form rows of section for the session's use case;
// for destinations, d is the destination and index its place in the list.
func formFields(s *session, section mesh.Section, d *destination, index string) []formField {
	v := &s.setup
	var out []formField
	for _, f := range mesh.FieldsOf(v.UseCase, section) {
		b, ok := bindings[f.Path]
		if !ok {
			continue // networkId of a destination: the networks screen chooses it
		}
		path := strings.ReplaceAll(f.Path, "[]", index)
		switch {
		case b.toggle != nil:
			out = append(out, newToggleField(f.Label, path, func() *bool { return b.value(v, f.Path) }, func(x bool) { *b.toggle(v) = mesh.Bool(x) }))
		default:
			p := b.text(v, d)
			get, set := func() string { return *p }, func(x string) { *p = x }
			if choices, ok := fieldChoices(s, f, d); ok {
				c := newChoiceField(f.Label, path, choices, get, set)
				c.note = f.Hint
				out = append(out, c)
				continue
			}
			out = append(out, newTextField(f.Label, path, f.Hint, get, set))
		}
	}
	return out
}

// fieldChoices are a choice field's options, "(none)" first where the field
// may stay empty; ok is false for a symbol on a network that lists no
// tokens (typed instead).
func fieldChoices(s *session, f mesh.Field, d *destination) ([]choice, bool) {
	if f.Kind != mesh.FieldChoice {
		return nil, false
	}
	var n mesh.Network
	if d != nil {
		n = s.network(d.NetworkID)
	}
	opts := f.Options(s.catalog, n)
	if f.Choices == mesh.FromTokens && len(opts) == 0 {
		return nil, false
	}
	if f.Choices == mesh.FromIntegrations {
		slices.SortFunc(opts, func(a, b mesh.Option) int { return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
	}
	var out []choice
	if !f.Required {
		none := "(none)"
		if f.Choices == mesh.FromIntegrations {
			none = "(" + f.Hint + ")"
		}
		out = append(out, choice{"", none})
	}
	for _, o := range opts {
		if f.Choices == mesh.FromIntegrations {
			if in, ok := s.catalog.Integration(o.Value); ok && s.down(in) {
				o.Label += " (down)"
			}
		}
		out = append(out, choice{o.Value, o.Label})
	}
	return out, true
}

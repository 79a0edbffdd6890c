package wizard

import (
	"strings"

	"github.com/google/uuid"
	"github.com/meshlink/meshlink/mesh"
)

// setup is everything the user entered, kept raw (as typed) and kept whole:
// switching the use case hides fields but never erases them, so switching
// back restores them. The body is derived from it by buildRequest, which
// alone decides what reaches Mesh.
type setup struct {
	UseCase mesh.UseCase

	UserID string
	// TransactionID is sent with transfers; GeneratedTxID says it came from
	// "generate", so a fresh token gets a fresh id.
	TransactionID            string
	GeneratedTxID            bool
	RestrictMultipleAccounts bool
	IntegrationID            string
	AmountInFiat             string
	// InclusiveFee is nil until the user sets it: the use case's default.
	InclusiveFee    *bool
	GeneratePayLink bool

	// Networks are the chosen network ids in the order they were chosen;
	// toAddresses follow the same order.
	Networks []string
	// Dest holds a destination per network id, also for networks that were
	// chosen once and dropped again (their entries come back with them).
	Dest map[string]*destination

	Verify verifyValues

	// Extra keeps fields the forms do not show (they came from an edited
	// body or a preset) so they survive a round trip.
	Extra extras
}

type destination struct {
	Symbol, Address, Amount, DisplayAmountInFiat, AddressTag, MinAmount, MinAmountInFiat string
}

type verifyValues struct {
	Message, NetworkID, NetworkType string
	// Addresses is what the user typed: addresses separated by commas,
	// spaces or new lines.
	Addresses string
}

type extras struct {
	SubClientID             string
	DisableAPIKeyGeneration *bool
	AccessTokens            []mesh.AccessToken
	ClientFee               mesh.Decimal
	FundingOptions          *mesh.FundingOptions
}

func newSetup(u mesh.UseCase) setup {
	return setup{
		UseCase:                  u,
		RestrictMultipleAccounts: true,
		TransactionID:            uuid.NewString(),
		GeneratedTxID:            true,
		Dest:                     map[string]*destination{},
	}
}

// dest returns the destination of network id, creating it.
func (s *setup) dest(id string) *destination {
	if s.Dest == nil {
		s.Dest = map[string]*destination{}
	}
	d := s.Dest[id]
	if d == nil {
		d = &destination{}
		s.Dest[id] = d
	}
	return d
}

func (s *setup) chosen(id string) bool {
	for _, n := range s.Networks {
		if n == id {
			return true
		}
	}
	return false
}

// toggleNetwork adds or removes a network and reports whether it is now chosen.
func (s *setup) toggleNetwork(id string) bool {
	for i, n := range s.Networks {
		if n == id {
			s.Networks = append(s.Networks[:i:i], s.Networks[i+1:]...)
			return false
		}
	}
	s.Networks = append(s.Networks, id)
	return true
}

// inclusiveFee is the value sent: the user's, or the use case's default.
func (s *setup) inclusiveFee() bool {
	if s.InclusiveFee != nil {
		return *s.InclusiveFee
	}
	return s.UseCase.TransferType() == mesh.TransferOnramp
}

// field names an input of the wizard, to ask whether a use case has it.
type field int

const (
	fieldUserID field = iota
	fieldRestrict
	fieldIntegration
	fieldTransactionID
	fieldAmountInFiat
	fieldInclusiveFee
	fieldGeneratePayLink
	fieldDestinations // networks and, per network, symbol and address
	fieldAmount
	fieldDisplayAmountInFiat
	fieldAddressTag
	fieldMinAmount
	fieldVerify // message, networkId/networkType, addresses
)

// applies says whether use case u shows field f and sends what it holds.
func applies(u mesh.UseCase, f field) bool {
	transfer := u.TransferType()
	switch f {
	case fieldUserID, fieldRestrict:
		return true
	case fieldIntegration:
		return transfer == mesh.TransferOnramp || u.Verifies()
	case fieldTransactionID, fieldInclusiveFee, fieldGeneratePayLink, fieldDestinations, fieldAddressTag:
		return transfer != ""
	case fieldAmountInFiat:
		return transfer == mesh.TransferOnramp
	case fieldAmount, fieldDisplayAmountInFiat:
		return transfer == mesh.TransferPayment
	case fieldMinAmount:
		return transfer == mesh.TransferDeposit || transfer == mesh.TransferOnramp
	case fieldVerify:
		return u.Verifies()
	}
	return false
}

// decimal turns what the user typed into an amount. What does not parse is
// kept as typed, so mesh.Validate reports it at its path.
func decimal(s string) mesh.Decimal {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if d, err := mesh.ParseDecimal(s); err == nil {
		return d
	}
	return mesh.Decimal(s)
}

// splitAddresses reads a list typed with commas, spaces or new lines.
func splitAddresses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
}

// buildRequest is the body for s: it starts from mesh.NewRequest and adds
// only what s.UseCase uses, so an onramp's amountInFiat never reaches a
// deposit. It is pure; the wizard calls it on every change.
func buildRequest(s setup) *mesh.LinkTokenRequest {
	u := s.UseCase
	r := mesh.NewRequest(u, strings.TrimSpace(s.UserID))
	r.RestrictMultipleAccounts = mesh.Bool(s.RestrictMultipleAccounts)
	if applies(u, fieldIntegration) {
		r.IntegrationID = strings.TrimSpace(s.IntegrationID)
	}
	r.SubClientID = s.Extra.SubClientID
	r.DisableAPIKeyGeneration = s.Extra.DisableAPIKeyGeneration
	r.AccessTokens = s.Extra.AccessTokens
	if t := r.TransferOptions; t != nil {
		t.TransactionID = strings.TrimSpace(s.TransactionID)
		if applies(u, fieldAmountInFiat) {
			t.AmountInFiat = decimal(s.AmountInFiat)
		}
		t.IsInclusiveFeeEnabled = mesh.Bool(s.inclusiveFee())
		t.GeneratePayLink = mesh.Bool(s.GeneratePayLink)
		t.ClientFee = s.Extra.ClientFee
		t.FundingOptions = s.Extra.FundingOptions
		for _, id := range s.Networks {
			d := s.Dest[id]
			if d == nil {
				d = &destination{}
			}
			a := mesh.ToAddress{
				NetworkID:  id,
				Symbol:     strings.TrimSpace(d.Symbol),
				Address:    strings.TrimSpace(d.Address),
				AddressTag: strings.TrimSpace(d.AddressTag),
			}
			if applies(u, fieldAmount) {
				a.Amount = decimal(d.Amount)
				a.DisplayAmountInFiat = decimal(d.DisplayAmountInFiat)
			}
			if applies(u, fieldMinAmount) {
				a.MinAmount = decimal(d.MinAmount)
				a.MinAmountInFiat = decimal(d.MinAmountInFiat)
			}
			t.ToAddresses = append(t.ToAddresses, a)
		}
	}
	if v := r.VerifyWalletOptions; v != nil {
		v.Message = strings.TrimSpace(s.Verify.Message)
		v.NetworkID = s.Verify.NetworkID
		v.NetworkType = s.Verify.NetworkType
		v.Addresses = splitAddresses(s.Verify.Addresses)
	}
	return r
}

// setupFromRequest is buildRequest read backwards: it fills every step from
// a body (an edited preview, a preset). Fields the forms do not show are kept
// in Extra.
func setupFromRequest(r *mesh.LinkTokenRequest) setup {
	s := setup{
		UseCase:                  mesh.UseCaseOf(r),
		UserID:                   r.UserID,
		RestrictMultipleAccounts: r.RestrictMultipleAccounts == nil || *r.RestrictMultipleAccounts,
		IntegrationID:            r.IntegrationID,
		Dest:                     map[string]*destination{},
		Extra: extras{
			SubClientID:             r.SubClientID,
			DisableAPIKeyGeneration: r.DisableAPIKeyGeneration,
			AccessTokens:            r.AccessTokens,
		},
	}
	if t := r.TransferOptions; t != nil {
		s.TransactionID = t.TransactionID
		s.AmountInFiat = string(t.AmountInFiat)
		if t.IsInclusiveFeeEnabled != nil {
			s.InclusiveFee = mesh.Bool(*t.IsInclusiveFeeEnabled)
		}
		s.GeneratePayLink = t.GeneratePayLink != nil && *t.GeneratePayLink
		s.Extra.ClientFee = t.ClientFee
		s.Extra.FundingOptions = t.FundingOptions
		for _, a := range t.ToAddresses {
			if s.chosen(a.NetworkID) {
				continue // one destination per network is all the forms can hold
			}
			s.Networks = append(s.Networks, a.NetworkID)
			s.Dest[a.NetworkID] = &destination{
				Symbol: a.Symbol, Address: a.Address, Amount: string(a.Amount),
				DisplayAmountInFiat: string(a.DisplayAmountInFiat), AddressTag: a.AddressTag,
				MinAmount: string(a.MinAmount), MinAmountInFiat: string(a.MinAmountInFiat),
			}
		}
	}
	if v := r.VerifyWalletOptions; v != nil {
		s.Verify = verifyValues{Message: v.Message, NetworkID: v.NetworkID, NetworkType: v.NetworkType, Addresses: strings.Join(v.Addresses, ", ")}
	}
	return s
}

// body is the exact JSON that will be sent (mesh.EncodeBody, the client's
// own encoding), without its final newline.
func body(r *mesh.LinkTokenRequest) (string, error) {
	b, err := mesh.EncodeBody(r)
	return strings.TrimSuffix(string(b), "\n"), err
}

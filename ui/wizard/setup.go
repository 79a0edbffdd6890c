package wizard

import (
	"slices"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// setup is everything the user entered, kept raw (as typed) and kept whole:
// switching the use case hides fields but never erases them, so switching
// back restores them. The body is derived from it by buildRequest, which
// alone decides what reaches Mesh.
type setup struct {
	UseCase mesh.UseCase

	UserID string
	// TransactionID is sent with transfers. FreshTxID is the "new each run"
	// choice: every send (and a preset replay) gets a UUID never sent
	// before (sent); an id the user typed turns it off.
	TransactionID string
	FreshTxID     bool
	IntegrationID string
	AmountInFiat  string
	// The optional booleans are nil when not given: a new setup sends the
	// use case's defaults for them (Defaults), a setup read from a body
	// sends exactly what the body held.
	Restrict        *bool
	InclusiveFee    *bool
	GeneratePayLink *bool
	Defaults        bool

	// Dests are the destinations in order, several per network allowed.
	Dests []destination
	// parked keeps the destinations of a network that was chosen and dropped
	// again: choosing it once more brings them back.
	parked map[string][]destination

	Verify verifyValues
	Adv    advanced
}

type destination struct {
	NetworkID, Symbol, Address, Amount, DisplayAmountInFiat, AddressTag, MinAmount, MinAmountInFiat string
}

type verifyValues struct {
	// Methods are a read body's verificationMethods (loaded says there was
	// a verifyWalletOptions to read); otherwise mesh.NewRequest's default.
	Methods                         []mesh.VerificationMethod
	loaded                          bool
	Message, NetworkID, NetworkType string
	// Addresses is what the user typed: addresses separated by commas,
	// spaces or new lines.
	Addresses string
}

// advanced are the fields most requests leave out; the details form shows
// them under "Advanced".
type advanced struct {
	SubClientID             string
	ClientFee               string
	DisableAPIKeyGeneration *bool
	FundingOptions          *bool
	AccessTokens            []mesh.AccessToken
	// What only a loaded body sets, kept so it goes out as it came: the
	// deprecated brokerType, Binance Pay's description and goodsDetails, a
	// transferType that is no use case's (fiatOnRamp, a newer one), and an
	// amountInFiat in a use case whose form has none (Mesh's PayLinks guide
	// prices a payment that way).
	AmountInFiat string
	BrokerType   string
	Description  string
	GoodsDetails []mesh.GoodsDetails
	TransferType mesh.TransferType
}

// newSetup is a new request for u; newID makes its transactionId.
func newSetup(u mesh.UseCase, newID func() string) setup {
	return setup{
		UseCase:       u,
		TransactionID: newID(),
		FreshTxID:     true,
		Defaults:      true,
	}
}

// sent moves on to the next send's transactionId when "new each run" is on:
// whatever goes out next (again from the preview, after going back, in
// another use case) carries an id not sent before.
func (s *setup) sent(newID func() string) {
	if s.FreshTxID {
		s.TransactionID = newID()
	}
}

// networks are the chosen networks, each once, in the order of their
// first destination.
func (s *setup) networks() []string {
	var out []string
	for _, d := range s.Dests {
		if !slices.Contains(out, d.NetworkID) {
			out = append(out, d.NetworkID)
		}
	}
	return out
}

func (s *setup) chosen(id string) bool {
	return slices.ContainsFunc(s.Dests, func(d destination) bool { return d.NetworkID == id })
}

// toggleNetwork adds a network (with the destinations it had, else one with
// symbol) or removes it with all its destinations; it reports whether the
// network is now chosen.
func (s *setup) toggleNetwork(id, symbol string) bool {
	if s.chosen(id) {
		if s.parked == nil {
			s.parked = map[string][]destination{}
		}
		var keep []destination
		for _, d := range s.Dests {
			if d.NetworkID == id {
				s.parked[id] = append(s.parked[id], d)
			} else {
				keep = append(keep, d)
			}
		}
		s.Dests = keep
		return false
	}
	if back := s.parked[id]; len(back) > 0 {
		s.Dests = append(s.Dests, back...)
		delete(s.parked, id)
		return true
	}
	s.Dests = append(s.Dests, destination{NetworkID: id, Symbol: symbol})
	return true
}

// addDestination puts another destination on the network of Dests[i] right
// after the last one there, and returns its index.
func (s *setup) addDestination(i int) int {
	id := s.Dests[i].NetworkID
	at := i
	for j := i; j < len(s.Dests) && s.Dests[j].NetworkID == id; j++ {
		at = j
	}
	s.Dests = slices.Insert(s.Dests, at+1, destination{NetworkID: id})
	return at + 1
}

// removeDestination drops Dests[i]; the network goes with its last one.
func (s *setup) removeDestination(i int) { s.Dests = slices.Delete(s.Dests, i, i+1) }

// boolOr is *b, or def when b is nil and the setup sends defaults; nil
// otherwise (the key stays out of the body).
func (s *setup) boolOr(b *bool, def bool) *bool {
	if b != nil {
		return mesh.Bool(*b)
	}
	if s.Defaults {
		return mesh.Bool(def)
	}
	return nil
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

// buildRequest is the body for s: only what s.UseCase uses, so an onramp's
// amountInFiat never reaches a deposit. It is pure; the wizard calls it on
// every change.
func buildRequest(s setup) *mesh.LinkTokenRequest {
	u := s.UseCase
	r := mesh.NewRequest(u, strings.TrimSpace(s.UserID))
	r.RestrictMultipleAccounts = s.boolOr(s.Restrict, *r.RestrictMultipleAccounts) // NewRequest's default
	if u.Has(pathIntegration) {
		r.IntegrationID = strings.TrimSpace(s.IntegrationID)
	}
	r.SubClientID = strings.TrimSpace(s.Adv.SubClientID)
	r.DisableAPIKeyGeneration = s.Adv.DisableAPIKeyGeneration
	r.AccessTokens = s.Adv.AccessTokens
	r.BrokerType = s.Adv.BrokerType
	if t := r.TransferOptions; t != nil {
		if s.Adv.TransferType != "" {
			t.TransferType = s.Adv.TransferType
		}
		t.Description, t.GoodsDetails = s.Adv.Description, s.Adv.GoodsDetails
		t.TransactionID = strings.TrimSpace(s.TransactionID)
		if u.Has(pathAmountInFiat) {
			t.AmountInFiat = decimal(s.AmountInFiat)
		} else {
			t.AmountInFiat = decimal(s.Adv.AmountInFiat)
		}
		t.IsInclusiveFeeEnabled = s.boolOr(s.InclusiveFee, *t.IsInclusiveFeeEnabled)
		t.GeneratePayLink = s.boolOr(s.GeneratePayLink, *t.GeneratePayLink)
		t.ClientFee = decimal(s.Adv.ClientFee)
		if s.Adv.FundingOptions != nil {
			t.FundingOptions = &mesh.FundingOptions{Enabled: *s.Adv.FundingOptions}
		}
		hasAmount, hasMinAmount := u.Has(pathAmount), u.Has(pathMinAmount)
		for _, d := range s.Dests {
			a := mesh.ToAddress{
				NetworkID:  d.NetworkID,
				Symbol:     strings.TrimSpace(d.Symbol),
				Address:    strings.TrimSpace(d.Address),
				AddressTag: strings.TrimSpace(d.AddressTag),
			}
			if hasAmount {
				a.Amount = decimal(d.Amount)
				a.DisplayAmountInFiat = decimal(d.DisplayAmountInFiat)
			}
			if hasMinAmount {
				a.MinAmount = decimal(d.MinAmount)
				a.MinAmountInFiat = decimal(d.MinAmountInFiat)
			}
			t.ToAddresses = append(t.ToAddresses, a)
		}
	}
	if v := r.VerifyWalletOptions; v != nil {
		if s.Verify.loaded {
			v.VerificationMethods = s.Verify.Methods
		}
		v.Message = strings.TrimSpace(s.Verify.Message)
		v.NetworkID = s.Verify.NetworkID
		v.NetworkType = s.Verify.NetworkType
		v.Addresses = splitAddresses(s.Verify.Addresses)
	}
	return r
}

// setupFromRequest is buildRequest read backwards: it fills every screen
// from a body (an edited preview, a preset) so that building it again gives
// the same body, key for key.
func setupFromRequest(r *mesh.LinkTokenRequest) setup {
	s := setup{
		UseCase:       mesh.UseCaseOf(r),
		UserID:        r.UserID,
		Restrict:      r.RestrictMultipleAccounts,
		IntegrationID: r.IntegrationID,
		Adv: advanced{
			SubClientID:             r.SubClientID,
			DisableAPIKeyGeneration: r.DisableAPIKeyGeneration,
			AccessTokens:            r.AccessTokens,
			BrokerType:              r.BrokerType,
		},
	}
	if t := r.TransferOptions; t != nil {
		if t.TransferType != s.UseCase.TransferType() {
			s.Adv.TransferType = t.TransferType
		}
		s.Adv.Description, s.Adv.GoodsDetails = t.Description, t.GoodsDetails
		if !s.UseCase.Has(pathAmountInFiat) {
			s.Adv.AmountInFiat = string(t.AmountInFiat)
		}
		s.TransactionID = t.TransactionID
		s.AmountInFiat = string(t.AmountInFiat)
		s.InclusiveFee = t.IsInclusiveFeeEnabled
		s.GeneratePayLink = t.GeneratePayLink
		s.Adv.ClientFee = string(t.ClientFee)
		if t.FundingOptions != nil {
			s.Adv.FundingOptions = mesh.Bool(t.FundingOptions.Enabled)
		}
		for _, a := range t.ToAddresses {
			s.Dests = append(s.Dests, destination{
				NetworkID: a.NetworkID, Symbol: a.Symbol, Address: a.Address, Amount: string(a.Amount),
				DisplayAmountInFiat: string(a.DisplayAmountInFiat), AddressTag: a.AddressTag,
				MinAmount: string(a.MinAmount), MinAmountInFiat: string(a.MinAmountInFiat),
			})
		}
	}
	if v := r.VerifyWalletOptions; v != nil {
		s.Verify = verifyValues{Methods: v.VerificationMethods, loaded: true, Message: v.Message, NetworkID: v.NetworkID, NetworkType: v.NetworkType, Addresses: strings.Join(v.Addresses, ", ")}
	}
	return s
}

// body is the exact JSON that will be sent (mesh.EncodeBody, the client's
// own encoding), without its final newline.
func body(r *mesh.LinkTokenRequest) (string, error) {
	b, err := mesh.EncodeBody(r)
	return strings.TrimSuffix(string(b), "\n"), err
}

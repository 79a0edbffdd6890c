package mesh

import (
	"slices"
	"strings"
)

// Fields is the request's fields a person sets, in the order a form asks
// for them: one table that the wizard's forms, its accessible prompts and
// the command line's hints all read, so they cannot disagree about which
// use case has which field.
//
// Paths are JSON paths as Problem uses them; "[]" stands for any index of
// a list (transferOptions.toAddresses[].amount is every destination's
// amount). Fields the user never sets by hand (transferType,
// verificationMethods) are the use case's own and are not listed.
var Fields = []Field{
	{Path: "userId", Label: "User ID", Hint: "your persistent id for this user", Kind: FieldText, Required: true, in: anyUseCase},
	{Path: "transferOptions.transactionId", Label: "Transaction ID", Hint: "your id for this transfer", Kind: FieldText, in: transfers},
	{Path: "restrictMultipleAccounts", Label: "Restrict to one account", Kind: FieldToggle, in: anyUseCase},
	{Path: "integrationId", Label: "Integration", Hint: "none: the user picks", Kind: FieldChoice, Choices: FromIntegrations, in: anyUseCase},
	{Path: "transferOptions.amountInFiat", Label: "Amount in USD", Hint: "e.g. 50 (empty: the user chooses)", Kind: FieldText, Amount: true, in: onramps},
	{Path: "transferOptions.isInclusiveFeeEnabled", Label: "Fees inside the amount", Kind: FieldToggle, in: transfers},
	{Path: "transferOptions.generatePayLink", Label: "Generate a pay link", Kind: FieldToggle, in: transfers},

	{Path: "transferOptions.clientFee", Label: "Client fee", Hint: "a ratio from 0 to 1: 0.025 is 2.5%", Kind: FieldText, Amount: true, Section: SectionAdvanced, in: payments},
	{Path: "transferOptions.fundingOptions.enabled", Label: "SmartFunding", Kind: FieldToggle, Section: SectionAdvanced, in: transfers},
	{Path: "subClientId", Label: "Sub-client ID", Hint: "the sub-client's id from your Mesh dashboard", Kind: FieldText, Section: SectionAdvanced, in: anyUseCase},
	{Path: "disableApiKeyGeneration", Label: "Disable API key generation", Kind: FieldToggle, Section: SectionAdvanced, in: anyUseCase},

	{Path: "transferOptions.toAddresses[].networkId", Label: "Network", Kind: FieldChoice, Choices: FromNetworks, Required: true, Section: SectionDestination, in: transfers},
	{Path: "transferOptions.toAddresses[].symbol", Label: "Symbol", Hint: "e.g. USDC", Kind: FieldChoice, Choices: FromTokens, Required: true, Section: SectionDestination, in: transfers},
	{Path: "transferOptions.toAddresses[].address", Label: "Address", Hint: "the destination address", Kind: FieldText, Required: true, Section: SectionDestination, in: transfers},
	{Path: "transferOptions.toAddresses[].addressTag", Label: "Address tag / memo", Hint: "optional: memo or destination tag", Kind: FieldText, Section: SectionDestination, in: transfers},
	{Path: "transferOptions.toAddresses[].amount", Label: "Amount", Hint: "exact amount of the token to pay", Kind: FieldText, Amount: true, Required: true, Section: SectionDestination, in: payments},
	{Path: "transferOptions.toAddresses[].displayAmountInFiat", Label: "Display amount USD", Hint: "optional: fiat amount to show", Kind: FieldText, Amount: true, Section: SectionDestination, in: payments},
	{Path: "transferOptions.toAddresses[].minAmount", Label: "Minimum amount", Hint: "optional: in the token", Kind: FieldText, Amount: true, Section: SectionDestination, in: depositsAndOnramps},
	{Path: "transferOptions.toAddresses[].minAmountInFiat", Label: "Minimum in USD", Hint: "optional", Kind: FieldText, Amount: true, Section: SectionDestination, in: depositsAndOnramps},

	{Path: "verifyWalletOptions.message", Label: "Message to sign", Hint: "optional: shown to the user when signing", Kind: FieldText, Section: SectionVerify, in: verifying},
	{Path: "verifyWalletOptions.networkId", Label: "Network", Hint: "one of network or type", Kind: FieldChoice, Choices: FromNetworks, Section: SectionVerify, in: verifying},
	{Path: "verifyWalletOptions.networkType", Label: "Network type", Hint: "one of network or type", Kind: FieldChoice, Choices: FromNetworkTypes, Section: SectionVerify, in: verifying},
	{Path: "verifyWalletOptions.addresses", Label: "Allowed addresses", Hint: "optional: addresses, comma-separated", Kind: FieldText, List: true, Section: SectionVerify, in: verifying},
}

// Field describes one field of the request that a person sets.
type Field struct {
	Path  string // JSON path; "[]" for any index of a list
	Label string // a form's short name for it
	Hint  string // a placeholder: an example, or what leaving it empty means
	Kind  FieldKind
	// Choices says where a FieldChoice's options come from.
	Choices ChoiceSource
	// Amount: text that must be a number (ParseDecimal), sent as a JSON number.
	Amount bool
	// List: text holding several values (commas, spaces or new lines).
	List bool
	// Required: the request is invalid without it, in every use case that
	// has the field.
	Required bool
	Section  Section
	in       func(UseCase) bool
}

// FieldKind is how a person gives a field's value.
type FieldKind int

const (
	FieldText   FieldKind = iota // typed text
	FieldToggle                  // true or false
	FieldChoice                  // one of a list of options (see ChoiceSource)
)

// ChoiceSource is where a choice field's options come from.
type ChoiceSource int

const (
	NoChoices        ChoiceSource = iota
	FromIntegrations              // the catalog's integrations
	FromNetworks                  // the catalog's networks
	// FromTokens is the destination network's supportedTokens; a network
	// that lists none takes typed text instead.
	FromTokens
	FromNetworkTypes // NetworkTypes
)

// Section groups fields the way a form shows them.
type Section int

const (
	SectionDetails     Section = iota // the request itself
	SectionAdvanced                   // rarely needed settings, folded away
	SectionDestination                // each of transferOptions.toAddresses
	SectionVerify                     // verifyWalletOptions
)

// FieldsOf lists, in form order, the fields of section s that use case u has.
func FieldsOf(u UseCase, s Section) []Field {
	var out []Field
	for _, f := range Fields {
		if f.Section == s && f.in(u) {
			out = append(out, f)
		}
	}
	return out
}

// Has reports whether use case u has the field at path (indices like
// toAddresses[2] allowed). Paths not in Fields are not the use case's.
func (u UseCase) Has(path string) bool {
	f, ok := FieldAt(path)
	return ok && f.in(u)
}

// FieldAt finds the field of a path as Problem reports it, such as
// transferOptions.toAddresses[2].amount, or verifyWalletOptions.addresses[0]
// for an entry of a List field.
func FieldAt(path string) (Field, bool) {
	path = anyIndex(path)
	for _, p := range []string{path, strings.TrimSuffix(path, "[]")} {
		if i := slices.IndexFunc(Fields, func(f Field) bool { return f.Path == p }); i >= 0 {
			return Fields[i], true
		}
	}
	return Field{}, false
}

// anyIndex writes every list index of path as "[]".
func anyIndex(path string) string {
	if !strings.Contains(path, "[") {
		return path
	}
	var b strings.Builder
	inIndex := false
	for _, r := range path {
		switch {
		case r == '[':
			b.WriteString("[]")
			inIndex = true
		case inIndex:
			inIndex = r != ']'
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Options lists a choice field's options: for FromTokens, those of network
// n; for the catalog's lists, in the catalog's order. Values are what the
// body carries (ids, symbols, types); labels are what a person reads.
func (f Field) Options(cat *Catalog, n Network) []Option {
	var out []Option
	switch f.Choices {
	case FromIntegrations:
		if cat != nil {
			for _, in := range cat.Integrations {
				out = append(out, Option{in.ID, in.Name})
			}
		}
	case FromNetworks:
		if cat != nil {
			for _, n := range cat.Networks {
				out = append(out, Option{n.ID, n.Name})
			}
		}
	case FromTokens:
		for _, t := range n.SupportedTokens {
			out = append(out, Option{t, t})
		}
	case FromNetworkTypes:
		for _, t := range NetworkTypes {
			out = append(out, Option{t, t})
		}
	}
	return out
}

// Option is one of a choice field's options.
type Option struct{ Value, Label string }

func anyUseCase(UseCase) bool  { return true }
func transfers(u UseCase) bool { return u.TransferType() != "" }
func payments(u UseCase) bool  { return u.TransferType() == TransferPayment }
func onramps(u UseCase) bool   { return u.TransferType() == TransferOnramp }
func verifying(u UseCase) bool { return u.Verifies() }
func depositsAndOnramps(u UseCase) bool {
	return u.TransferType() == TransferDeposit || u.TransferType() == TransferOnramp
}

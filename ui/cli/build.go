package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/google/uuid"
	"github.com/spf13/pflag"

	"github.com/meshlink/meshlink/mesh"
)

// requestFlags are the flags that build a link-token body.
type requestFlags struct {
	preset            string
	body              string
	useCase           string
	userID            string
	to                []string
	transactionID     string
	amountInFiat      string
	integrationID     string
	payLink           bool
	inclusiveFee      bool
	restrictMultiple  bool
	clientFee         string
	funding           bool
	verifyMessage     string
	verifyNetwork     string
	verifyNetworkType string
	verifyAddresses   []string
	set               []string
	// allowUnknownSymbol sends a symbol one edit from a listed token as
	// written (a token Mesh listed after the catalog was fetched).
	allowUnknownSymbol bool

	changed func(name string) bool
}

// bindRequestFlags defines the flags that build a body, for every command
// that fetches a token (token, try).
func bindRequestFlags(f *pflag.FlagSet, r *requestFlags) {
	f.StringVar(&r.preset, "preset", "", "start from a saved preset (its fresh fields new on every run); other flags change it for this run")
	f.StringVar(&r.body, "body", "", "the request body as JSON, from FILE or - for stdin")
	f.StringVar(&r.useCase, "use-case", "", "deposit, payment, onramp, withdrawal, verify, deposit+verify or payment+verify")
	f.StringVar(&r.userID, "user-id", "", "userId: your persistent id of the user ('auto' makes a random one)")
	f.StringArrayVar(&r.to, "to", nil, "a destination NETWORK:SYMBOL:ADDRESS[:AMOUNT][,addressTag=…,displayAmountInFiat=…,minAmount=…,minAmountInFiat=…] (repeatable)")
	f.StringVar(&r.transactionID, "transaction-id", "", "transferOptions.transactionId ('auto' makes a UUID)")
	f.StringVar(&r.amountInFiat, "amount-in-fiat", "", "transferOptions.amountInFiat, in USD (onramp)")
	f.StringVar(&r.integrationID, "integration-id", "", "integrationId, or an integration's name from the catalog")
	f.BoolVar(&r.payLink, "pay-link", false, "transferOptions.generatePayLink: also return a pay link (needs --transaction-id)")
	f.BoolVar(&r.inclusiveFee, "inclusive-fee", false, "transferOptions.isInclusiveFeeEnabled (default: true for onramp, else false)")
	f.BoolVar(&r.restrictMultiple, "restrict-multiple-accounts", true, "restrictMultipleAccounts")
	f.StringVar(&r.clientFee, "client-fee", "", "transferOptions.clientFee, a ratio from 0 to 1 (payments)")
	f.BoolVar(&r.funding, "funding", false, "transferOptions.fundingOptions.enabled (SmartFunding)")
	f.StringVar(&r.verifyMessage, "verify-message", "", "verifyWalletOptions.message: the text the user signs")
	f.StringVar(&r.verifyNetwork, "verify-network", "", "verifyWalletOptions.networkId, by catalog name or id")
	f.StringVar(&r.verifyNetworkType, "verify-network-type", "", "verifyWalletOptions.networkType, like evm or solana")
	f.StringArrayVar(&r.verifyAddresses, "verify-address", nil, "verifyWalletOptions.addresses: an address the user may verify (repeatable)")
	f.StringArrayVar(&r.set, "set", nil, "set any body field: path=value, like subClientId=… or accessTokens[0].accessToken=… (repeatable; empty value removes)")
	f.BoolVar(&r.allowUnknownSymbol, "allow-unknown-symbol", false, "send a --to symbol one letter from a token the network lists as written (a token newer than the catalog), instead of refusing it")
}

// autoValue asks for a generated value in --user-id and --transaction-id.
const autoValue = "auto"

// readBody decodes a JSON body strictly: a field Mesh does not know is an
// error, not something to drop silently.
func readBody(path string, stdin io.Reader) (*mesh.LinkTokenRequest, error) {
	data, err := readInput(path, stdin)
	if err != nil {
		return nil, usagef("read --body: %v", err)
	}
	r, err := mesh.DecodeBody(data)
	if err != nil {
		return nil, usagef("--body %s: %v", path, err)
	}
	return r, nil
}

// build turns the flags (and --body, or the body of a preset) into a
// request. The catalog resolves network and integration names.
func (f *requestFlags) build(base *mesh.LinkTokenRequest, cat *mesh.Catalog, stdin io.Reader) (*mesh.LinkTokenRequest, error) {
	r := base
	if f.body != "" {
		if base != nil {
			return nil, usagef("give --preset or --body, not both")
		}
		b, err := readBody(f.body, stdin)
		if err != nil {
			return nil, err
		}
		r = b
	}
	if f.useCase != "" {
		uc, err := mesh.ParseUseCase(f.useCase)
		if err != nil {
			return nil, &UsageError{err.Error()}
		}
		if r, err = mesh.ApplyUseCase(r, uc); err != nil {
			return nil, usage("--use-case", err)
		}
	}
	if r == nil {
		return nil, usagef("say what token to build: --use-case (%s) or --body FILE", mesh.UseCaseNames())
	}
	if err := f.apply(r, cat); err != nil {
		return nil, err
	}
	for _, s := range f.set {
		var err error
		if r, err = mesh.SetField(r, s); err != nil {
			return nil, usage("--set", err)
		}
	}
	return r, nil
}

// apply sets what the individual flags say.
func (f *requestFlags) apply(r *mesh.LinkTokenRequest, cat *mesh.Catalog) error {
	if f.userID != "" {
		r.UserID = f.userID
		if f.userID == autoValue {
			r.UserID = "meshlink-" + uuid.NewString()
		}
	}
	if f.integrationID != "" {
		id, err := cat.IntegrationID(f.integrationID)
		if err != nil {
			return usage("--integration-id:", err)
		}
		r.IntegrationID = id
	}
	if f.changed("restrict-multiple-accounts") {
		r.RestrictMultipleAccounts = mesh.Bool(f.restrictMultiple)
	}
	if err := f.applyTransfer(r, cat); err != nil {
		return err
	}
	return f.applyVerify(r, cat)
}

func (f *requestFlags) applyTransfer(r *mesh.LinkTokenRequest, cat *mesh.Catalog) error {
	used := f.used("to", "transaction-id", "amount-in-fiat", "client-fee", "pay-link", "inclusive-fee", "funding")
	if len(used) == 0 {
		return nil
	}
	t := r.TransferOptions
	if t == nil {
		return usagef("%s needs a transfer: use --use-case deposit, payment or onramp", used[0])
	}
	if f.transactionID != "" {
		t.TransactionID = f.transactionID
		if f.transactionID == autoValue {
			t.TransactionID = uuid.NewString()
		}
	}
	if f.amountInFiat != "" {
		d, err := mesh.ParseDecimal(f.amountInFiat)
		if err != nil {
			return usagef("--amount-in-fiat: %v", err)
		}
		t.AmountInFiat = d
	}
	if f.clientFee != "" {
		d, err := mesh.ParseDecimal(f.clientFee)
		if err != nil {
			return usagef("--client-fee: %v", err)
		}
		t.ClientFee = d
	}
	if f.changed("pay-link") {
		t.GeneratePayLink = mesh.Bool(f.payLink)
	}
	if f.changed("inclusive-fee") {
		t.IsInclusiveFeeEnabled = mesh.Bool(f.inclusiveFee)
	}
	if f.changed("funding") {
		t.FundingOptions = &mesh.FundingOptions{Enabled: f.funding}
	}
	for _, spec := range f.to {
		a, err := mesh.ParseDestination(spec, cat)
		if err != nil {
			return usage("--to", err)
		}
		t.ToAddresses = append(t.ToAddresses, a)
	}
	return nil
}

// used lists, as --flags, those of names given on the command line.
func (f *requestFlags) used(names ...string) []string {
	var used []string
	for _, name := range names {
		if f.changed(name) {
			used = append(used, "--"+name)
		}
	}
	return used
}

func (f *requestFlags) applyVerify(r *mesh.LinkTokenRequest, cat *mesh.Catalog) error {
	used := f.used("verify-message", "verify-network", "verify-network-type", "verify-address")
	if len(used) == 0 {
		return nil
	}
	v := r.VerifyWalletOptions
	if v == nil {
		return usagef("%s needs wallet verification: use --use-case verify, deposit+verify or payment+verify", used[0])
	}
	if f.verifyMessage != "" {
		v.Message = f.verifyMessage
	}
	if f.verifyNetwork != "" {
		id, err := cat.NetworkID(f.verifyNetwork)
		if err != nil {
			return usage("--verify-network:", err)
		}
		v.NetworkID = id
	}
	if f.verifyNetworkType != "" {
		v.NetworkType = f.verifyNetworkType
	}
	v.Addresses = append(v.Addresses, f.verifyAddresses...)
	return nil
}

// usage turns an error of mesh's rules about a flag's value into a usage
// error that names the flag; a name the catalog lacks gets the command that
// lists the catalog.
func usage(flag string, err error) error {
	msg := flag + " " + err.Error()
	var miss *mesh.NotInCatalogError
	if errors.As(err, &miss) {
		msg += fmt.Sprintf("; see `meshlink %ss`", miss.Kind)
	}
	return &UsageError{msg}
}

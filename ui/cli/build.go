package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/google/uuid"

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

	changed func(name string) bool
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
		if r, err = withUseCase(r, uc); err != nil {
			return nil, err
		}
	}
	if r == nil {
		return nil, usagef("say what token to build: --use-case (%s) or --body FILE", useCaseNames())
	}
	if err := f.apply(r, cat); err != nil {
		return nil, err
	}
	for _, s := range f.set {
		var err error
		if r, err = setPath(r, s); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func useCaseNames() string {
	names := make([]string, len(mesh.UseCases))
	for i, u := range mesh.UseCases {
		names[i] = string(u)
	}
	return strings.Join(names, ", ")
}

// withUseCase starts a request for uc, or fills in the parts uc needs in a
// body read from --body; a body that contradicts uc is an error.
func withUseCase(r *mesh.LinkTokenRequest, uc mesh.UseCase) (*mesh.LinkTokenRequest, error) {
	if r == nil {
		return mesh.NewRequest(uc, ""), nil
	}
	fresh := mesh.NewRequest(uc, r.UserID)
	switch {
	case r.TransferOptions != nil && fresh.TransferOptions == nil:
		return nil, usagef("--use-case %s makes no transfer, but the body has transferOptions", uc)
	case r.TransferOptions != nil && r.TransferOptions.TransferType != "" && r.TransferOptions.TransferType != uc.TransferType():
		return nil, usagef("--use-case %s contradicts the body's transferType %q", uc, r.TransferOptions.TransferType)
	case r.VerifyWalletOptions != nil && !uc.Verifies():
		return nil, usagef("--use-case %s verifies no wallet, but the body has verifyWalletOptions", uc)
	}
	if r.RestrictMultipleAccounts == nil {
		r.RestrictMultipleAccounts = fresh.RestrictMultipleAccounts
	}
	if t := fresh.TransferOptions; t != nil {
		if r.TransferOptions == nil {
			r.TransferOptions = t
		}
		o := r.TransferOptions
		o.TransferType = t.TransferType
		if o.IsInclusiveFeeEnabled == nil {
			o.IsInclusiveFeeEnabled = t.IsInclusiveFeeEnabled
		}
		if o.GeneratePayLink == nil {
			o.GeneratePayLink = t.GeneratePayLink
		}
	}
	if v := fresh.VerifyWalletOptions; v != nil {
		if r.VerifyWalletOptions == nil {
			r.VerifyWalletOptions = v
		}
		if len(r.VerifyWalletOptions.VerificationMethods) == 0 {
			r.VerifyWalletOptions.VerificationMethods = v.VerificationMethods
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
		id, err := resolveIntegration(f.integrationID, cat)
		if err != nil {
			return err
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
		a, err := parseTo(spec, cat)
		if err != nil {
			return err
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
		id, err := resolveNetwork(f.verifyNetwork, cat)
		if err != nil {
			return usagef("--verify-network: %v", err)
		}
		v.NetworkID = id
	}
	if f.verifyNetworkType != "" {
		v.NetworkType = f.verifyNetworkType
	}
	v.Addresses = append(v.Addresses, f.verifyAddresses...)
	return nil
}

// parseTo reads NETWORK:SYMBOL:ADDRESS[:AMOUNT][,field=value...], such as
// "xrpl:XRP:rAddr:25,addressTag=12345".
func parseTo(spec string, cat *mesh.Catalog) (mesh.ToAddress, error) {
	bad := func(format string, args ...any) error {
		return usagef("--to %q: %s; write NETWORK:SYMBOL:ADDRESS[:AMOUNT][,addressTag=…,displayAmountInFiat=…,minAmount=…,minAmountInFiat=…]", spec, fmt.Sprintf(format, args...))
	}
	head, extras, _ := strings.Cut(spec, ",")
	parts := strings.SplitN(head, ":", 3)
	if len(parts) < 3 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return mesh.ToAddress{}, bad("needs a network, a symbol and an address")
	}
	netID, err := resolveNetwork(parts[0], cat)
	if err != nil {
		return mesh.ToAddress{}, bad("%v", err)
	}
	a := mesh.ToAddress{NetworkID: netID, Symbol: strings.ToUpper(parts[1]), Address: parts[2]}
	// An address may hold colons itself; a last part that is a number is the amount.
	if i := strings.LastIndex(a.Address, ":"); i >= 0 {
		if d, err := mesh.ParseDecimal(a.Address[i+1:]); err == nil {
			a.Address, a.Amount = a.Address[:i], d
		}
	}
	if n, ok := cat.Network(netID); ok {
		for _, t := range n.SupportedTokens {
			if strings.EqualFold(t, parts[1]) {
				a.Symbol = t // the catalog's spelling
			}
		}
	}
	if extras == "" {
		return a, nil
	}
	for _, kv := range strings.Split(extras, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			return mesh.ToAddress{}, bad("%q is not field=value", kv)
		}
		var d *mesh.Decimal
		switch strings.ToLower(strings.ReplaceAll(k, "-", "")) {
		case "addresstag", "tag", "memo":
			a.AddressTag = v
			continue
		case "amount":
			d = &a.Amount
		case "displayamountinfiat":
			d = &a.DisplayAmountInFiat
		case "minamount":
			d = &a.MinAmount
		case "minamountinfiat":
			d = &a.MinAmountInFiat
		default:
			return mesh.ToAddress{}, bad("unknown field %q", k)
		}
		val, err := mesh.ParseDecimal(v)
		if err != nil {
			return mesh.ToAddress{}, bad("%s: %v", k, err)
		}
		*d = val
	}
	return a, nil
}

// resolveNetwork accepts a network id, or a catalog name in any case.
func resolveNetwork(s string, cat *mesh.Catalog) (string, error) {
	if mesh.IsUUID(s) {
		return strings.ToLower(s), nil
	}
	if n, ok := cat.Network(s); ok {
		return n.ID, nil
	}
	if n, ok := cat.Network(networkAliases[strings.ToLower(s)]); ok {
		return n.ID, nil
	}
	return "", fmt.Errorf("no network %q in the catalog; see `meshlink networks`", s)
}

// networkAliases are names people type for networks the catalog names otherwise.
var networkAliases = map[string]string{
	"eth": "Ethereum", "sol": "Solana", "btc": "Bitcoin", "xrp": "XRPL", "ripple": "XRPL",
	"xlm": "Stellar", "bnb": "BSC", "avalanche": "AvalancheC", "arb": "Arbitrum", "op": "Optimism",
	"matic": "Polygon", "doge": "Dogecoin", "trx": "Tron", "ada": "Cardano",
}

func resolveIntegration(s string, cat *mesh.Catalog) (string, error) {
	if mesh.IsUUID(s) {
		return strings.ToLower(s), nil
	}
	if in, ok := cat.Integration(s); ok {
		return in.ID, nil
	}
	return "", usagef("--integration-id: no integration %q in the catalog; see `meshlink integrations`", s)
}

// setPath applies --set path=value to the body: the value is read as JSON
// (true, 25, "text", {...}) and, failing that, as a string; an empty value
// removes the field. The result is decoded strictly, so a typo in the path
// is an error.
func setPath(r *mesh.LinkTokenRequest, assignment string) (*mesh.LinkTokenRequest, error) {
	path, raw, ok := strings.Cut(assignment, "=")
	if !ok || path == "" {
		return nil, usagef("--set %q: write path=value, like transferOptions.clientFee=0.025", assignment)
	}
	keys := strings.Split(path, ".")
	if err := checkPath(keys); err != nil {
		return nil, usagef("--set %s: %v", path, err)
	}
	doc, err := toMap(r)
	if err != nil {
		return nil, err
	}
	var values []any
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber() // 0.0000001 stays as typed, not 1e-07
	if raw != "" && dec.Decode(&v) == nil && !dec.More() {
		values = append(values, v)
	}
	values = append(values, raw)
	var lastErr error
	for _, v := range values {
		if raw == "" {
			v = nil
		}
		next, err := setIn(doc, keys, v, raw == "")
		if err != nil {
			return nil, usagef("--set %s: %v", path, err)
		}
		b, _ := json.Marshal(next)
		out, err := mesh.DecodeBody(b)
		if err == nil {
			return out, nil
		}
		lastErr = err
	}
	return nil, usagef("--set %s: %v", path, lastErr)
}

func toMap(r *mesh.LinkTokenRequest) (map[string]any, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	// Numbers stay json.Numbers: through float64, an amount of
	// 12345678901234567890.5 would come back as 12345678901234567000.
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	err = dec.Decode(&m)
	return m, err
}

// checkPath makes sure each key of a --set path is a field of the body,
// spelled exactly. Go's JSON decoder matches names in any case, so "userID"
// would pass the strict decode and then lose to the body's own "userId".
func checkPath(keys []string) error {
	t := reflect.TypeFor[mesh.LinkTokenRequest]()
	where := "the body"
	for _, key := range keys {
		name, index, err := splitIndex(key)
		if err != nil {
			return err
		}
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return fmt.Errorf("%s holds a value, not fields like %q", where, name)
		}
		f, near := fieldByJSONName(t, name)
		if f == nil {
			if near != "" {
				return fmt.Errorf("no field %q in %s; did you mean %q?", name, where, near)
			}
			return fmt.Errorf("no field %q in %s", name, where)
		}
		t, where = f.Type, name
		if index >= 0 {
			if t.Kind() != reflect.Slice {
				return fmt.Errorf("%s is not a list; drop the [%d]", name, index)
			}
			t, where = t.Elem(), key
		}
	}
	return nil
}

// fieldByJSONName finds the field of struct type t whose JSON name is name,
// or else the name that matches it in another case.
func fieldByJSONName(t reflect.Type, name string) (*reflect.StructField, string) {
	near := ""
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == name:
			return &f, ""
		case strings.EqualFold(tag, name):
			near = tag
		}
	}
	return nil, near
}

// setIn returns a copy of doc with keys (like ["accessTokens[0]",
// "accessToken"]) set to v, or removed.
func setIn(doc any, keys []string, v any, remove bool) (any, error) {
	if len(keys) == 0 {
		return v, nil
	}
	name, index, err := splitIndex(keys[0])
	if err != nil {
		return nil, err
	}
	m, _ := doc.(map[string]any)
	out := make(map[string]any, len(m)+1)
	for k, val := range m {
		out[k] = val
	}
	if index < 0 {
		if remove && len(keys) == 1 {
			delete(out, name)
			return out, nil
		}
		child, err := setIn(out[name], keys[1:], v, remove)
		if err != nil {
			return nil, err
		}
		out[name] = child
		return out, nil
	}
	list, _ := out[name].([]any)
	list = append([]any(nil), list...)
	if index > len(list) {
		return nil, fmt.Errorf("%s[%d]: the list has %s; the next one is [%d]", name, index, plural(len(list), "item"), len(list))
	}
	if index == len(list) {
		list = append(list, map[string]any{})
	}
	if remove && len(keys) == 1 {
		list = append(list[:index], list[index+1:]...)
	} else {
		child, err := setIn(list[index], keys[1:], v, remove)
		if err != nil {
			return nil, err
		}
		list[index] = child
	}
	out[name] = list
	return out, nil
}

func splitIndex(key string) (string, int, error) {
	name, rest, ok := strings.Cut(key, "[")
	if !ok {
		return key, -1, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil || !strings.HasSuffix(rest, "]") || n < 0 {
		return "", 0, fmt.Errorf("%q: write an index like toAddresses[0]", key)
	}
	return name, n, nil
}

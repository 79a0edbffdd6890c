package presets

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestBodyGivesANewTransactionIDEveryCall(t *testing.T) {
	p := preset("qa", mesh.UsePayment)
	first, second := p.Body(nil), p.Body(nil)
	a, b := first.TransferOptions.TransactionID, second.TransferOptions.TransactionID
	if !mesh.IsUUID(a) || !mesh.IsUUID(b) {
		t.Fatalf("transaction ids %q and %q are not UUIDs", a, b)
	}
	if a == b {
		t.Fatalf("two runs got the same transactionId %q", a)
	}
	if got := p.Request.TransferOptions.TransactionID; got != "" {
		t.Errorf("Body wrote %q into the preset's template", got)
	}
	if err := mesh.Validate(first, mesh.Snapshot()).Err(); err != nil {
		t.Errorf("the body of a saved setup does not validate: %v", err)
	}
}

func TestBodyFillsEveryFreshField(t *testing.T) {
	tests := []struct {
		name      string
		uc        mesh.UseCase
		fresh     []Field
		wantUser  string
		wantTxn   string
		wantCalls int
	}{
		{"nothing_fresh_keeps_fixed_values", mesh.UsePayment, nil, "user-7f3a91", "order-1234", 0},
		{"transaction_id_only", mesh.UsePayment, []Field{FreshTransactionID}, "user-7f3a91", "id-1", 1},
		{"user_id_only", mesh.UsePayment, []Field{FreshUserID}, "id-1", "order-1234", 1},
		{"both_user_first", mesh.UseDeposit, []Field{FreshTransactionID, FreshUserID}, "id-1", "id-2", 2},
		{"user_id_without_transfer", mesh.UseVerify, []Field{FreshUserID}, "id-1", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request(tt.uc)
			if r.TransferOptions != nil {
				r.TransferOptions.TransactionID = "order-1234"
			}
			p := FromRequest("x", tt.uc, mesh.EnvSandbox, r, tt.fresh...)
			calls := 0
			body := p.Body(func() string { calls++; return fmt.Sprintf("id-%d", calls) })
			if body.UserID != tt.wantUser {
				t.Errorf("userId = %q, want %q", body.UserID, tt.wantUser)
			}
			var txn string
			if body.TransferOptions != nil {
				txn = body.TransferOptions.TransactionID
			}
			if txn != tt.wantTxn {
				t.Errorf("transactionId = %q, want %q", txn, tt.wantTxn)
			}
			if calls != tt.wantCalls {
				t.Errorf("newID was called %d times, want %d", calls, tt.wantCalls)
			}
		})
	}
}

func TestBodyIsIndependentOfThePreset(t *testing.T) {
	p := preset("qa", mesh.UseDepositVerify)
	want := *cloneRequest(&p.Request)
	b := p.Body(nil)
	b.UserID = "changed"
	*b.RestrictMultipleAccounts = false
	b.TransferOptions.ToAddresses[0].Address = "changed"
	b.TransferOptions.FundingOptions.Enabled = false
	*b.TransferOptions.IsInclusiveFeeEnabled = true
	b.VerifyWalletOptions.Addresses[0] = "changed"
	b.VerifyWalletOptions.VerificationMethods[0] = "changed"
	if !reflect.DeepEqual(p.Request, want) {
		t.Errorf("editing a body changed the preset:\n got %+v\nwant %+v", p.Request, want)
	}
}

// The copy must share no pointer or slice with the original, including in
// fields mesh adds later: the request is filled by reflection, so a new
// field that cloneRequest forgets to copy fails here.
func TestCloneRequestSharesNothing(t *testing.T) {
	var r mesh.LinkTokenRequest
	fill(reflect.ValueOf(&r).Elem())
	c := cloneRequest(&r)
	if !reflect.DeepEqual(&r, c) {
		t.Fatalf("the copy differs:\n got %+v\nwant %+v", c, r)
	}
	for _, shared := range sharedMemory(reflect.ValueOf(r), reflect.ValueOf(*c), "request") {
		t.Errorf("%s is shared between the request and its copy", shared)
	}
}

// fill gives every field of v a non-zero value, pointers and slices included.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("1")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(1)
	case reflect.Float64, reflect.Float32:
		v.SetFloat(1)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i))
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k)
		fill(e)
		v.SetMapIndex(k, e)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	default:
		panic("fill: add a case for " + v.Kind().String())
	}
}

func sharedMemory(a, b reflect.Value, path string) []string {
	var out []string
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return nil
		}
		if a.Pointer() == b.Pointer() {
			out = append(out, path)
		}
		out = append(out, sharedMemory(a.Elem(), b.Elem(), path)...)
	case reflect.Slice:
		if a.Len() > 0 && b.Len() > 0 && a.Pointer() == b.Pointer() {
			out = append(out, path)
		}
		for i := range min(a.Len(), b.Len()) {
			out = append(out, sharedMemory(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
	case reflect.Map:
		if !a.IsNil() && a.Pointer() == b.Pointer() {
			out = append(out, path)
		}
	case reflect.Struct:
		for i := range a.NumField() {
			out = append(out, sharedMemory(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)...)
		}
	}
	return out
}

func TestFromRequest(t *testing.T) {
	t.Run("drops_access_tokens_without_touching_the_input", func(t *testing.T) {
		r := request(mesh.UseWithdrawal)
		r.AccessTokens = []mesh.AccessToken{{AccountID: "acc-1", AccessToken: "returning-user-secret"}}
		p := FromRequest("w", mesh.UseWithdrawal, mesh.EnvSandbox, r)
		if p.Request.AccessTokens != nil {
			t.Errorf("the preset kept accessTokens %+v", p.Request.AccessTokens)
		}
		if len(r.AccessTokens) != 1 {
			t.Error("FromRequest changed the caller's request")
		}
	})
	t.Run("clears_the_value_of_a_fresh_field", func(t *testing.T) {
		r := request(mesh.UsePayment)
		r.TransferOptions.TransactionID = "order-1"
		p := FromRequest("p", mesh.UsePayment, mesh.EnvSandbox, r, FreshTransactionID, FreshUserID)
		if p.Request.TransferOptions.TransactionID != "" || p.Request.UserID != "" {
			t.Errorf("fresh fields keep values: transactionId %q, userId %q", p.Request.TransferOptions.TransactionID, p.Request.UserID)
		}
		if r.TransferOptions.TransactionID != "order-1" || r.UserID == "" {
			t.Error("FromRequest changed the caller's request")
		}
	})
	t.Run("drops_a_fresh_transaction_id_without_a_transfer", func(t *testing.T) {
		for _, u := range []mesh.UseCase{mesh.UseVerify, mesh.UseWithdrawal} {
			p := FromRequest("v", u, mesh.EnvSandbox, request(u), FreshTransactionID)
			if len(p.Fresh) != 0 {
				t.Errorf("%s: fresh = %v, want none", u, p.Fresh)
			}
		}
	})
	t.Run("lists_fresh_fields_once_in_file_order", func(t *testing.T) {
		p := FromRequest("d", mesh.UseDeposit, mesh.EnvSandbox, request(mesh.UseDeposit), FreshTransactionID, FreshUserID, FreshTransactionID)
		if want := []Field{FreshUserID, FreshTransactionID}; !slices.Equal(p.Fresh, want) {
			t.Errorf("fresh = %v, want %v", p.Fresh, want)
		}
	})
	t.Run("nil_request_gives_an_empty_template", func(t *testing.T) {
		p := FromRequest("n", mesh.UseWithdrawal, mesh.EnvDemo, nil)
		if !reflect.DeepEqual(p.Request, mesh.LinkTokenRequest{}) {
			t.Errorf("request = %+v", p.Request)
		}
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(p *Preset)
		wantErr string // "" means valid
		wantIs  error
	}{
		{"realistic_payment", func(p *Preset) {}, "", nil},
		{"fresh_user_id_stands_in_for_a_missing_one", func(p *Preset) { p.Fresh = append(p.Fresh, FreshUserID); p.normalizeFresh() }, "", nil},
		{"bad_name", func(p *Preset) { p.Name = "../up" }, "path separator", ErrInvalidName},
		{"use_case_does_not_match_request", func(p *Preset) { p.UseCase = mesh.UseDeposit }, "use case is deposit but its request is a payment request", ErrInvalid},
		{"unknown_use_case", func(p *Preset) { p.UseCase = "refund" }, `useCase "refund" is not a use case`, ErrInvalid},
		{"unknown_environment", func(p *Preset) { p.Environment = "staging" }, `environment "staging"`, ErrInvalid},
		{"unknown_fresh_field", func(p *Preset) { p.Fresh = append(p.Fresh, "transferOptions.amountInFiat") }, `fresh field "transferOptions.amountInFiat"`, ErrInvalid},
		{"access_tokens", func(p *Preset) { p.Request.AccessTokens = []mesh.AccessToken{{AccessToken: "t"}} }, "accessTokens", ErrAccessTokens},
		{"payment_without_amount", func(p *Preset) { p.Request.TransferOptions.ToAddresses[0].Amount = "" }, "toAddresses[0].amount", mesh.ErrInvalidRequest},
		{"missing_user_id_not_fresh", func(p *Preset) { p.Request.UserID = "" }, "userId: required", mesh.ErrInvalidRequest},
		{"pay_link_needs_a_transaction_id_unless_fresh", func(p *Preset) { p.Fresh = nil }, "transactionId: required when generatePayLink", mesh.ErrInvalidRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := preset("qa-payment", mesh.UsePayment)
			p.Request.UserID = "user-1"
			if tt.name == "fresh_user_id_stands_in_for_a_missing_one" {
				p.Request.UserID = ""
			}
			tt.edit(p)
			err := p.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Validate = %v, want an error containing %q", err, tt.wantErr)
			}
			// Every mistake matches a sentinel, so the CLI exits 2 for it.
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("error does not match %v", tt.wantIs)
			}
		})
	}
}

func TestEveryUseCaseOfTheFixturesIsValid(t *testing.T) {
	for _, u := range mesh.UseCases {
		if err := preset("p", u).Validate(); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestNetworkIDs(t *testing.T) {
	tests := []struct {
		uc   mesh.UseCase
		want []string
	}{
		{mesh.UseDeposit, []string{netBase, netEthereum}},
		{mesh.UseDepositVerify, []string{netBase, netEthereum}}, // Ethereum once, though named twice
		{mesh.UsePaymentVerify, []string{netBase, netEthereum}},
		{mesh.UseOnramp, []string{netSolana}},
		{mesh.UseVerify, []string{netEthereum}},
		{mesh.UseWithdrawal, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.uc), func(t *testing.T) {
			if got := preset("n", tt.uc).NetworkIDs(); !slices.Equal(got, tt.want) {
				t.Errorf("NetworkIDs = %v, want %v", got, tt.want)
			}
		})
	}
}

// Credentials have no place in a preset: no field of Preset, however deep,
// has the type that holds them.
func TestPresetHasNoPlaceForCredentials(t *testing.T) {
	credentials := reflect.TypeOf(mesh.Credentials{})
	var walk func(t reflect.Type, path string, seen map[reflect.Type]bool) []string
	walk = func(typ reflect.Type, path string, seen map[reflect.Type]bool) []string {
		if seen[typ] {
			return nil
		}
		seen[typ] = true
		if typ == credentials {
			return []string{path}
		}
		var out []string
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			out = append(out, walk(typ.Elem(), path+"[]", seen)...)
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				if n := strings.ToLower(f.Name); strings.Contains(n, "secret") || strings.Contains(n, "credential") || n == "clientid" {
					out = append(out, path+"."+f.Name)
				}
				out = append(out, walk(f.Type, path+"."+f.Name, seen)...)
			}
		}
		return out
	}
	for _, typ := range []reflect.Type{reflect.TypeOf(Preset{}), reflect.TypeOf(fileV1{}), reflect.TypeOf(readV1{}), reflect.TypeOf(Summary{})} {
		if found := walk(typ, typ.Name(), map[reflect.Type]bool{}); len(found) > 0 {
			t.Errorf("%s can hold credentials at %v", typ.Name(), found)
		}
	}
}

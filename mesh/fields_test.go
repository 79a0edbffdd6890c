package mesh_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestFieldAt(t *testing.T) {
	for path, want := range map[string]string{
		"userId":                                 "userId",
		"transferOptions.toAddresses[12].amount": "transferOptions.toAddresses[].amount",
		"transferOptions.toAddresses[0].symbol":  "transferOptions.toAddresses[].symbol",
		"verifyWalletOptions.addresses[3]":       "verifyWalletOptions.addresses",
		"transferOptions.fundingOptions.enabled": "transferOptions.fundingOptions.enabled",
	} {
		if f, ok := mesh.FieldAt(path); !ok || f.Path != want {
			t.Errorf("FieldAt(%q) = %q, %t; want %q", path, f.Path, ok, want)
		}
	}
	for _, path := range []string{"", "transferOptions", "transferOptions.toAddresses", "transferOptions.transferType", "accessTokens[0].accessToken", "userid"} {
		if f, ok := mesh.FieldAt(path); ok {
			t.Errorf("FieldAt(%q) = %q, want no field", path, f.Path)
		}
	}
}

func TestUseCaseHas(t *testing.T) {
	cases := []struct {
		path string
		has  []mesh.UseCase
	}{
		{"userId", mesh.UseCases},
		{"integrationId", mesh.UseCases},
		{"subClientId", mesh.UseCases},
		{"transferOptions.transactionId", []mesh.UseCase{mesh.UseDeposit, mesh.UsePayment, mesh.UseOnramp, mesh.UseDepositVerify, mesh.UsePaymentVerify}},
		{"transferOptions.amountInFiat", []mesh.UseCase{mesh.UseOnramp}},
		{"transferOptions.clientFee", []mesh.UseCase{mesh.UsePayment, mesh.UsePaymentVerify}},
		{"transferOptions.toAddresses[0].amount", []mesh.UseCase{mesh.UsePayment, mesh.UsePaymentVerify}},
		{"transferOptions.toAddresses[2].minAmount", []mesh.UseCase{mesh.UseDeposit, mesh.UseOnramp, mesh.UseDepositVerify}},
		{"verifyWalletOptions.message", []mesh.UseCase{mesh.UseVerify, mesh.UseDepositVerify, mesh.UsePaymentVerify}},
		{"transferOptions.transferType", nil}, // the use case's own, not a field to set
	}
	for _, c := range cases {
		for _, u := range mesh.UseCases {
			if got, want := u.Has(c.path), slices.Contains(c.has, u); got != want {
				t.Errorf("%s.Has(%q) = %t, want %t", u, c.path, got, want)
			}
		}
	}
}

func TestFieldsOf(t *testing.T) {
	paths := func(fs []mesh.Field) string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Path)
		}
		return strings.Join(out, " ")
	}
	cases := []struct {
		u    mesh.UseCase
		s    mesh.Section
		want string
	}{
		{mesh.UseWithdrawal, mesh.SectionDetails, "userId restrictMultipleAccounts integrationId"},
		{mesh.UseOnramp, mesh.SectionDetails, "userId transferOptions.transactionId restrictMultipleAccounts integrationId transferOptions.amountInFiat transferOptions.isInclusiveFeeEnabled transferOptions.generatePayLink"},
		{mesh.UseWithdrawal, mesh.SectionDestination, ""},
		{mesh.UsePayment, mesh.SectionDestination, "transferOptions.toAddresses[].networkId transferOptions.toAddresses[].symbol transferOptions.toAddresses[].address transferOptions.toAddresses[].addressTag transferOptions.toAddresses[].amount transferOptions.toAddresses[].displayAmountInFiat"},
		{mesh.UseVerify, mesh.SectionVerify, "verifyWalletOptions.message verifyWalletOptions.networkId verifyWalletOptions.networkType verifyWalletOptions.addresses"},
		{mesh.UseDeposit, mesh.SectionVerify, ""},
		{mesh.UseDeposit, mesh.SectionAdvanced, "transferOptions.fundingOptions.enabled subClientId disableApiKeyGeneration"},
	}
	for _, c := range cases {
		if got := paths(mesh.FieldsOf(c.u, c.s)); got != c.want {
			t.Errorf("FieldsOf(%s, %d)\n got %s\nwant %s", c.u, c.s, got, c.want)
		}
	}
}

func TestFieldKindsAreConsistent(t *testing.T) {
	for _, f := range mesh.Fields {
		if (f.Kind == mesh.FieldChoice) != (f.Choices != mesh.NoChoices) {
			t.Errorf("%s: kind %d with choices %d", f.Path, f.Kind, f.Choices)
		}
		if (f.Amount || f.List) && f.Kind != mesh.FieldText {
			t.Errorf("%s: an amount or a list is typed text", f.Path)
		}
		if f.Label == "" {
			t.Errorf("%s has no label", f.Path)
		}
	}
}

// The table's Required agrees with the validator: emptying a required field
// of a valid request makes it invalid at that field's path.
func TestRequiredFieldsAreRequiredByValidate(t *testing.T) {
	valid := map[mesh.UseCase]func() *mesh.LinkTokenRequest{mesh.UseDeposit: validDeposit, mesh.UsePayment: validPayment, mesh.UseVerify: validVerify}
	for u, request := range valid {
		for _, f := range mesh.Fields {
			if !f.In(u) {
				continue
			}
			path := strings.ReplaceAll(f.Path, "[]", "[0]")
			r, err := mesh.SetField(request(), path+"=")
			if err != nil {
				t.Fatalf("%s: empty %s: %v", u, path, err)
			}
			invalid := len(mesh.Validate(r, mesh.Snapshot()).Errors().At(path)) > 0
			if invalid != f.Required {
				t.Errorf("%s without %s: invalid %t, but the table says required %t", u, path, invalid, f.Required)
			}
		}
	}
}

func TestFieldOptions(t *testing.T) {
	cat := mesh.Snapshot()
	field := func(path string) mesh.Field {
		f, ok := mesh.FieldAt(path)
		if !ok {
			t.Fatalf("no field %s", path)
		}
		return f
	}
	sol, _ := cat.Network(solanaID)
	if opts := field("transferOptions.toAddresses[0].symbol").Options(cat, sol); !slices.Contains(opts, mesh.Option{Value: "USDC", Label: "USDC"}) {
		t.Errorf("Solana's symbols %v lack USDC", opts)
	}
	if opts := field("verifyWalletOptions.networkType").Options(nil, mesh.Network{}); len(opts) != len(mesh.NetworkTypes) || opts[0].Value != mesh.NetworkTypes[0] {
		t.Errorf("network types %v", opts)
	}
	if opts := field("integrationId").Options(cat, mesh.Network{}); len(opts) != len(cat.Integrations) || !slices.Contains(opts, mesh.Option{Value: phantomID, Label: "Phantom"}) {
		t.Errorf("integrations %v", opts)
	}
	if opts := field("verifyWalletOptions.networkId").Options(cat, mesh.Network{}); len(opts) != len(cat.Networks) || opts[0].Value != cat.Networks[0].ID {
		t.Errorf("networks %v", opts)
	}
	if opts := field("userId").Options(cat, sol); opts != nil {
		t.Errorf("a text field has options %v", opts)
	}
}

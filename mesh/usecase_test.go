package mesh_test

import (
	"reflect"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestApplyUseCaseWithoutBodyIsNewRequest(t *testing.T) {
	for _, uc := range mesh.UseCases {
		t.Run(string(uc), func(t *testing.T) {
			got, err := mesh.ApplyUseCase(nil, uc)
			if err != nil {
				t.Fatal(err)
			}
			if want := mesh.NewRequest(uc, ""); !reflect.DeepEqual(got, want) {
				t.Errorf("got %s, want %s", encode(t, got), encode(t, want))
			}
		})
	}
}

func TestApplyUseCaseFillsWhatTheBodyLacks(t *testing.T) {
	cases := []struct {
		name string
		uc   mesh.UseCase
		body func() *mesh.LinkTokenRequest
		want func() *mesh.LinkTokenRequest
	}{
		{"deposit_fills_transfer_defaults", mesh.UseDeposit,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", TransferOptions: &mesh.TransferOptions{TransactionID: "tx"}}
			},
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseDeposit, "u1")
				r.TransferOptions.TransactionID = "tx"
				return r
			}},
		{"body_settings_win_over_defaults", mesh.UsePayment,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false), TransferOptions: &mesh.TransferOptions{
					TransferType: mesh.TransferPayment, IsInclusiveFeeEnabled: mesh.Bool(true), GeneratePayLink: mesh.Bool(true), ClientFee: "0.01",
				}}
			},
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false), TransferOptions: &mesh.TransferOptions{
					TransferType: mesh.TransferPayment, IsInclusiveFeeEnabled: mesh.Bool(true), GeneratePayLink: mesh.Bool(true), ClientFee: "0.01",
				}}
			}},
		{"body_without_transfer_gets_one", mesh.UseOnramp,
			func() *mesh.LinkTokenRequest { return &mesh.LinkTokenRequest{UserID: "u1", IntegrationID: "i"} },
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseOnramp, "u1")
				r.IntegrationID = "i"
				return r
			}},
		{"withdrawal_keeps_restrict_false", mesh.UseWithdrawal,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false)}
			},
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", RestrictMultipleAccounts: mesh.Bool(false)}
			}},
		{"verify_keeps_the_message_and_adds_the_method", mesh.UseVerify,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", VerifyWalletOptions: &mesh.VerifyWalletOptions{Message: "prove it"}}
			},
			func() *mesh.LinkTokenRequest {
				r := mesh.NewRequest(mesh.UseVerify, "u1")
				r.VerifyWalletOptions.Message = "prove it"
				return r
			}},
		{"deposit_verify_adds_verification", mesh.UseDepositVerify,
			func() *mesh.LinkTokenRequest {
				return &mesh.LinkTokenRequest{UserID: "u1", TransferOptions: &mesh.TransferOptions{TransferType: mesh.TransferDeposit}}
			},
			func() *mesh.LinkTokenRequest { return mesh.NewRequest(mesh.UseDepositVerify, "u1") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mesh.ApplyUseCase(c.body(), c.uc)
			if err != nil {
				t.Fatal(err)
			}
			if want := c.want(); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %s\nwant %s", encode(t, got), encode(t, want))
			}
		})
	}
}

func TestApplyUseCaseRefusesContradictions(t *testing.T) {
	transfer := func(tt mesh.TransferType) *mesh.LinkTokenRequest {
		return &mesh.LinkTokenRequest{UserID: "u1", TransferOptions: &mesh.TransferOptions{TransferType: tt}}
	}
	verifying := &mesh.LinkTokenRequest{UserID: "u1", VerifyWalletOptions: &mesh.VerifyWalletOptions{Message: "m"}}
	cases := []struct {
		name string
		uc   mesh.UseCase
		body *mesh.LinkTokenRequest
		says string
	}{
		{"withdrawal_with_transfer", mesh.UseWithdrawal, transfer(""), "withdrawal makes no transfer, but the body has transferOptions"},
		{"verify_with_transfer", mesh.UseVerify, transfer(mesh.TransferDeposit), "verify makes no transfer"},
		{"payment_on_a_deposit_body", mesh.UsePayment, transfer(mesh.TransferDeposit), `payment contradicts the body's transferType "deposit"`},
		{"deposit_on_an_onramp_body", mesh.UseDeposit, transfer(mesh.TransferOnramp), `contradicts the body's transferType "onramp"`},
		{"deposit_with_verify_options", mesh.UseDeposit, verifying, "deposit verifies no wallet, but the body has verifyWalletOptions"},
		{"withdrawal_with_verify_options", mesh.UseWithdrawal, verifying, "verifies no wallet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := mesh.ApplyUseCase(c.body, c.uc)
			wantErr(t, err, c.says)
		})
	}
}

// The toggles' defaults of every use case, as Mesh's guide gives them:
// one account, fees on top except for an onramp, no pay link unless asked.
// Forms and flags show and send these (UseCase.Default); nowhere else
// decides them.
func TestUseCaseDefaults(t *testing.T) {
	const restrict, inclusiveFee, payLink = "restrictMultipleAccounts", "transferOptions.isInclusiveFeeEnabled", "transferOptions.generatePayLink"
	type def struct{ value, ok bool }
	want := map[mesh.UseCase]map[string]def{
		mesh.UseDeposit:       {restrict: {true, true}, inclusiveFee: {false, true}, payLink: {false, true}},
		mesh.UsePayment:       {restrict: {true, true}, inclusiveFee: {false, true}, payLink: {false, true}},
		mesh.UseOnramp:        {restrict: {true, true}, inclusiveFee: {true, true}, payLink: {false, true}},
		mesh.UseWithdrawal:    {restrict: {true, true}, inclusiveFee: {false, false}, payLink: {false, false}},
		mesh.UseVerify:        {restrict: {true, true}, inclusiveFee: {false, false}, payLink: {false, false}},
		mesh.UseDepositVerify: {restrict: {true, true}, inclusiveFee: {false, true}, payLink: {false, true}},
		mesh.UsePaymentVerify: {restrict: {true, true}, inclusiveFee: {false, true}, payLink: {false, true}},
	}
	for _, u := range mesh.UseCases {
		for path, w := range want[u] {
			if v, ok := u.Default(path); v != w.value || ok != w.ok {
				t.Errorf("%s: Default(%s) = %t, %t; want %t, %t", u, path, v, ok, w.value, w.ok)
			}
		}
		if _, ok := u.Default("userId"); ok {
			t.Errorf("%s: a default for userId, which is no toggle", u)
		}
	}
}

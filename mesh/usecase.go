package mesh

import (
	"fmt"
	"strings"
)

// UseCase is what the integrator wants the Link session to do. It decides
// which parts of the request exist and their defaults.
type UseCase string

const (
	UseDeposit       UseCase = "deposit"
	UsePayment       UseCase = "payment"
	UseOnramp        UseCase = "onramp"
	UseWithdrawal    UseCase = "withdrawal"
	UseVerify        UseCase = "verify"
	UseDepositVerify UseCase = "deposit+verify"
	UsePaymentVerify UseCase = "payment+verify"
)

// UseCases lists every use case in the order a menu shows them.
var UseCases = []UseCase{UseDeposit, UsePayment, UseOnramp, UseWithdrawal, UseVerify, UseDepositVerify, UsePaymentVerify}

var useCaseInfo = map[UseCase]struct{ title, summary string }{
	UseDeposit:       {"Deposit", "the user moves crypto into their own account on your platform"},
	UsePayment:       {"Payment", "the user pays an exact crypto amount to a wallet your company owns"},
	UseOnramp:        {"Onramp", "the user buys crypto through an exchange into their wallet on your platform"},
	UseWithdrawal:    {"Withdrawal", "the user connects an account so you can read its deposit addresses"},
	UseVerify:        {"Verify wallet", "the user signs a message to prove they own a self-hosted wallet"},
	UseDepositVerify: {"Deposit + verify", "a deposit that first asks the user to verify their wallet"},
	UsePaymentVerify: {"Payment + verify", "a payment that first asks the user to verify their wallet"},
}

// Title is the short human name, like "Deposit + verify".
func (u UseCase) Title() string { return useCaseInfo[u].title }

// Summary says in one line when to use u.
func (u UseCase) Summary() string { return useCaseInfo[u].summary }

// ParseUseCase accepts a use case's name in any case; "deposit-verify" and
// "verify+deposit" are understood too.
func ParseUseCase(s string) (UseCase, error) {
	n := strings.ToLower(strings.TrimSpace(s))
	n = strings.NewReplacer("-", "+", "_", "+", " ", "+").Replace(n)
	switch n {
	case "verify+deposit":
		n = string(UseDepositVerify)
	case "verify+payment":
		n = string(UsePaymentVerify)
	case "withdraw":
		n = string(UseWithdrawal)
	}
	for _, u := range UseCases {
		if string(u) == n {
			return u, nil
		}
	}
	names := make([]string, len(UseCases))
	for i, u := range UseCases {
		names[i] = string(u)
	}
	if near := Nearest(n, names); near != "" {
		return "", fmt.Errorf("unknown use case %q: did you mean %s? (choose one of %s)", s, near, UseCaseNames())
	}
	return "", fmt.Errorf("unknown use case %q: choose one of %s", s, UseCaseNames())
}

// TransferType is the transfer the use case makes, or "" when it makes none.
func (u UseCase) TransferType() TransferType {
	switch u {
	case UseDeposit, UseDepositVerify:
		return TransferDeposit
	case UsePayment, UsePaymentVerify:
		return TransferPayment
	case UseOnramp:
		return TransferOnramp
	}
	return ""
}

// Verifies reports whether the use case asks the user to verify a wallet.
func (u UseCase) Verifies() bool {
	return u == UseVerify || u == UseDepositVerify || u == UsePaymentVerify
}

// NewRequest returns the body for u with the defaults of Mesh's guide:
// restrictMultipleAccounts true; isInclusiveFeeEnabled false for deposits and
// payments, true for onramps; generatePayLink false; signedMessage verification.
func NewRequest(u UseCase, userID string) *LinkTokenRequest {
	r := &LinkTokenRequest{UserID: userID, RestrictMultipleAccounts: Bool(true)}
	if t := u.TransferType(); t != "" {
		r.TransferOptions = &TransferOptions{
			TransferType:          t,
			IsInclusiveFeeEnabled: Bool(t == TransferOnramp),
			GeneratePayLink:       Bool(false),
		}
	}
	if u.Verifies() {
		r.VerifyWalletOptions = &VerifyWalletOptions{VerificationMethods: []VerificationMethod{VerifySignedMessage}}
	}
	return r
}

// Default is what NewRequest sets at a toggle's path of Fields for u
// (restrictMultipleAccounts, transferOptions.isInclusiveFeeEnabled,
// transferOptions.generatePayLink); ok is false where it sets nothing. Forms
// show it for a toggle the user has not touched.
func (u UseCase) Default(path string) (value, ok bool) {
	r := NewRequest(u, "")
	var b *bool
	switch t := r.TransferOptions; path {
	case "restrictMultipleAccounts":
		b = r.RestrictMultipleAccounts
	case "transferOptions.isInclusiveFeeEnabled":
		if t != nil {
			b = t.IsInclusiveFeeEnabled
		}
	case "transferOptions.generatePayLink":
		if t != nil {
			b = t.GeneratePayLink
		}
	}
	if b == nil {
		return false, false
	}
	return *b, true
}

// UseCaseOf tells which use case a body serves, from its transfer type and
// whether it verifies a wallet. An unknown transfer type reads as a deposit,
// Mesh's default.
func UseCaseOf(r *LinkTokenRequest) UseCase {
	verify := r.VerifyWalletOptions != nil
	if r.TransferOptions == nil {
		if verify {
			return UseVerify
		}
		return UseWithdrawal
	}
	switch r.TransferOptions.TransferType {
	case TransferPayment:
		if verify {
			return UsePaymentVerify
		}
		return UsePayment
	case TransferOnramp:
		return UseOnramp
	}
	if verify {
		return UseDepositVerify
	}
	return UseDeposit
}

// ApplyUseCase makes r a request for u: with r nil it is NewRequest(u, ""),
// otherwise r (a body the user wrote) gets the parts u needs and the
// defaults it leaves unset, and is returned changed. What r says itself
// wins; a body that contradicts u is an error.
func ApplyUseCase(r *LinkTokenRequest, u UseCase) (*LinkTokenRequest, error) {
	if r == nil {
		return NewRequest(u, ""), nil
	}
	fresh := NewRequest(u, r.UserID)
	switch {
	case r.TransferOptions != nil && fresh.TransferOptions == nil:
		return nil, fmt.Errorf("%s makes no transfer, but the body has transferOptions", u)
	case r.TransferOptions != nil && r.TransferOptions.TransferType != "" && r.TransferOptions.TransferType != u.TransferType():
		return nil, fmt.Errorf("%s contradicts the body's transferType %q", u, r.TransferOptions.TransferType)
	case r.VerifyWalletOptions != nil && !u.Verifies():
		return nil, fmt.Errorf("%s verifies no wallet, but the body has verifyWalletOptions", u)
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

// UseCaseNames lists every use case's name, comma-separated, for messages.
func UseCaseNames() string {
	names := make([]string, len(UseCases))
	for i, u := range UseCases {
		names[i] = string(u)
	}
	return strings.Join(names, ", ")
}

package mesh

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// The body of POST /api/v1/linktoken. Field order follows Mesh's guide so the
// JSON reads like the docs and two previews diff cleanly. Every optional field
// is a pointer or omitempty: what the user did not set is not sent.

// TransferType is transferOptions.transferType.
type TransferType string

const (
	TransferDeposit TransferType = "deposit"
	TransferPayment TransferType = "payment"
	TransferOnramp  TransferType = "onramp"
)

// TransferTypes lists the values Mesh accepts, in the docs' order.
var TransferTypes = []TransferType{TransferDeposit, TransferPayment, TransferOnramp}

// VerificationMethod is an entry of verifyWalletOptions.verificationMethods.
type VerificationMethod string

// VerifySignedMessage is the only verification method Mesh offers.
const VerifySignedMessage VerificationMethod = "signedMessage"

// NetworkTypes are the values of Mesh's NetworkType enum.
var NetworkTypes = []string{
	"evm", "solana", "bitcoin", "cardano", "tron", "avalancheX", "tezos", "dogecoin",
	"ripple", "stellar", "litecoin", "sui", "aptos", "tvm", "injective",
}

// LinkTokenRequest is the whole POST /api/v1/linktoken body.
type LinkTokenRequest struct {
	UserID                   string               `json:"userId"`
	RestrictMultipleAccounts *bool                `json:"restrictMultipleAccounts,omitempty"`
	IntegrationID            string               `json:"integrationId,omitempty"`
	TransferOptions          *TransferOptions     `json:"transferOptions,omitempty"`
	VerifyWalletOptions      *VerifyWalletOptions `json:"verifyWalletOptions,omitempty"`
	// AccessTokens is listed by Mesh's guide but not by its API schema.
	AccessTokens            []AccessToken `json:"accessTokens,omitempty"`
	DisableAPIKeyGeneration *bool         `json:"disableApiKeyGeneration,omitempty"`
	SubClientID             string        `json:"subClientId,omitempty"`
}

// TransferOptions is the transferOptions object: present means Link goes on
// into a transfer once the account is connected.
type TransferOptions struct {
	TransactionID         string          `json:"transactionId,omitempty"`
	TransferType          TransferType    `json:"transferType,omitempty"`
	AmountInFiat          Decimal         `json:"amountInFiat,omitempty"`
	IsInclusiveFeeEnabled *bool           `json:"isInclusiveFeeEnabled,omitempty"`
	GeneratePayLink       *bool           `json:"generatePayLink,omitempty"`
	ClientFee             Decimal         `json:"clientFee,omitempty"`
	FundingOptions        *FundingOptions `json:"fundingOptions,omitempty"`
	ToAddresses           []ToAddress     `json:"toAddresses,omitempty"`
}

// ToAddress is one acceptable destination of a transfer.
type ToAddress struct {
	NetworkID           string  `json:"networkId,omitempty"`
	Symbol              string  `json:"symbol,omitempty"`
	Address             string  `json:"address,omitempty"`
	Amount              Decimal `json:"amount,omitempty"`
	DisplayAmountInFiat Decimal `json:"displayAmountInFiat,omitempty"`
	AddressTag          string  `json:"addressTag,omitempty"`
	MinAmount           Decimal `json:"minAmount,omitempty"`
	MinAmountInFiat     Decimal `json:"minAmountInFiat,omitempty"`
}

// FundingOptions is transferOptions.fundingOptions (Mesh's SmartFunding).
type FundingOptions struct {
	Enabled bool `json:"enabled"`
}

// VerifyWalletOptions asks the user to prove they own a self-hosted wallet.
type VerifyWalletOptions struct {
	VerificationMethods []VerificationMethod `json:"verificationMethods,omitempty"`
	Message             string               `json:"message,omitempty"`
	NetworkID           string               `json:"networkId,omitempty"`
	NetworkType         string               `json:"networkType,omitempty"`
	Addresses           []string             `json:"addresses,omitempty"`
}

// AccessToken is an entry of accessTokens: a Mesh Managed Token of a
// returning user.
type AccessToken struct {
	AccountID   string `json:"accountId,omitempty"`
	AccountName string `json:"accountName,omitempty"`
	AccessToken string `json:"accessToken"`
	BrokerType  string `json:"brokerType,omitempty"`
	BrokerName  string `json:"brokerName,omitempty"`
}

// Bool returns a pointer to b, for the optional booleans of the request.
func Bool(b bool) *bool { return &b }

// EncodeBody is the exact JSON meshlink sends for r: indented, keys in the
// docs' order, and text as typed (no \u0026 for "&"). Previews, curl lines
// and the client all use it, so what the user sees is what goes out.
func EncodeBody(r *LinkTokenRequest) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// DecodeBody reads a link-token body strictly: a field Mesh's schema does not
// know, or anything after the JSON object, is an error rather than something
// dropped without a word.
func DecodeBody(data []byte) (*LinkTokenRequest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r LinkTokenRequest
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("not a link-token request: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not a link-token request: there is more after the JSON object")
	}
	return &r, nil
}

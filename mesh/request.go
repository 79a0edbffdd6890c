package mesh

import (
	"bytes"
	"encoding/json"
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
	// The two bank-transfer types (SPEI, SEPA …) Mesh's schema gained in June
	// 2026; they may not be enabled for every client yet.
	TransferFiatOnRamp  TransferType = "fiatOnRamp"
	TransferFiatOffRamp TransferType = "fiatOffRamp"
)

// TransferTypes lists the values of Mesh's TransferTypeEnum, in the schema's
// order. A value not listed is sent as written, with a warning: Mesh adds
// values from time to time.
var TransferTypes = []TransferType{TransferDeposit, TransferPayment, TransferOnramp, TransferFiatOnRamp, TransferFiatOffRamp}

// SchemaVersion names the version of Mesh's request schema meshlink follows:
// the OpenAPI file shipped with Mesh's SDKs, as last changed on that date.
const SchemaVersion = "2026-06-03"

// VerificationMethod is an entry of verifyWalletOptions.verificationMethods.
type VerificationMethod string

// VerifySignedMessage is the only verification method Mesh offers.
const VerifySignedMessage VerificationMethod = "signedMessage"

// NetworkTypes are the values of Mesh's NetworkType enum that name a
// network family.
var NetworkTypes = []string{
	"evm", "solana", "bitcoin", "cardano", "tron", "avalancheX", "tezos", "dogecoin",
	"ripple", "stellar", "litecoin", "sui", "aptos", "tvm", "injective",
}

// NetworkTypeUnknown is the rest of Mesh's NetworkType enum: a value its
// schema accepts that names no family.
const NetworkTypeUnknown = "unknown"

// LinkTokenRequest is the whole POST /api/v1/linktoken body, plus the
// accessTokens that go with it to the front end (never into the body).
type LinkTokenRequest struct {
	UserID                   string `json:"userId"`
	RestrictMultipleAccounts *bool  `json:"restrictMultipleAccounts,omitempty"`
	IntegrationID            string `json:"integrationId,omitempty"`
	// BrokerType is the deprecated way to pick an integration; Mesh's schema
	// keeps it, so a body that has it round-trips, with a warning.
	BrokerType          string               `json:"brokerType,omitempty"`
	TransferOptions     *TransferOptions     `json:"transferOptions,omitempty"`
	VerifyWalletOptions *VerifyWalletOptions `json:"verifyWalletOptions,omitempty"`
	// AccessTokens are in no version of Mesh's request schema: they are an
	// option of Mesh's front-end SDKs (createLink({accessTokens}) on the web).
	// meshlink takes them as input and keeps them here for the front end, but
	// EncodeBody never sends them.
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
	// Description and GoodsDetails are read by Binance Pay only.
	Description  string         `json:"description,omitempty"`
	GoodsDetails []GoodsDetails `json:"goodsDetails,omitempty"`
	ToAddresses  []ToAddress    `json:"toAddresses,omitempty"`
}

// GoodsDetails describes what a Binance Pay payment buys.
type GoodsDetails struct {
	GoodsType        string `json:"goodsType,omitempty"` // GoodsTangible or GoodsVirtual
	GoodsCategory    string `json:"goodsCategory,omitempty"`
	ReferenceGoodsID string `json:"referenceGoodsId,omitempty"`
	GoodsName        string `json:"goodsName,omitempty"`
	GoodsDetail      string `json:"goodsDetail,omitempty"`
}

// The values of goodsDetails[].goodsType.
const (
	GoodsTangible = "01"
	GoodsVirtual  = "02"
)

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
// accessTokens are left out: they belong to the front end, not the body.
func EncodeBody(r *LinkTokenRequest) ([]byte, error) {
	sent := *r
	sent.AccessTokens = nil
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&sent); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

package demo

// The messages Mesh Link posts to the page that opened it, as Mesh's web
// SDK (@meshconnect/web-link-sdk 3.12) reads them: {type, payload}. The
// payload types carry Mesh's names (types.ts, event-types.ts).

// Message is one postMessage of Link to its opener.
type Message struct {
	Type    string `json:"type"`
	Payload any    `json:"payload,omitempty"`
}

// The types of the messages the stand-in posts. The SDK turns
// brokerageAccountAccessToken into onIntegrationConnected, transferFinished
// into onTransferFinished, close and done into onExit, loaded into
// onEvent({type: "pageLoaded"}), and hands every other type to onEvent.
const (
	MsgLoaded                      = "loaded"
	MsgBrokerageAccountAccessToken = "brokerageAccountAccessToken"
	MsgTransferFinished            = "transferFinished"
	MsgClose                       = "close"
	MsgDone                        = "done"

	EvtIntegrationSelected        = "integrationSelected"
	EvtCredentialsEntered         = "credentialsEntered"
	EvtIntegrationConnectionError = "integrationConnectionError"
	EvtIntegrationMfaRequired     = "integrationMfaRequired"
	EvtIntegrationMfaEntered      = "integrationMfaEntered"
	EvtTransferStarted            = "transferStarted"
	EvtTransferAssetSelected      = "transferAssetSelected"
	EvtTransferNetworkSelected    = "transferNetworkSelected"
	EvtTransferAmountEntered      = "transferAmountEntered"
	EvtTransferPreviewed          = "transferPreviewed"
	EvtTransferExecuted           = "transferExecuted"
	EvtTransferExecutionError     = "transferExecutionError"
	EvtTransferNoEligibleAssets   = "transferNoEligibleAssets"
	EvtWalletMessageSigned        = "walletMessageSigned"
	EvtVerifyWalletRejected       = "verifyWalletRejected"
	EvtVerifyDonePage             = "verifyDonePage"
)

// AccessTokenPayload is brokerageAccountAccessToken's payload.
type AccessTokenPayload struct {
	AccountTokens                []AccountToken `json:"accountTokens"`
	BrokerBrandInfo              BrandInfo      `json:"brokerBrandInfo"`
	ExpiresInSeconds             int            `json:"expiresInSeconds,omitempty"`
	RefreshTokenExpiresInSeconds int            `json:"refreshTokenExpiresInSeconds,omitempty"`
	BrokerType                   string         `json:"brokerType"`
	BrokerName                   string         `json:"brokerName"`
}

// AccountToken is one connected account and its tokens.
type AccountToken struct {
	Account      Account `json:"account"`
	AccessToken  string  `json:"accessToken"`
	RefreshToken string  `json:"refreshToken,omitempty"`
}

// Account is an account at the integration.
type Account struct {
	AccountID   string  `json:"accountId"`
	AccountName string  `json:"accountName"`
	Fund        float64 `json:"fund"`
	Cash        float64 `json:"cash"`
}

// BrandInfo is the integration's logo; the stand-in has none.
type BrandInfo struct {
	BrokerLogo string `json:"brokerLogo"`
}

// IntegrationEvent is the payload of integrationSelected, transferStarted
// and the like.
type IntegrationEvent struct {
	IntegrationType string `json:"integrationType,omitempty"`
	IntegrationName string `json:"integrationName"`
}

// ErrorEvent is the payload of the *Error events.
type ErrorEvent struct {
	ErrorMessage string `json:"errorMessage"`
}

// Fee is a fee of a previewed transfer.
type Fee struct {
	Fee         float64 `json:"fee"`
	FeeCurrency string  `json:"feeCurrency"`
	FeeInFiat   float64 `json:"feeInFiat"`
}

// TransferPreviewedPayload is transferPreviewed's payload.
type TransferPreviewedPayload struct {
	Amount                 float64 `json:"amount"`
	Symbol                 string  `json:"symbol"`
	ToAddress              string  `json:"toAddress"`
	NetworkID              string  `json:"networkId"`
	PreviewID              string  `json:"previewId"`
	NetworkName            string  `json:"networkName,omitempty"`
	AmountInFiat           float64 `json:"amountInFiat"`
	FiatCurrency           string  `json:"fiatCurrency"`
	IntegrationType        string  `json:"integrationType,omitempty"`
	IntegrationName        string  `json:"integrationName,omitempty"`
	EstimatedNetworkGasFee Fee     `json:"estimatedNetworkGasFee"`
	InstitutionTransferFee Fee     `json:"institutionTransferFee"`
	UserID                 string  `json:"userId,omitempty"`
	ClientTransactionID    string  `json:"clientTransactionId,omitempty"`
}

// TransferExecutedPayload is transferExecuted's payload.
type TransferExecutedPayload struct {
	Status              string  `json:"status"`
	TxID                string  `json:"txId"`
	FromAddress         string  `json:"fromAddress"`
	ToAddress           string  `json:"toAddress"`
	Symbol              string  `json:"symbol"`
	Amount              float64 `json:"amount"`
	NetworkID           string  `json:"networkId"`
	UserID              string  `json:"userId,omitempty"`
	ClientTransactionID string  `json:"clientTransactionId,omitempty"`
}

// TransferFinishedPayload is transferFinished's payload; Status is
// "success", the only value Mesh's SDK types.
type TransferFinishedPayload struct {
	TransferExecutedPayload
	AmountInFiat      float64 `json:"amountInFiat"`
	TotalAmountInFiat float64 `json:"totalAmountInFiat"`
	NetworkName       string  `json:"networkName,omitempty"`
	TxHash            string  `json:"txHash"`
	TransferID        string  `json:"transferId"`
}

// TokenHeld is an entry of transferNoEligibleAssets' arrayOfTokensHeld.
type TokenHeld struct {
	Symbol       string  `json:"symbol"`
	Amount       float64 `json:"amount"`
	AmountInFiat float64 `json:"amountInFiat"`
}

// NoEligibleAssetsPayload is transferNoEligibleAssets' payload.
type NoEligibleAssetsPayload struct {
	IntegrationEvent
	ArrayOfTokensHeld []TokenHeld `json:"arrayOfTokensHeld"`
}

// WalletMessageSignedPayload is walletMessageSigned's payload; TimeStamp is
// in Unix milliseconds.
type WalletMessageSignedPayload struct {
	SignedMessageHash string   `json:"signedMessageHash"`
	Message           string   `json:"message"`
	Address           string   `json:"address"`
	TimeStamp         int64    `json:"timeStamp"`
	IsVerified        bool     `json:"isVerified"`
	VerifiedAddresses []string `json:"verifiedAddresses,omitempty"`
}

// SessionSummary is the payload of close and done: where Link was when it
// closed, and why, when an error closed it.
type SessionSummary struct {
	Page                string               `json:"page"`
	SelectedIntegration *SelectedIntegration `json:"selectedIntegration,omitempty"`
	Transfer            *SummaryTransfer     `json:"transfer,omitempty"`
	ErrorMessage        string               `json:"errorMessage,omitempty"`
}

// SelectedIntegration is the integration a session chose.
type SelectedIntegration struct {
	ID              string `json:"id,omitempty"`
	Name            string `json:"name,omitempty"`
	IntegrationType string `json:"integrationType,omitempty"`
}

// SummaryTransfer is the transfer of a session, as far as it went;
// TransactionID is the transfer's id in the books, once confirmed.
type SummaryTransfer struct {
	PreviewID     string  `json:"previewId,omitempty"`
	Symbol        string  `json:"symbol,omitempty"`
	Amount        float64 `json:"amount,omitempty"`
	AmountInFiat  float64 `json:"amountInFiat,omitempty"`
	TransactionID string  `json:"transactionId,omitempty"`
	NetworkID     string  `json:"networkId,omitempty"`
}

package mesh

import (
	"strings"
	"time"
)

// TransferStatus is a transfer's state in Mesh's transfer list and webhooks.
// Mesh documents the values in lower case but its webhook example sends
// "Pending": compare with Is.
type TransferStatus string

// Transfer statuses. Succeeded and failed are final.
const (
	TransferPending   TransferStatus = "pending"
	TransferSucceeded TransferStatus = "succeeded"
	TransferFailed    TransferStatus = "failed"
)

// Is reports whether s is other in any case.
func (s TransferStatus) Is(other TransferStatus) bool {
	return strings.EqualFold(string(s), string(other))
}

// Final reports whether no later status can follow s.
func (s TransferStatus) Final() bool { return s.Is(TransferSucceeded) || s.Is(TransferFailed) }

// Transfer is one item of GET /api/v1/transfers/managed/mesh (Mesh's
// TransferModel), the fields meshlink reads or the demo server fills in.
// Timestamps are Unix seconds, as Mesh's examples have them.
type Transfer struct {
	ID                       string               `json:"id"`
	ClientTransactionID      string               `json:"clientTransactionId,omitempty"`
	InstitutionTransactionID string               `json:"institutionTransactionId,omitempty"`
	UserID                   string               `json:"userId,omitempty"`
	Status                   TransferStatus       `json:"status"`
	AmountInFiat             float64              `json:"amountInFiat"`
	AmountToReceiveInFiat    float64              `json:"amountToReceiveInFiat"`
	AmountInFiatCurrencyCode string               `json:"amountInFiatCurrencyCode,omitempty"`
	Amount                   float64              `json:"amount"`
	AmountToReceive          float64              `json:"amountToReceive"`
	Symbol                   string               `json:"symbol,omitempty"`
	NetworkName              string               `json:"networkName,omitempty"`
	NetworkID                string               `json:"networkId,omitempty"`
	CreatedTimestamp         int64                `json:"createdTimestamp"`
	ExecutedTimestamp        *int64               `json:"executedTimestamp,omitempty"`
	From                     *TransferIntegration `json:"from,omitempty"`
	Hash                     string               `json:"hash,omitempty"`
	TransferType             string               `json:"transferType,omitempty"`
	IsFeeIncluded            bool                 `json:"isFeeIncluded"`
	SourceAmount             *float64             `json:"sourceAmount,omitempty"`
	DestinationAmount        *float64             `json:"destinationAmount,omitempty"`
	DestinationAddress       string               `json:"destinationAddress,omitempty"`
	RefundAddress            string               `json:"refundAddress,omitempty"`
	GasFee                   *TransferFee         `json:"gasFee,omitempty"`
}

// TransferIntegration is where a transfer came from (Mesh's
// TransferIntegrationWithLogoModel).
type TransferIntegration struct {
	ID   string `json:"id,omitempty"`
	Type string `json:"type,omitempty"`
	Name string `json:"name,omitempty"`
}

// TransferFee is one fee of a transfer.
type TransferFee struct {
	Fee         float64 `json:"fee"`
	FeeCurrency string  `json:"feeCurrency,omitempty"`
	FeeInFiat   float64 `json:"feeInFiat"`
}

// UnixTime reads a timestamp of Mesh's: Unix seconds, as its examples have
// them, or milliseconds when it is too large for seconds (Mesh's webhook
// example mixes the two).
func UnixTime(ts int64) time.Time {
	if ts > 1e11 || ts < -1e11 { // 1e11 seconds is the year 5138
		return time.UnixMilli(ts)
	}
	return time.Unix(ts, 0)
}

package webhook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// Delivery is the body of one webhook request (Mesh's
// TransferUpdateWebhookQueueItem), fields in the order Mesh's example has
// them. Amounts and timestamps keep the literal they arrived as.
type Delivery struct {
	// ID is new on every delivery attempt ("SentID"); EventID stays the
	// same across retries and is the key to deduplicate on.
	ID                    string              `json:"Id"`
	EventID               string              `json:"EventId"`
	SentTimestamp         json.Number         `json:"SentTimestamp,omitempty"`
	UserID                string              `json:"UserId,omitempty"`
	TransactionID         string              `json:"TransactionId,omitempty"`
	TransferID            string              `json:"TransferId"`
	TransferStatus        mesh.TransferStatus `json:"TransferStatus"`
	TxHash                string              `json:"TxHash,omitempty"`
	Chain                 string              `json:"Chain,omitempty"`
	Token                 string              `json:"Token,omitempty"`
	DestinationAddress    string              `json:"DestinationAddress,omitempty"`
	SourceAccountProvider string              `json:"SourceAccountProvider,omitempty"`
	SourceAmount          json.Number         `json:"SourceAmount,omitempty"`
	DestinationAmount     json.Number         `json:"DestinationAmount,omitempty"`
	RefundAddress         string              `json:"RefundAddress,omitempty"`
	Timestamp             json.Number         `json:"Timestamp,omitempty"`
}

// MaxBody bounds a delivery: Mesh's are about half a KiB.
const MaxBody = mesh.MaxBodyBytes

// ErrNotDelivery is wrapped by Parse's errors.
var ErrNotDelivery = errors.New("not a Mesh webhook delivery")

// Parse reads a delivery as Mesh sends it. Field names match in any case,
// as Mesh's own samples differ; unknown fields are ignored (Mesh may add
// some). A body that is not a JSON object, or a field of the wrong type, is
// an error wrapping ErrNotDelivery.
func Parse(body []byte) (Delivery, error) {
	var d Delivery
	if len(body) > MaxBody {
		return d, fmt.Errorf("%w: the body is %s, over %s", ErrNotDelivery, mesh.FormatBytes(int64(len(body))), mesh.FormatBytes(MaxBody))
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return d, fmt.Errorf("%w: the body is not a JSON object", ErrNotDelivery)
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if err := dec.Decode(&d); err != nil {
		return Delivery{}, fmt.Errorf("%w: %s", ErrNotDelivery, describeJSONError(err))
	}
	if dec.More() {
		return Delivery{}, fmt.Errorf("%w: more than one JSON value in the body", ErrNotDelivery)
	}
	return d, nil
}

func describeJSONError(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return fmt.Sprintf("%s is a JSON %s, not a %s", mesh.CleanText(typeErr.Field), typeErr.Value, typeErr.Type)
	}
	return mesh.CleanText(err.Error())
}

// Time reads a Mesh webhook timestamp. Mesh's own example has one in
// seconds (SentTimestamp) and one in milliseconds (Timestamp) and states
// neither, so the unit is told from the size: past 10^11 it is milliseconds.
// ok is false for an empty, fractional, negative or absurd value.
func Time(n json.Number) (t time.Time, ok bool) {
	v, err := n.Int64()
	if err != nil || v <= 0 {
		return time.Time{}, false
	}
	switch {
	case v < 1e11:
		return time.Unix(v, 0), true
	case v < 1e14:
		return time.UnixMilli(v), true
	}
	return time.Time{}, false
}

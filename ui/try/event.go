package try

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Callback names one of the web SDK's callbacks, without its "on".
type Callback string

// The callbacks the page wires, in the names --json prints.
const (
	IntegrationConnected Callback = "integrationConnected"
	TransferFinished     Callback = "transferFinished"
	Exit                 Callback = "exit"
	OnEvent              Callback = "event" // onEvent: the payload's type says which
)

var callbacks = []Callback{IntegrationConnected, TransferFinished, Exit, OnEvent}

// Event is one callback the SDK made on the page: what the integrator's own
// code would have received. Payload is the SDK's argument as JSON, with
// every accessToken, refreshToken and tokenId masked; for exit it is
// {"errorMessage": …, "summary": …}, onExit's two arguments.
type Event struct {
	Callback Callback
	// At is when the page's callback ran, by the page's clock (this
	// machine's); Received is when meshlink had it.
	At, Received time.Time
	Payload      json.RawMessage
}

// Masked replaces the secrets a payload may hold: a returning user's
// tokens, which would let anyone who reads a log act on their account.
const Masked = "[masked]"

// secretKeys are the payload keys whose string values are masked, at any
// depth: AccountToken's accessToken, refreshToken and tokenId, and
// DelayedAuthPayload's refreshToken.
var secretKeys = map[string]bool{"accessToken": true, "refreshToken": true, "tokenId": true}

// maskSecrets rewrites a JSON value with every secret key's string or
// number value masked, in a list too (an empty string stays empty: that it
// was empty is worth seeing), keeping the order of keys as the SDK wrote
// them.
func maskSecrets(raw []byte) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out bytes.Buffer
	if err := copyAt(dec, &out, false, 0); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	return out.Bytes(), nil
}

const maxDepth = 64

func copyAt(dec *json.Decoder, out *bytes.Buffer, secret bool, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("nested deeper than %d levels", maxDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			out.WriteByte('{')
			for first := true; dec.More(); first = false {
				if !first {
					out.WriteByte(',')
				}
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				writeJSON(out, key)
				out.WriteByte(':')
				if err := copyAt(dec, out, secretKeys[key], depth+1); err != nil {
					return err
				}
			}
			out.WriteByte('}')
		case '[':
			out.WriteByte('[')
			for first := true; dec.More(); first = false {
				if !first {
					out.WriteByte(',')
				}
				if err := copyAt(dec, out, secret, depth+1); err != nil { // a secret's list holds secrets
					return err
				}
			}
			out.WriteByte(']')
		}
		_, err := dec.Token() // the closing delimiter
		return err
	case string:
		if secret && t != "" {
			t = Masked
		}
		writeJSON(out, t)
	case json.Number:
		if secret {
			writeJSON(out, Masked)
			return nil
		}
		out.WriteString(t.String())
	case bool:
		fmt.Fprint(out, t)
	case nil:
		out.WriteString("null")
	}
	return nil
}

func writeJSON(out *bytes.Buffer, v any) {
	b, _ := json.Marshal(v)
	out.Write(b)
}

// Fields reads what the terminal shows of an event; each is "" when the
// payload lacks it.
type Fields struct {
	Type string // onEvent's type

	Broker   string // integration connected
	Accounts int

	Status, Amount, Symbol, Network, TxHash, TransferID, ClientTransactionID string // transfer finished

	ErrorMessage, Page string // exit

	Verified bool // onEvent walletMessageSigned with isVerified
}

// Fields reads e's payload loosely: a field of an unexpected type is left
// out, never an error (the SDK's types are a promise, not a contract).
func (e Event) Fields() Fields {
	var p map[string]any
	d := json.NewDecoder(bytes.NewReader(e.Payload))
	d.UseNumber()
	_ = d.Decode(&p)
	var f Fields
	switch e.Callback {
	case OnEvent:
		f.Type = str(p["type"])
		if f.Type == "walletMessageSigned" {
			inner, _ := p["payload"].(map[string]any)
			f.Verified, _ = inner["isVerified"].(bool)
		}
	case IntegrationConnected:
		if a, ok := p["accessToken"].(map[string]any); ok {
			f.Broker = first(str(a["brokerName"]), str(a["brokerType"]))
			tokens, _ := a["accountTokens"].([]any)
			f.Accounts = len(tokens)
		} else if d, ok := p["delayedAuth"].(map[string]any); ok {
			f.Broker = first(str(d["brokerName"]), str(d["brokerType"]))
		}
	case TransferFinished:
		f.Status, f.Amount, f.Symbol = str(p["status"]), str(p["amount"]), str(p["symbol"])
		f.Network = first(str(p["networkName"]), str(p["networkId"]))
		f.TxHash, f.TransferID, f.ClientTransactionID = first(str(p["txHash"]), str(p["txId"])), str(p["transferId"]), str(p["clientTransactionId"])
	case Exit:
		f.ErrorMessage = str(p["errorMessage"])
		if s, ok := p["summary"].(map[string]any); ok {
			f.Page = str(s["page"])
		}
	}
	return f
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

func first(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// Succeeded reports whether a transfer-finished status is a success:
// the SDK types it as "success"; Mesh's docs speak of "succeeded".
func Succeeded(status string) bool {
	return strings.EqualFold(status, "success") || strings.EqualFold(status, "succeeded")
}

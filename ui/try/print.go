package try

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Printer writes callbacks one a line: as text for a person, or with JSON
// set as one JSON object a line ({"event", "at", "payload"}). Both come
// from the same Event, so they cannot disagree. W must clean what it is
// given (the command line's output does).
type Printer struct {
	W    io.Writer
	JSON bool
}

// TimeFormat is how --json writes "at": UTC, to the millisecond.
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

type eventJSON struct {
	Event Callback        `json:"event"`
	At    string          `json:"at"`
	Pay   json.RawMessage `json:"payload"`
}

// Print writes e.
func (p Printer) Print(e Event) error {
	if p.JSON {
		b, err := json.Marshal(eventJSON{e.Callback, e.At.UTC().Format(TimeFormat), e.Payload})
		if err != nil {
			return err
		}
		_, err = p.W.Write(append(b, '\n'))
		return err
	}
	_, err := fmt.Fprintln(p.W, Line(e))
	return err
}

// Line is e for a person: its time, what happened and what matters of it.
func Line(e Event) string {
	return e.At.Local().Format("15:04:05.000") + "  " + Describe(e)
}

// Describe is what happened, without the time.
func Describe(e Event) string {
	f := e.Fields()
	switch e.Callback {
	case IntegrationConnected:
		detail := f.Broker
		if detail == "" {
			detail = "(no broker name)"
		}
		if f.Accounts > 0 || strings.Contains(string(e.Payload), `"accessToken"`) {
			detail += fmt.Sprintf(", %d %s", f.Accounts, plural(f.Accounts, "account"))
		} else {
			detail += " (delayed authentication)"
		}
		return "integration connected  " + detail
	case TransferFinished:
		parts := []string{orNone(f.Status, "no status")}
		if amount := strings.TrimSpace(f.Amount + " " + f.Symbol); amount != "" {
			parts = append(parts, amount)
		}
		if f.Network != "" {
			parts = append(parts, "on "+f.Network)
		}
		for _, kv := range [][2]string{{"txHash", f.TxHash}, {"transferId", f.TransferID}, {"clientTransactionId", f.ClientTransactionID}} {
			if kv[1] != "" {
				parts = append(parts, kv[0]+" "+kv[1])
			}
		}
		return "transfer finished  " + strings.Join(parts, " · ")
	case Exit:
		s := "exit  "
		if f.ErrorMessage != "" {
			s += "error: " + f.ErrorMessage
		} else {
			s += "no error"
		}
		if f.Page != "" {
			s += " · summary page " + f.Page
		}
		return s
	case OnEvent:
		s := "event  " + orNone(f.Type, "(no type)")
		if f.Type == "walletMessageSigned" {
			if f.Verified {
				s += " · verified"
			} else {
				s += " · not verified"
			}
		}
		return s
	}
	return string(e.Callback)
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Stamp is a notice's time as Line writes an event's.
func Stamp(t time.Time) string { return t.Local().Format("15:04:05.000") }

package demo

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// View is a Link session as its page draws it, with the messages the last
// step posts to the opener. Text is as the token and the catalog have it:
// the page escapes every value it shows.
type View struct {
	Session string   `json:"session"`
	Page    string   `json:"page"`
	About   string   `json:"about,omitempty"` // the use case, user and transaction
	Title   string   `json:"title"`
	Lines   []string `json:"lines,omitempty"`
	Rows    []Row    `json:"rows,omitempty"`
	Error   string   `json:"error,omitempty"`
	Picks   *Picks   `json:"picks,omitempty"`
	Fields  []Field  `json:"fields,omitempty"`
	Actions []Action `json:"actions,omitempty"`
	Closed  bool     `json:"closed"`
	// Messages are what the step posts to window.parent, in order.
	Messages []Message `json:"messages"`
	// Next is the step the session's script plays now; nil without one.
	Next *Step `json:"next,omitempty"`
}

// Row is a labelled value.
type Row struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Choice is an option of a pick list or a select field.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Picks is a list of buttons, each the step Action with {Name: Value}.
type Picks struct {
	Action  string   `json:"action"`
	Name    string   `json:"name"`
	Options []Choice `json:"options"`
}

// Field is an input of the page's form: text, password or select.
type Field struct {
	Name     string   `json:"name"`
	Label    string   `json:"label"`
	Type     string   `json:"type"`
	Value    string   `json:"value,omitempty"`
	ReadOnly bool     `json:"readOnly,omitempty"`
	Options  []Choice `json:"options,omitempty"`
}

// Action is a button that sends the form's values as the step Action.
type Action struct {
	Action string `json:"action"`
	Label  string `json:"label"`
}

// Step is a step to play: POST /demo/link/sessions/{id}/{Action} with Body.
type Step struct {
	Action string            `json:"action"`
	Body   map[string]string `json:"body"`
}

func (s *linkSession) view(msgs []Message) View {
	if msgs == nil {
		msgs = []Message{}
	}
	v := View{Session: s.id, Page: s.page, Error: s.err, Closed: s.closed, Messages: msgs}
	if s.req != nil {
		v.About = s.useCase.Title() + " for user " + s.req.UserID
		if o := s.req.TransferOptions; o != nil && o.TransactionID != "" {
			v.About += ", transaction " + o.TransactionID
		}
	}
	if s.closed {
		v.Title = "Link closed"
		v.Lines = []string{"The page that opened Link heard " + s.closedWith + ". You can close this window."}
		return v
	}
	closeButton := []Action{{"close", "Close"}}
	switch s.page {
	case PageCatalog:
		v.Title = "Choose an account to connect"
		if s.notice != "" {
			v.Lines = []string{s.notice}
		}
		v.Picks = &Picks{Action: "integration", Name: "integrationId"}
		for _, in := range s.integrations {
			v.Picks.Options = append(v.Picks.Options, Choice{in.ID, in.Name})
		}
	case PageCredentials:
		v.Title = "Sign in to " + s.integration.Name
		v.Lines = []string{"Sign in as one of the sandbox personas below, with the password " + PersonaPassword + ", as in Mesh's sandbox."}
		for _, p := range personas {
			v.Rows = append(v.Rows, Row{p.username, p.about})
		}
		v.Fields = []Field{{Name: "username", Label: "Username", Type: "text"}, {Name: "password", Label: "Password", Type: "password"}}
		v.Actions = []Action{{"credentials", "Sign in"}}
	case PageMFA:
		v.Title = "Enter the code " + s.integration.Name + " sent"
		v.Lines = []string{"In the sandbox the code is " + PersonaCode + "."}
		v.Fields = []Field{{Name: "code", Label: "Code", Type: "text"}}
		v.Actions = []Action{{"mfa", "Continue"}}
	case PageVerify:
		v.Title = "Verify your wallet"
		v.Lines = []string{"Sign this message to prove you own the wallet. Signing moves nothing."}
		v.Rows = []Row{{"Message", s.verifyMessage()}}
		f := Field{Name: "address", Label: "Wallet address", Type: "select", Value: "0"}
		for i, a := range s.addresses {
			f.Options = append(f.Options, Choice{strconv.Itoa(i), a})
		}
		v.Fields = []Field{f}
		v.Actions = []Action{{"sign", "Sign"}, {"reject", "Reject"}}
	case PageConfigure:
		s.configureView(&v)
	case PagePreview:
		s.previewView(&v)
	case PageExecuted:
		t := s.transfer
		v.Title = "Transfer sent"
		v.Lines = []string{"The demo server's books hold it pending; it settles shortly, as a sandbox transfer does."}
		v.Rows = []Row{
			{"Transfer id", t.ID}, {"Amount", amountText(t.Amount) + " " + t.Symbol},
			{"Network", s.preview.option.networkName()}, {"To", t.DestinationAddress}, {"Hash", t.Hash},
		}
		v.Actions = []Action{{"done", "Done"}}
	case PageConnected:
		v.Title = "Connected"
		v.Lines = []string{"Your " + s.integration.Name + " account is connected."}
		v.Rows = []Row{{"Account", s.account.AccountName}}
		v.Actions = []Action{{"done", "Done"}}
		if !s.restricted() {
			v.Actions = append(v.Actions, Action{"another", "Connect another account"})
		}
	case PageVerified:
		v.Title = "Wallet verified"
		v.Rows = []Row{{"Address", s.signed}, {"Message", s.verifyMessage()}}
		v.Actions = []Action{{"done", "Done"}}
	case PageNoAssets:
		v.Title = "No eligible assets"
		v.Lines = []string{s.persona.username + " holds nothing this transfer can send (" + s.wanted() + ")."}
		for _, sym := range sortedSymbols(s.persona.holdings) {
			v.Rows = append(v.Rows, Row{sym, amountText(s.persona.holdings[sym])})
		}
		v.Actions = closeButton
	case PageError:
		v.Title = "Link cannot go on"
		v.Error = ""
		v.Lines = []string{s.fatal}
		v.Actions = closeButton
	}
	if s.script != "" {
		v.Next = s.script.next(v)
	}
	return v
}

// wanted says what the token's toAddresses ask for.
func (s *linkSession) wanted() string {
	var parts []string
	for _, to := range s.req.TransferOptions.ToAddresses {
		n, _ := s.catalog.Network(to.NetworkID)
		parts = append(parts, to.Symbol+" on "+transferOption{to: to, network: n}.networkName())
	}
	if s.useCase.TransferType() == mesh.TransferOnramp {
		return "an onramp buys with cash, and it has none"
	}
	return "the token asks for " + strings.Join(parts, ", ")
}

func (s *linkSession) configureView(v *View) {
	v.Title = "Send from " + s.integration.Name
	onramp := s.useCase.TransferType() == mesh.TransferOnramp
	dest := Field{Name: "option", Label: "Asset, network and destination", Type: "select", Value: "0"}
	for i, o := range s.options {
		label := o.to.Symbol + " on " + o.networkName() + " to " + o.to.Address
		if o.fixed > 0 {
			label = amountText(o.fixed) + " " + label
		}
		dest.Options = append(dest.Options, Choice{strconv.Itoa(i), label})
	}
	v.Fields = []Field{dest}
	first := s.options[0]
	switch {
	case first.fixed > 0:
		v.Lines = []string{"A payment's amount is set by the token."}
	case onramp:
		f := Field{Name: "amount", Label: "Amount in USD", Type: "text", Value: "50"}
		if fiat := number(s.req.TransferOptions.AmountInFiat); fiat > 0 {
			f.Value, f.ReadOnly = amountText(fiat), true
		}
		v.Lines = []string{fmt.Sprintf("%s buys with cash (%s available) at the demo's prices.", s.persona.username, dollars(s.persona.cash))}
		v.Fields = append(v.Fields, f)
	default:
		v.Lines = []string{s.holdingsLine()}
		for _, o := range s.options {
			var mins []string
			if o.min > 0 {
				mins = append(mins, amountText(o.min)+" "+o.to.Symbol)
			}
			if o.minFiat > 0 {
				mins = append(mins, dollars(o.minFiat))
			}
			if len(mins) > 0 {
				v.Lines = append(v.Lines, fmt.Sprintf("Minimum for %s on %s: %s.", o.to.Symbol, o.networkName(), strings.Join(mins, " and ")))
			}
		}
		v.Fields = append(v.Fields, Field{Name: "amount", Label: "Amount", Type: "text", Value: s.defaultAmount(first)})
	}
	if p := s.preview; p != nil { // back from the preview: as the user had it
		v.Fields[0].Value = strconv.Itoa(optionIndex(s.options, p.option))
		if len(v.Fields) > 1 && !v.Fields[1].ReadOnly {
			v.Fields[1].Value = p.amountTyped
		}
	}
	v.Actions = []Action{{"preview", "Preview"}}
}

func optionIndex(opts []transferOption, o transferOption) int {
	for i := range opts {
		if opts[i].to == o.to {
			return i
		}
	}
	return 0
}

func (s *linkSession) holdingsLine() string {
	var parts []string
	for _, o := range s.options {
		parts = append(parts, amountText(s.persona.holdings[strings.ToUpper(o.to.Symbol)])+" "+o.to.Symbol)
	}
	return s.persona.username + " holds " + strings.Join(parts, ", ") + "."
}

// defaultAmount is what the amount field starts with: the minimum, or
// about $25 worth, within what the persona holds.
func (s *linkSession) defaultAmount(o transferOption) string {
	px := price(o.to.Symbol)
	a := max(o.min, ceil8(o.minFiat/px))
	if a == 0 {
		a = round(25/px, 8)
	}
	return amountText(min(a, s.persona.holdings[strings.ToUpper(o.to.Symbol)]))
}

func ceil8(x float64) float64 {
	r := round(x, 8)
	if r < x {
		r += 1e-8
	}
	return r
}

func (s *linkSession) previewView(v *View) {
	p := s.preview
	sym := p.option.to.Symbol
	v.Title = "Review the transfer"
	v.Rows = []Row{
		{"From", s.account.AccountName},
		{"Asset", sym},
		{"Network", p.option.networkName()},
		{"To", p.option.to.Address},
		{"Amount", fmt.Sprintf("%s %s (%s)", amountText(p.amount), sym, dollars(p.amountInFiat()))},
		{"Network fee", fmt.Sprintf("%s %s (%s)", amountText(p.gas.Fee), p.gas.FeeCurrency, dollars(p.gas.FeeInFiat))},
		{s.integration.Name + " fee", fmt.Sprintf("%s %s (%s)", amountText(p.institution.Fee), sym, dollars(p.institution.FeeInFiat))},
		{"Recipient gets", amountText(p.receive) + " " + sym},
		{"Total", dollars(p.totalInFiat)},
	}
	if id := s.req.TransferOptions.TransactionID; id != "" {
		v.Rows = append(v.Rows, Row{"Transaction", id})
	}
	v.Actions = []Action{{"confirm", "Confirm"}, {"back", "Back"}}
}

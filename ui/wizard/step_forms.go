package wizard

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/meshlink/meshlink/mesh"
)

// The three form steps: details, destinations, verify options. Each builds
// its fields from the use case and the catalog; values stay in m.setup.

func randomUserID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "user-" + hex.EncodeToString(b)
}

func (m *Model) detailsForm() *form {
	s := &m.setup
	u := s.UseCase
	var fields []*formField
	user := textFieldOf("User ID", "userId", "your persistent id for this user",
		func() string { return s.UserID }, func(v string) { s.UserID = v })
	user.generate = randomUserID
	user.note = "ctrl+g random"
	fields = append(fields, user)
	if applies(u, fieldTransactionID) {
		tx := textFieldOf("Transaction ID", "transferOptions.transactionId", "your id for this transfer (ctrl+g: new UUID)",
			func() string { return s.TransactionID },
			func(v string) { s.TransactionID, s.GeneratedTxID = v, false })
		tx.generate = func() string { return uuid.NewString() }
		tx.generated = func() { s.GeneratedTxID = true }
		tx.note = "ctrl+g new UUID"
		fields = append(fields, tx)
	}
	fields = append(fields, toggleFieldOf("Restrict to one account", "restrictMultipleAccounts",
		func() bool { return s.RestrictMultipleAccounts }, func(v bool) { s.RestrictMultipleAccounts = v }))
	if applies(u, fieldIntegration) {
		fields = append(fields, choiceFieldOf("Integration", "integrationId", m.integrationChoices(),
			func() string { return s.IntegrationID }, func(v string) { s.IntegrationID = v }))
	}
	if applies(u, fieldAmountInFiat) {
		fields = append(fields, textFieldOf("Amount in USD", "transferOptions.amountInFiat", "e.g. 50 (empty: the user chooses)",
			func() string { return s.AmountInFiat }, func(v string) { s.AmountInFiat = v }))
	}
	if applies(u, fieldInclusiveFee) {
		fields = append(fields, toggleFieldOf("Fees inside the amount", "transferOptions.isInclusiveFeeEnabled",
			s.inclusiveFee, func(v bool) { s.InclusiveFee = mesh.Bool(v) }))
	}
	if applies(u, fieldGeneratePayLink) {
		fields = append(fields, toggleFieldOf("Generate a pay link", "transferOptions.generatePayLink",
			func() bool { return s.GeneratePayLink }, func(v bool) { s.GeneratePayLink = v }))
	}
	return newForm(fields...)
}

func (m *Model) integrationChoices() []choice {
	out := []choice{{"", "(none: the user picks)"}}
	if m.catalog == nil {
		return out
	}
	ints := slices.Clone(m.catalog.Integrations)
	slices.SortFunc(ints, func(a, b mesh.Integration) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	for _, in := range ints {
		out = append(out, choice{in.ID, in.Name})
	}
	return out
}

// network returns the catalog entry for id, or a stand-in naming the id.
func (m *Model) network(id string) mesh.Network {
	if n, ok := m.catalog.Network(id); ok {
		return n
	}
	return mesh.Network{ID: id, Name: id}
}

func (m *Model) destinationsForm() *form {
	s := &m.setup
	u := s.UseCase
	var fields []*formField
	for i, id := range s.Networks {
		n := m.network(id)
		d := s.dest(id)
		base := fmt.Sprintf("transferOptions.toAddresses[%d]", i)
		group := n.Name
		if n.NetworkType != "" {
			group += " (" + n.NetworkType + ")"
		}
		add := func(f *formField) {
			f.group = group
			fields = append(fields, f)
		}
		if len(n.SupportedTokens) > 0 {
			choices := make([]choice, len(n.SupportedTokens))
			for j, t := range n.SupportedTokens {
				choices[j] = choice{t, t}
			}
			f := choiceFieldOf("Symbol", base+".symbol", choices, func() string { return d.Symbol }, func(v string) { d.Symbol = v })
			f.note = "←/→ or type a letter"
			add(f)
		} else {
			add(textFieldOf("Symbol", base+".symbol", "e.g. USDC", func() string { return d.Symbol }, func(v string) { d.Symbol = v }))
		}
		add(textFieldOf("Address", base+".address", "destination address on "+n.Name,
			func() string { return d.Address }, func(v string) { d.Address = v }))
		if n.UsesAddressTag() || d.AddressTag != "" {
			add(textFieldOf("Address tag / memo", base+".addressTag", "optional: memo or destination tag",
				func() string { return d.AddressTag }, func(v string) { d.AddressTag = v }))
		}
		if applies(u, fieldAmount) {
			add(textFieldOf("Amount", base+".amount", "exact amount of the token to pay",
				func() string { return d.Amount }, func(v string) { d.Amount = v }))
			add(textFieldOf("Display amount USD", base+".displayAmountInFiat", "optional: fiat amount to show",
				func() string { return d.DisplayAmountInFiat }, func(v string) { d.DisplayAmountInFiat = v }))
		}
		if applies(u, fieldMinAmount) {
			add(textFieldOf("Minimum amount", base+".minAmount", "optional: in the token",
				func() string { return d.MinAmount }, func(v string) { d.MinAmount = v }))
			add(textFieldOf("Minimum in USD", base+".minAmountInFiat", "optional",
				func() string { return d.MinAmountInFiat }, func(v string) { d.MinAmountInFiat = v }))
		}
	}
	return newForm(fields...)
}

func (m *Model) verifyForm() *form {
	v := &m.setup.Verify
	nets := []choice{{"", "(none)"}}
	if m.catalog != nil {
		for _, n := range m.catalog.Networks {
			nets = append(nets, choice{n.ID, n.Name})
		}
	}
	types := []choice{{"", "(none)"}}
	for _, t := range mesh.NetworkTypes {
		types = append(types, choice{t, t})
	}
	msg := textFieldOf("Message to sign", "verifyWalletOptions.message", "optional: shown to the user when signing",
		func() string { return v.Message }, func(s string) { v.Message = s })
	netID := choiceFieldOf("Network", "verifyWalletOptions.networkId", nets,
		func() string { return v.NetworkID }, func(s string) { v.NetworkID = s })
	netID.note = "one of network or type"
	netType := choiceFieldOf("Network type", "verifyWalletOptions.networkType", types,
		func() string { return v.NetworkType }, func(s string) { v.NetworkType = s })
	netType.note = "one of network or type"
	addrs := textFieldOf("Allowed addresses", "verifyWalletOptions.addresses", "optional: addresses, comma-separated",
		func() string { return v.Addresses }, func(s string) { v.Addresses = s })
	return newForm(msg, netID, netType, addrs)
}

package wizard

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/meshlink/meshlink/mesh"
)

// newDetailsScreen asks who the user is and what the transfer does, with
// the fields most requests leave alone under "Advanced".
func newDetailsScreen(s *session) screen {
	return newFormScreen(s, stepDetails, "Details", "Who is the user, and what should the transfer do?", detailsForm)
}

func randomUserID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "user-" + hex.EncodeToString(b)
}

func detailsForm(s *session) *form {
	v := &s.setup
	u := v.UseCase
	transfer := applies(u, fieldTransfer)
	var fields []formField
	add := func(ok bool, f formField) {
		if ok {
			fields = append(fields, f)
		}
	}
	user := newTextField("User ID", "userId", "your persistent id for this user",
		func() string { return v.UserID }, func(x string) { v.UserID = x })
	user.generate, user.note = randomUserID, "ctrl+g random"
	add(true, user)
	tx := newTextField("Transaction ID", "transferOptions.transactionId", "your id for this transfer (ctrl+g: new UUID)",
		func() string { return v.TransactionID },
		func(x string) { v.TransactionID, v.FreshTxID = x, false })
	tx.generate, tx.note = uuid.NewString, "ctrl+g new UUID"
	add(transfer, tx)
	add(transfer, newToggleField("New ID each run", "",
		func() *bool { return &v.FreshTxID }, func(b bool) { v.FreshTxID = b }))
	add(true, newToggleField("Restrict to one account", "restrictMultipleAccounts",
		func() *bool { return v.boolOr(v.Restrict, true) }, func(b bool) { v.Restrict = mesh.Bool(b) }))
	add(applies(u, fieldIntegration), newChoiceField("Integration", "integrationId", integrationChoices(s.catalog),
		func() string { return v.IntegrationID }, func(x string) { v.IntegrationID = x }))
	add(applies(u, fieldAmountInFiat), newTextField("Amount in USD", "transferOptions.amountInFiat", "e.g. 50 (empty: the user chooses)",
		func() string { return v.AmountInFiat }, func(x string) { v.AmountInFiat = x }))
	add(transfer, newToggleField("Fees inside the amount", "transferOptions.isInclusiveFeeEnabled",
		func() *bool { return v.boolOr(v.InclusiveFee, u.TransferType() == mesh.TransferOnramp) },
		func(b bool) { v.InclusiveFee = mesh.Bool(b) }))
	add(transfer, newToggleField("Generate a pay link", "transferOptions.generatePayLink",
		func() *bool { return v.boolOr(v.GeneratePayLink, false) }, func(b bool) { v.GeneratePayLink = mesh.Bool(b) }))
	adv := []formField{}
	if transfer {
		adv = append(adv,
			newTextField("Client fee", "transferOptions.clientFee", "optional: your fee, a fraction like 0.01",
				func() string { return v.Adv.ClientFee }, func(x string) { v.Adv.ClientFee = x }),
			newToggleField("SmartFunding", "transferOptions.fundingOptions",
				func() *bool { return v.Adv.FundingOptions }, func(b bool) { v.Adv.FundingOptions = mesh.Bool(b) }))
	}
	adv = append(adv,
		newTextField("Sub-client ID", "subClientId", "optional: from your Mesh dashboard",
			func() string { return v.Adv.SubClientID }, func(x string) { v.Adv.SubClientID = x }),
		newToggleField("No API key generation", "disableApiKeyGeneration",
			func() *bool { return v.Adv.DisableAPIKeyGeneration }, func(b bool) { v.Adv.DisableAPIKeyGeneration = mesh.Bool(b) }))
	for _, f := range adv {
		f.info().group = "Advanced (optional)"
		fields = append(fields, f)
	}
	return newForm(fields...)
}

func integrationChoices(c *mesh.Catalog) []choice {
	out := []choice{{"", "(none: the user picks)"}}
	if c == nil {
		return out
	}
	ints := slices.Clone(c.Integrations)
	slices.SortFunc(ints, func(a, b mesh.Integration) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	for _, in := range ints {
		out = append(out, choice{in.ID, in.Name})
	}
	return out
}

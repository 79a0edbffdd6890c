package wizard

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/meshlink/meshlink/mesh"
)

// newDetailsScreen asks who the user is and, for a use case that moves
// funds, what the transfer does, with the fields most requests leave alone
// under "Advanced".
func newDetailsScreen(s *session) screen {
	intro := "Who is the user, and what should the transfer do?"
	if s.setup.UseCase.TransferType() == "" { // verifying a wallet moves nothing
		intro = "Who is the user, and what may they connect?"
	}
	return newFormScreen(s, stepDetails, "Details", intro, detailsForm)
}

func randomUserID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "user-" + hex.EncodeToString(b)
}

func detailsForm(s *session) *form {
	v := &s.setup
	var fields []formField
	for _, f := range formFields(s, mesh.SectionDetails, nil, "") {
		fields = append(fields, f)
		t, ok := f.(*textField)
		switch {
		case !ok:
		case t.path == "userId":
			t.generate, t.note = randomUserID, "ctrl+g random"
		case t.path == pathTransactionID:
			set := t.set
			t.set = func(x string) { set(x); v.FreshTxID = false } // typed: kept as typed
			t.generate, t.note = s.o.NewID, "ctrl+g new UUID"
			fields = append(fields, newToggleField("New ID each run", "", func() *bool { return &v.FreshTxID }, func(b bool) { v.FreshTxID = b }))
		}
	}
	for _, f := range formFields(s, mesh.SectionAdvanced, nil, "") {
		f.info().group = "Advanced (optional)"
		fields = append(fields, f)
	}
	return newForm(fields...)
}

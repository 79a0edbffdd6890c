package wizard

import (
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// A new setup's toggles show, and its body sends, mesh's defaults for the
// use case: the wizard decides none of its own.
func TestTogglesShowAndSendMeshsDefaults(t *testing.T) {
	for _, u := range mesh.UseCases {
		s := setup{UseCase: u, Defaults: true}
		body := buildRequest(s)
		sent := map[string]*bool{"restrictMultipleAccounts": body.RestrictMultipleAccounts}
		if o := body.TransferOptions; o != nil {
			sent["transferOptions.isInclusiveFeeEnabled"] = o.IsInclusiveFeeEnabled
			sent["transferOptions.generatePayLink"] = o.GeneratePayLink
		}
		for _, section := range []mesh.Section{mesh.SectionDetails, mesh.SectionAdvanced} {
			for _, f := range mesh.FieldsOf(u, section) {
				b, ok := bindings[f.Path]
				if !ok || b.toggle == nil {
					continue
				}
				def, hasDefault := u.Default(f.Path)
				shown := b.value(&s, f.Path)
				if hasDefault && (shown == nil || *shown != def) {
					t.Errorf("%s: %s shows %v, want mesh's default %t", u, f.Path, ptr(shown), def)
				}
				if got, ok := sent[f.Path]; hasDefault && ok && (got == nil || *got != def) {
					t.Errorf("%s: %s sends %v, want mesh's default %t", u, f.Path, ptr(got), def)
				}
			}
		}
	}
}

func ptr(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

package wizard

import "github.com/meshlink/meshlink/mesh"

// newVerifyScreen asks what the user signs to prove the wallet is theirs.
func newVerifyScreen(s *session) screen {
	return newFormScreen(s, stepVerify, "Verify options", "What must the user sign to prove the wallet is theirs?", verifyForm)
}

func verifyForm(s *session) *form {
	return newForm(formFields(s, mesh.SectionVerify, nil, "")...)
}

package demo

import (
	"fmt"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// Script is a named run of the Link stand-in that plays itself, so a
// front-end's own tests (Playwright, Cypress) see Link's callbacks with
// nobody at the keyboard: `meshlink demo-server --autoplay SCRIPT`.
type Script string

// The scripts. Each signs in as the persona that makes its outcome.
const (
	// ScriptSucceeds reaches the use case's goal as Mesh does: a transfer
	// finished, an account connected, a wallet verified.
	ScriptSucceeds Script = "transfer-succeeds"
	// ScriptFails makes a transfer that fails (FailingPersona).
	ScriptFails Script = "transfer-fails"
	// ScriptNoAssets signs in as Mesh2, who holds nothing to send.
	ScriptNoAssets Script = "no-eligible-assets"
	// ScriptUserExits chooses an integration, then closes Link.
	ScriptUserExits Script = "user-exits"
	// ScriptVerifyRejected declines to sign the verify message.
	ScriptVerifyRejected Script = "verify-rejected"
)

// Scripts lists every script.
var Scripts = []Script{ScriptSucceeds, ScriptFails, ScriptNoAssets, ScriptUserExits, ScriptVerifyRejected}

var scriptAbout = map[Script]string{
	ScriptSucceeds:       "signs in as Mesh and reaches the goal; closes with done",
	ScriptFails:          "signs in as " + FailingPersona + ": transferExecutionError, close with an error",
	ScriptNoAssets:       "signs in as Mesh2, who holds nothing: transferNoEligibleAssets, close",
	ScriptUserExits:      "chooses an integration, then closes Link (no error)",
	ScriptVerifyRejected: "declines to sign the verify message: close with an error",
}

// About says in a line what the script does.
func (sc Script) About() string { return scriptAbout[sc] }

// ParseScript accepts a script's name; "" is no script.
func ParseScript(name string) (Script, error) {
	n := Script(strings.ToLower(strings.TrimSpace(name)))
	if n == "" || scriptAbout[n] != "" {
		return n, nil
	}
	return "", fmt.Errorf("unknown autoplay script %q: choose one of %s", name, ScriptNames())
}

// ScriptNames lists the scripts' names, comma-separated, for messages.
func ScriptNames() string {
	names := make([]string, len(Scripts))
	for i, sc := range Scripts {
		names[i] = string(sc)
	}
	return strings.Join(names, ", ")
}

// refuses says why the script cannot play a session of use case u, or "".
func (sc Script) refuses(u mesh.UseCase) string {
	switch {
	case (sc == ScriptFails || sc == ScriptNoAssets) && u.TransferType() == "":
		return fmt.Sprintf("The autoplay script %s needs a token with transferOptions; this one is for %s.", sc, u)
	case sc == ScriptVerifyRejected && !u.Verifies():
		return fmt.Sprintf("The autoplay script %s needs a token with verifyWalletOptions; this one is for %s.", sc, u)
	}
	return ""
}

func (sc Script) persona() string {
	switch sc {
	case ScriptFails:
		return FailingPersona
	case ScriptNoAssets:
		return "Mesh2"
	}
	return "Mesh"
}

// next is the step the script plays on the page v shows: the form as the
// page fills it, with the script's answers.
func (sc Script) next(v View) *Step {
	body := map[string]string{}
	for _, f := range v.Fields {
		body[f.Name] = f.Value
	}
	step := func(action string) *Step { return &Step{Action: action, Body: body} }
	if v.Error != "" { // a script never types wrong: stop rather than loop
		return step("close")
	}
	switch v.Page {
	case PageCatalog:
		body["integrationId"] = v.Picks.Options[0].Value
		return step("integration")
	case PageCredentials:
		if sc == ScriptUserExits {
			return step("close")
		}
		body["username"], body["password"] = sc.persona(), PersonaPassword
		return step("credentials")
	case PageMFA:
		body["code"] = PersonaCode
		return step("mfa")
	case PageVerify:
		switch sc {
		case ScriptUserExits:
			return step("close")
		case ScriptVerifyRejected:
			return step("reject")
		}
		return step("sign")
	case PageConfigure:
		return step("preview")
	case PagePreview:
		return step("confirm")
	case PageExecuted, PageConnected, PageVerified:
		return step("done")
	}
	return step("close")
}

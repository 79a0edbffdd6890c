package wizard

import (
	"regexp"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// Mesh support groups errors by errorHash: the error screen shows it, with
// Mesh's errorType and displayMessage, and names no command-line flag (the
// wizard has its own keys).
func TestErrorScreenShowsWhatMeshSupportNeeds(t *testing.T) {
	flag := regexp.MustCompile(`(^|\s)--[a-z]`)
	for _, err := range []error{
		&mesh.APIError{Op: "fetch link token", StatusCode: 400, Status: "badRequest", ErrorType: "invalidField", Message: "bad network", Display: "Something went wrong", ErrorHash: "7dcbb73d"},
		&mesh.APIError{Op: "fetch link token", StatusCode: 404, NotJSON: true, ErrorHash: "e08e7897"},
		&mesh.NetworkError{Op: "fetch link token", Host: "127.0.0.1:1", Timeout: 30 * time.Second},
	} {
		h := newHarness(t)
		h.loadBody(twoOnEthereum)
		h.pressHolding("enter")
		h.send(fetchFailedMsg{id: top[*fetchScreen](h).id, err: err})
		h.wantScreen("Error")
		if ae, ok := err.(*mesh.APIError); ok {
			h.wantView("Quote errorHash " + ae.ErrorHash + " to Mesh support")
			if ae.ErrorType != "" {
				h.wantView(ae.ErrorType, "went wrong") // the displayMessage, wrapped
			}
		}
		if v := h.view(); flag.MatchString(v) {
			t.Errorf("the error screen names a command-line flag:\n%s", v)
		}
	}
}

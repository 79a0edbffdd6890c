package mesh_test

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// mesh's messages reach the wizard's screens too, where command-line flags
// mean nothing: they name none (the CLI adds its flags itself).
func TestErrorsNameNoFlag(t *testing.T) {
	flag := regexp.MustCompile(`(^|\s)--[a-z]`)
	errs := []error{
		&mesh.APIError{Op: "op", StatusCode: 404, NotJSON: true},
		&mesh.APIError{Op: "op", StatusCode: 302, RedirectTo: "https://elsewhere.example"},
		&mesh.APIError{Op: "op", StatusCode: 401},
		&mesh.APIError{Op: "op", StatusCode: 500, ErrorHash: "8d443794"},
		&mesh.NetworkError{Op: "op", Host: "h", Timeout: time.Second},
		&mesh.NetworkError{Op: "op", Host: "h", Err: errors.New("refused")},
		&mesh.RetryAfterError{Err: &mesh.APIError{Op: "op", StatusCode: 429}, After: "60 s", Timeout: time.Second},
		&mesh.MaybeSentError{Err: &mesh.APIError{Op: "op", StatusCode: 502}, TransactionID: "t"},
	}
	for _, err := range errs {
		if flag.MatchString(err.Error()) {
			t.Errorf("%T names a flag: %s", err, err)
		}
	}
}

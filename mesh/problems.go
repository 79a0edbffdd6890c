package mesh

// What a validation finds: problems tied to the paths of the fields they
// concern, errors and warnings, and the error a request with errors is.

import (
	"errors"
	"slices"
	"strings"
)

// Severity tells whether a Problem stops the request from being sent.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
)

// Problem is one finding about a request, tied to the JSON path of the field
// it concerns, e.g. "transferOptions.toAddresses[2].amount".
type Problem struct {
	Path     string
	Message  string
	Severity Severity
	// Unlisted marks an error the user may knowingly override: a symbol one
	// edit from a token the network lists, which is most likely a typo but
	// may be a token Mesh listed after the catalog was fetched.
	Unlisted bool
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Problems is every finding of one validation, errors and warnings mixed.
type Problems []Problem

// Errors are the problems that stop the request.
func (ps Problems) Errors() Problems { return ps.bySeverity(SeverityError) }

// AllowUnlisted is ps with the Unlisted errors turned into warnings, for a
// user who said the symbols are meant.
func (ps Problems) AllowUnlisted() Problems {
	out := slices.Clone(ps)
	for i := range out {
		if out[i].Unlisted {
			out[i].Severity = SeverityWarning
		}
	}
	return out
}

// Warnings are the problems worth knowing that do not stop the request.
func (ps Problems) Warnings() Problems { return ps.bySeverity(SeverityWarning) }

func (ps Problems) bySeverity(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// At returns the problems of path and of the fields under it.
func (ps Problems) At(path string) Problems {
	var out Problems
	for _, p := range ps {
		if p.Path == path || strings.HasPrefix(p.Path, path+".") || strings.HasPrefix(p.Path, path+"[") {
			out = append(out, p)
		}
	}
	return out
}

// Err is an *InvalidRequestError holding the errors, or nil when there are none.
func (ps Problems) Err() error {
	if errs := ps.Errors(); len(errs) > 0 {
		return &InvalidRequestError{Problems: errs}
	}
	return nil
}

// InvalidRequestError is a request that must not be sent.
type InvalidRequestError struct{ Problems Problems }

func (e *InvalidRequestError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "invalid link-token request:\n  " + strings.Join(lines, "\n  ")
}

// ErrInvalidRequest matches every *InvalidRequestError with errors.Is.
var ErrInvalidRequest = errors.New("invalid link-token request")

func (e *InvalidRequestError) Is(target error) bool { return target == ErrInvalidRequest }

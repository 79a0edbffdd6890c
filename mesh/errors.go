package mesh

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is an answer from the API that is not a success: the HTTP status,
// Mesh's envelope fields when the body had them, and what to do next.
type APIError struct {
	Op         string // what meshlink was doing, like "fetch link token"
	Env        Environment
	StatusCode int
	Status     string // Mesh's status, like "badRequest"
	ErrorType  string // Mesh's errorType, like "missingField"
	Message    string
	Display    string // Mesh's displayMessage
	// ErrorHash is Mesh's grouping hash of the error: what its support
	// asks for.
	ErrorHash   string
	NotJSON     bool   // the body was not Mesh's JSON (a proxy's HTML page, a cut-off body)
	BodySnippet string // the start of a body that was not JSON, cleaned for printing
	// RedirectTo is where a 3xx answer wanted the request to go (cleaned).
	// meshlink never follows: nothing was sent there.
	RedirectTo string
	// RetryAfter is the wait the answer's Retry-After asked for; 0 when it
	// asked for none.
	RetryAfter time.Duration
}

// Error is the summary, then "Quote errorHash … to Mesh support." when Mesh
// sent one, then what to do. Like every message of this package it names no
// command-line flag: the wizard shows it too.
func (e *APIError) Error() string {
	lines := []string{e.summary()}
	if e.ErrorHash != "" {
		lines = append(lines, "Quote errorHash "+e.ErrorHash+" to Mesh support.")
	}
	if h := e.Hint(); h != "" {
		lines = append(lines, h)
	}
	return strings.Join(lines, "\n")
}

// summary is Error without the hint.
func (e *APIError) summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: HTTP %d %s", e.Op, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Status != "" && !strings.EqualFold(e.Status, strings.ReplaceAll(http.StatusText(e.StatusCode), " ", "")) {
		fmt.Fprintf(&b, " (%s", e.Status)
		if e.ErrorType != "" {
			fmt.Fprintf(&b, ", %s", e.ErrorType)
		}
		b.WriteString(")")
	} else if e.ErrorType != "" {
		fmt.Fprintf(&b, " (%s)", e.ErrorType)
	}
	msg := e.Message
	if e.Display != "" && e.Display != e.Message {
		msg = strings.TrimSpace(msg + " — " + e.Display)
		msg = strings.TrimPrefix(msg, "— ")
	}
	if msg != "" {
		b.WriteString(": " + msg)
	}
	if e.NotJSON {
		b.WriteString(": the answer was not Mesh's JSON")
		if e.BodySnippet != "" {
			fmt.Fprintf(&b, " (it starts %q)", e.BodySnippet)
		}
	}
	if e.RedirectTo != "" {
		fmt.Fprintf(&b, ": the server wanted to send this request on to %s; meshlink follows no redirect, so nothing was sent there", e.RedirectTo)
	}
	return b.String()
}

// Unauthorized reports whether the credentials were refused.
func (e *APIError) Unauthorized() bool {
	return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
}

// Hint says what the user can do about the error.
func (e *APIError) Hint() string {
	env := string(e.Env)
	if env == "" || e.Env == EnvCustom {
		env = "this host"
	}
	switch {
	case e.RedirectTo != "":
		return "Mesh's API never redirects: check the environment or the base URL (a proxy in between may be redirecting)."
	case e.Unauthorized():
		return fmt.Sprintf("Check MESH_CLIENT_ID and MESH_CLIENT_SECRET, and that they are the keys for %s (sandbox and production keys differ).", env)
	case e.StatusCode == http.StatusNotFound && e.Status == "notFound":
		return "Mesh does not know this client: check MESH_CLIENT_ID and the environment."
	case e.StatusCode == http.StatusNotFound:
		return "The host has no such endpoint: check the environment or the base URL."
	case e.StatusCode == http.StatusTooManyRequests:
		return "Mesh is rate-limiting these requests: wait a minute and try again."
	case e.StatusCode >= 500:
		return "The server failed; meshlink already retried. Try again in a minute; if it persists, check Mesh's status page."
	case e.StatusCode == http.StatusBadRequest:
		return "Mesh refused the request body: fix the field it names and send again."
	}
	return ""
}

// NetworkError is a request that got no HTTP answer.
type NetworkError struct {
	Op      string
	Host    string
	Timeout time.Duration // set when the call ran out of time
	Err     error
}

func (e *NetworkError) Error() string {
	if e.Timeout > 0 {
		return fmt.Sprintf("%s: no answer from %s within %s\nTry again, or allow more time.", e.Op, e.Host, e.Timeout)
	}
	return fmt.Sprintf("%s: cannot reach %s: %v\nCheck your connection, the environment and the base URL.", e.Op, e.Host, e.Err)
}

func (e *NetworkError) Unwrap() error { return e.Err }

// RetryAfterError is an answer that asked for a wait longer than the call
// has left: the server did answer, and waiting would only end in a timeout.
type RetryAfterError struct {
	Err     error  // the answer that asked for the wait, an *APIError
	After   string // the wait asked for, like "3600 s"
	Timeout time.Duration
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("%s: Mesh asked to retry after %s, past the time allowed (%s)\nTry again later, or allow more time.", firstLine(e.Err.Error()), e.After, e.Timeout)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

// MaybeSentError is a request for a pay link that failed in a way that does
// not prove it never reached Mesh (a 5xx, a cut-off answer). It is not sent
// again: Mesh may already have made a pay link for it.
type MaybeSentError struct {
	Err           error
	TransactionID string
}

func (e *MaybeSentError) Error() string {
	return fmt.Sprintf("%s\nThe request may have reached Mesh, and a pay link may exist for transactionId %q, so meshlink did not send it again. "+
		"To retry by hand, send the same request again (same transactionId), or use a new transactionId for a separate payment.", firstLine(e.Err.Error()), CleanText(e.TransactionID))
}

func (e *MaybeSentError) Unwrap() error { return e.Err }

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

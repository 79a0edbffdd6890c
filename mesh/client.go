package mesh

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// API paths.
const (
	PathLinkToken    = "/api/v1/linktoken"
	PathNetworks     = "/api/v1/transfers/managed/networks"
	PathIntegrations = "/api/v1/transfers/managed/integrations"
	// PathIntegrationsCatalog lists every integration, wallets included.
	PathIntegrationsCatalog = "/api/v1/integrations"
)

// Client calls the Mesh API. The zero values of its optional fields are
// sensible defaults; BaseURL and Credentials are required.
type Client struct {
	BaseURL     string
	Env         Environment // names the environment in error hints
	Credentials Credentials
	HTTPClient  *http.Client
	// Timeout bounds a whole call, retries included. Default 30s.
	Timeout time.Duration
	// MaxAttempts bounds tries of a call that fails with a network error,
	// a 5xx or a 429. Default 4.
	MaxAttempts int
	// TrustedLinkOrigins are trusted as a token's destination besides
	// Mesh's own Link hosts (the demo server sets its own).
	TrustedLinkOrigins []string
	// OnRetry, when set, hears about each retry before its wait.
	OnRetry func(attempt int, wait time.Duration, reason error)
	// OnLinkToken, when set, hears how every LinkToken call that was sent
	// ended: the token, or the error. A request refused before sending is
	// not heard.
	OnLinkToken func(r *LinkTokenRequest, tok *LinkToken, err error)
	// Version is meshlink's, sent in the User-Agent (meshlink/VERSION) so
	// Mesh's logs tell which build called.
	Version string
	// Now and Sleep stand in for the clock in tests.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// Defaults of a Client.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultMaxAttempts = 4
	// MaxResponseBytes bounds what is read of any answer.
	MaxResponseBytes = 8 << 20
)

// UserAgent is what the client sends as User-Agent: meshlink/VERSION.
func (c *Client) UserAgent() string {
	if c.Version == "" {
		return "meshlink"
	}
	return "meshlink/" + c.Version
}

// Host is the client's base URL without path, for messages.
func (c *Client) Host() string {
	if u, err := url.Parse(c.BaseURL); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host
	}
	return c.BaseURL
}

// LinkToken sends r to POST /api/v1/linktoken. It refuses to send a request
// that fails validation.
func (c *Client) LinkToken(ctx context.Context, r *LinkTokenRequest) (*LinkToken, error) {
	if err := Validate(r, nil).Err(); err != nil {
		return nil, err
	}
	body, err := EncodeBody(r)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	tok, err := c.linkToken(ctx, r, body)
	if c.OnLinkToken != nil {
		c.OnLinkToken(r, tok, err)
	}
	return tok, err
}

func (c *Client) linkToken(ctx context.Context, r *LinkTokenRequest, body []byte) (*LinkToken, error) {
	var content struct {
		LinkToken   string `json:"linkToken"`
		PaymentLink string `json:"paymentLink"`
	}
	call := call{op: "fetch link token", method: http.MethodPost, path: PathLinkToken, body: body}
	if t := r.TransferOptions; t != nil && t.GeneratePayLink != nil && *t.GeneratePayLink {
		call.payLinkFor = t.TransactionID
	}
	env, err := c.do(ctx, call, &content)
	if err != nil {
		return nil, err
	}
	token, payLink := content.LinkToken, content.PaymentLink
	if token == "" { // one of Mesh's guides shows the fields outside content
		token, payLink = env.LinkToken, env.PaymentLink
	}
	token, payLink = strings.TrimSpace(token), strings.TrimSpace(payLink)
	if token == "" {
		return nil, &APIError{Op: "fetch link token", Env: c.Env, StatusCode: http.StatusOK, Message: "the answer holds no linkToken"}
	}
	if CleanText(token) != token {
		return nil, &APIError{Op: "fetch link token", Env: c.Env, StatusCode: http.StatusOK, Message: "the linkToken holds control characters; refusing to show it"}
	}
	check := linkCheck{extraOrigins: c.TrustedLinkOrigins}
	if c.Env != EnvDemo {
		check.secret = c.Credentials.ClientSecret
	}
	if decoded, err := decodeBase64(token); holdsSecret(token, check.secret) || err == nil && holdsSecret(decoded, check.secret) {
		// no token to print: it hands the secret to whoever opens it
		shown := "the linkToken"
		if err == nil {
			shown = fmt.Sprintf("the linkToken decodes to %q, which", truncate(hideSecret(CleanText(decoded), check.secret), 120))
		}
		return nil, &APIError{Op: "fetch link token", Env: c.Env, StatusCode: http.StatusOK,
			Message: shown + " holds MESH_CLIENT_SECRET (shown as [MESH_CLIENT_SECRET]): the server or a proxy echoes the secret; refusing to show the token"}
	}
	return newLinkToken(token, payLink, c.now(), check), nil
}

// Networks fetches GET /api/v1/transfers/managed/networks.
func (c *Client) Networks(ctx context.Context) ([]Network, error) {
	var content struct {
		Networks []Network `json:"networks"`
	}
	if _, err := c.do(ctx, call{op: "fetch networks", method: http.MethodGet, path: PathNetworks}, &content); err != nil {
		return nil, err
	}
	return cleanNetworks(content.Networks), nil
}

// Integrations fetches GET /api/v1/transfers/managed/integrations (what
// each integration can transfer, and where) and GET /api/v1/integrations
// (every integration: only it lists wallets such as Phantom), and merges them.
func (c *Client) Integrations(ctx context.Context) ([]Integration, error) {
	var managed struct {
		Integrations []Integration `json:"integrations"`
	}
	if _, err := c.do(ctx, call{op: "fetch integrations", method: http.MethodGet, path: PathIntegrations}, &managed); err != nil {
		return nil, err
	}
	var all struct {
		Items []Integration `json:"items"`
	}
	if _, err := c.do(ctx, call{op: "fetch the integration catalog", method: http.MethodGet, path: PathIntegrationsCatalog}, &all); err != nil {
		return nil, err
	}
	return cleanIntegrations(MergeIntegrations(managed.Integrations, all.Items)), nil
}

// envelope is Mesh's ApiResult around every answer.
type envelope struct {
	Content        json.RawMessage `json:"content"`
	Status         string          `json:"status"`
	Message        string          `json:"message"`
	DisplayMessage string          `json:"displayMessage"`
	ErrorType      string          `json:"errorType"`
	ErrorHash      string          `json:"errorHash"`
	LinkToken      string          `json:"linkToken"`
	PaymentLink    string          `json:"paymentLink"`
}

// call is one API operation, sent once or more.
type call struct {
	op, method, path string
	body             []byte
	// payLinkFor is the transactionId of a request that asks for a pay
	// link. Such a request is sent again only when it surely never reached
	// Mesh, since a second one could mint a second link.
	payLinkFor string
}

// do sends one call with retries and decodes the envelope's content into out.
func (c *Client) do(ctx context.Context, cl call, out any) (*envelope, error) {
	op := cl.op
	if err := CheckBaseURL(c.BaseURL); err != nil {
		return nil, fmt.Errorf("%s: nothing was sent: %w", op, err)
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	attempts := c.MaxAttempts
	if attempts <= 0 {
		attempts = DefaultMaxAttempts
	}
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	for attempt := 1; ; attempt++ {
		env, retryAfter, err := c.once(callCtx, cl)
		if err == nil {
			if len(env.Content) > 0 && string(env.Content) != "null" {
				if err := json.Unmarshal(env.Content, out); err != nil {
					return nil, &APIError{Op: op, Env: c.Env, StatusCode: http.StatusOK, NotJSON: true, Message: "unexpected content: " + CleanText(err.Error())}
				}
			}
			return env, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", op, ctx.Err())
		}
		if callCtx.Err() != nil {
			return nil, &NetworkError{Op: op, Host: c.Host(), Timeout: timeout, Err: callCtx.Err()}
		}
		if !retryable(err) || attempt >= attempts {
			return nil, err
		}
		if cl.payLinkFor != "" && !neverArrived(err) {
			return nil, &MaybeSentError{Err: err, TransactionID: cl.payLinkFor}
		}
		wait := backoff(attempt)
		if retryAfter.set {
			deadline, _ := callCtx.Deadline()
			if retryAfter.wait > time.Until(deadline) {
				return nil, &RetryAfterError{Err: err, After: retryAfter.text, Timeout: timeout}
			}
			wait = retryAfter.wait
		}
		if c.OnRetry != nil {
			c.OnRetry(attempt, wait, err)
		}
		if err := c.sleep(callCtx, wait); err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%s: %w", op, ctx.Err())
			}
			return nil, &NetworkError{Op: op, Host: c.Host(), Timeout: timeout, Err: err}
		}
	}
}

// refuseRedirects makes the client hand back a redirect instead of following
// it: Go would resend X-Client-Secret to wherever it points.
func refuseRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// once makes a single HTTP exchange. retryAfter is the server's Retry-After,
// when it sent one.
func (c *Client) once(ctx context.Context, cl call) (*envelope, retryAfter, error) {
	op := cl.op
	var rd io.Reader
	if cl.body != nil {
		rd = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, strings.TrimRight(c.BaseURL, "/")+cl.path, rd)
	if err != nil {
		return nil, retryAfter{}, fmt.Errorf("%s: bad base URL %q: %w", op, CleanText(c.BaseURL), err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.UserAgent())
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Client-Id", c.Credentials.ClientID)
	req.Header.Set("X-Client-Secret", c.Credentials.ClientSecret)

	hc := http.Client{}
	if c.HTTPClient != nil {
		hc = *c.HTTPClient
	}
	hc.CheckRedirect = refuseRedirects
	resp, err := hc.Do(req)
	if err != nil {
		return nil, retryAfter{}, &NetworkError{Op: op, Host: c.Host(), Err: c.redactErr(unwrapURLError(err))}
	}
	defer resp.Body.Close()
	after := parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		to := "an address it did not give"
		if loc, err := resp.Location(); err == nil {
			to = truncate(c.clean(loc.Redacted()), 200)
		}
		return nil, after, &APIError{Op: op, Env: c.Env, StatusCode: resp.StatusCode, RedirectTo: to}
	}

	raw, readErr := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if readErr != nil && ctx.Err() == nil {
		return nil, after, &NetworkError{Op: op, Host: c.Host(), Err: c.redactErr(fmt.Errorf("the answer (HTTP %d) was cut off: %w", resp.StatusCode, readErr))}
	}
	if len(raw) > MaxResponseBytes {
		return nil, after, &APIError{Op: op, Env: c.Env, StatusCode: resp.StatusCode, NotJSON: true, Message: fmt.Sprintf("the answer is larger than %d MiB", MaxResponseBytes>>20)}
	}
	var env envelope
	jsonErr := json.Unmarshal(raw, &env)
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	if ok && jsonErr == nil && (env.Status == "" || strings.EqualFold(env.Status, "ok")) {
		return &env, retryAfter{}, nil
	}
	apiErr := &APIError{Op: op, Env: c.Env, StatusCode: resp.StatusCode, RetryAfter: after.wait}
	if jsonErr != nil {
		apiErr.NotJSON = len(bytes.TrimSpace(raw)) > 0 || ok
		apiErr.BodySnippet = truncate(c.clean(strings.Join(strings.Fields(string(raw)), " ")), 60) // clean first: a cut escape sequence would eat the "…"
	} else {
		apiErr.Status, apiErr.ErrorType, apiErr.ErrorHash = c.clean(env.Status), c.clean(env.ErrorType), truncate(c.clean(env.ErrorHash), 64)
		apiErr.Message, apiErr.Display = c.clean(env.Message), c.clean(env.DisplayMessage)
	}
	return nil, after, apiErr
}

// clean is CleanText for text the server sent, with the secret hidden: a
// server or a proxy that echoes X-Client-Secret back must not put it on a
// screen, in the history or in a log.
func (c *Client) clean(s string) string { return c.redact(CleanText(s)) }

// minSecretLen: shorter "secrets" (a test's "b") are not hunted for in text.
const minSecretLen = 6

func (c *Client) redact(s string) string {
	if sec := c.Credentials.ClientSecret; c.Env != EnvDemo && len(sec) >= minSecretLen {
		s = strings.ReplaceAll(s, sec, "[MESH_CLIENT_SECRET]")
	}
	return s
}

// redactErr hides the secret in err's text (Go's transport quotes a
// malformed answer's bytes), keeping err in the chain.
func (c *Client) redactErr(err error) error {
	if text := c.redact(err.Error()); text != err.Error() {
		return &redactedError{err: err, text: text}
	}
	return err
}

type redactedError struct {
	err  error
	text string
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func retryable(err error) bool {
	var ne *NetworkError
	if errors.As(err, &ne) {
		return true
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode >= 500 || ae.StatusCode == http.StatusTooManyRequests
	}
	return false
}

// neverArrived reports whether err proves the request did not reach Mesh's
// application: no connection was made (refused, no such host), or Mesh
// turned it away unread (429).
func neverArrived(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode == http.StatusTooManyRequests
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	return errors.As(err, &dnsErr) || (errors.As(err, &opErr) && opErr.Op == "dial")
}

// backoff doubles from 250ms with jitter.
func backoff(attempt int) time.Duration {
	d := 250 * time.Millisecond << (attempt - 1)
	d += rand.N(d / 4)
	return min(d, 4*time.Second)
}

// retryAfter is a server's Retry-After: the wait it asks for, and how it
// said so, for messages.
type retryAfter struct {
	set  bool
	wait time.Duration // never negative; a value too large for a Duration is the largest one
	text string        // "3600 s"
}

// maxRetryAfterDigits is as many digits of seconds as a message repeats.
const maxRetryAfterDigits = 30

// parseRetryAfter reads delay-seconds or an HTTP date. A number of seconds
// too large for a Duration means "a very long time", never a short one.
func parseRetryAfter(v string, now time.Time) retryAfter {
	v = strings.TrimSpace(v)
	if v == "" {
		return retryAfter{}
	}
	if strings.Trim(v, "0123456789") == "" {
		digits := strings.TrimLeft(v, "0")
		if digits == "" {
			digits = "0"
		}
		wait := time.Duration(math.MaxInt64)
		if s, err := strconv.ParseInt(digits, 10, 64); err == nil && s <= int64(math.MaxInt64/time.Second) {
			wait = time.Duration(s) * time.Second
		}
		if len(digits) > maxRetryAfterDigits {
			digits = "more than 1e" + strconv.Itoa(maxRetryAfterDigits)
		}
		return retryAfter{set: wait > 0, wait: wait, text: digits + " s"}
	}
	if t, err := http.ParseTime(v); err == nil {
		wait := max(t.Sub(now), 0) // Sub saturates rather than wraps
		return retryAfter{set: wait > 0, wait: wait, text: strconv.FormatInt(int64(math.Ceil(wait.Seconds())), 10) + " s"}
	}
	return retryAfter{}
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

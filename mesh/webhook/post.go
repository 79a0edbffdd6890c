package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/meshlink/meshlink/mesh"
)

// RetrySchedule is how long meshlink waits before each retry of a delivery
// that got no 2xx: five retries over about 13 minutes. Mesh documents that
// it retries, with the same EventId and a new Id, but not how often or how
// long (UNCONFIRMED); this is meshlink's own schedule.
var RetrySchedule = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute, 10 * time.Minute}

// AnswerBudget is how fast Mesh wants a 200: past it, Mesh retries.
const AnswerBudget = 200 * time.Millisecond

// attemptTimeout bounds one attempt: the endpoint's answer, body and all.
const attemptTimeout = 10 * time.Second

// CheckURL refuses a URL deliveries must not go to: anything but http(s),
// and plain http to any host but this machine (mesh.IsLoopbackHost), where
// the payload and its signature would cross the network unencrypted.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) address like http://127.0.0.1:3000/api/mesh/webhook", mesh.CleanText(raw))
	}
	if u.User != nil {
		return fmt.Errorf("%s holds a user name or password, which would show in process lists: give the address without it", mesh.CleanText(u.Redacted()))
	}
	if u.Scheme == "http" && !mesh.IsLoopbackHost(u.Hostname()) {
		return fmt.Errorf("%s uses plain http to another machine, where deliveries would travel unencrypted: use https:// (plain http is only for this machine: 127.0.0.1, [::1], localhost)", mesh.CleanText(u.Scheme+"://"+u.Host))
	}
	return nil
}

// Poster posts deliveries to one URL as Mesh does: signed, one new Id per
// attempt, the EventId kept.
type Poster struct {
	URL    string
	Secret Secret
	// Client sends the requests; it must follow no redirects (NewClient).
	Client *http.Client
	// Now stamps SentTimestamp; time.Now when nil.
	Now func() time.Time
}

// NewClient is an HTTP client that follows no redirect: Mesh's deliveries
// do not, so a redirect is an answer like any other non-2xx.
func NewClient() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Attempt is one POST of a delivery and what came back.
type Attempt struct {
	Delivery Delivery // as sent: its Id is this attempt's
	Body     []byte   // the bytes sent
	N        int      // 1 for the first attempt, 2 for the first retry …
	Status   int      // the HTTP status; 0 when no answer came
	Answer   string   // the start of the answer's body, cleaned for printing
	Took     time.Duration
	Err      error // no answer: refused, timed out, cut off
	// Last is set by Post when no attempt follows; else RetryIn is the
	// wait before the next.
	Last    bool
	RetryIn time.Duration
}

// OK reports whether the endpoint acknowledged the delivery (any 2xx; Mesh
// documents 200, and whether it takes other 2xx is UNCONFIRMED).
func (a Attempt) OK() bool { return a.Err == nil && a.Status >= 200 && a.Status < 300 }

// Attempt posts d as attempt n: a fresh Id and SentTimestamp, signed.
func (p Poster) Attempt(ctx context.Context, d Delivery, n int) Attempt {
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	d.ID = uuid.NewString()
	d.SentTimestamp = json.Number(strconv.FormatInt(now().Unix(), 10))
	body, err := json.Marshal(d)
	a := Attempt{Delivery: d, Body: body, N: n, Err: err}
	if err != nil {
		return a
	}
	ctx, cancel := context.WithTimeout(ctx, attemptTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.URL, bytes.NewReader(body))
	if err != nil {
		a.Err = err
		return a
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(SignatureHeader, p.Secret.Sign(body))
	start := time.Now()
	resp, err := p.Client.Do(req)
	if err != nil {
		a.Took, a.Err = time.Since(start), errors.Unwrap(err)
		if a.Err == nil {
			a.Err = err
		}
		return a
	}
	head, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // so the connection is kept
	resp.Body.Close()
	a.Took, a.Status, a.Answer = time.Since(start), resp.StatusCode, mesh.CleanText(string(head))
	return a
}

// Post delivers d, retrying after each wait of schedule until an attempt
// gets a 2xx, the schedule ends or ctx is done. report hears every attempt
// (Last, RetryIn set); Post returns the last.
func (p Poster) Post(ctx context.Context, d Delivery, schedule []time.Duration, report func(Attempt)) Attempt {
	for n := 1; ; n++ {
		a := p.Attempt(ctx, d, n)
		a.Last = a.OK() || n > len(schedule) || ctx.Err() != nil
		if !a.Last {
			a.RetryIn = schedule[n-1]
		}
		report(a)
		if a.Last {
			return a
		}
		t := time.NewTimer(a.RetryIn)
		select {
		case <-ctx.Done():
			t.Stop()
			return a
		case <-t.C:
		}
	}
}

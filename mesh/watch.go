package mesh

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Defaults of a TransferWatch.
const (
	DefaultWatchInterval    = 2 * time.Second
	DefaultWatchMaxInterval = 15 * time.Second
)

// TransferWatch polls the newest transfer of one transactionId until its
// status is final. Between polls it only waits on a timer: a watch of
// minutes costs a few requests and no CPU.
type TransferWatch struct {
	Client        *Client
	TransactionID string
	// Timeout bounds the whole watch; 0 leaves it to ctx.
	Timeout time.Duration
	// Interval is the first wait between polls (DefaultWatchInterval when
	// 0). While nothing changes it grows by half each poll, up to
	// MaxInterval (DefaultWatchMaxInterval when 0); a change starts it over.
	Interval, MaxInterval time.Duration
	// OnChange hears the first state seen and then each change, once:
	// ErrNoTransfer's state has a zero Transfer.
	OnChange func(TransferChange)
	// OnRetry hears a poll that failed and will be tried again after wait
	// (a network error, a 5xx, a 429 and its Retry-After).
	OnRetry func(err error, wait time.Duration)
}

// TransferChange is a state a watch saw: the transfer (zero before one
// exists) and its item as Mesh sent it.
type TransferChange struct {
	At       time.Time
	Transfer Transfer
	Raw      json.RawMessage
}

// Exists reports whether a transfer was listed.
func (c TransferChange) Exists() bool { return c.Transfer.ID != "" }

// WatchTimeoutError is a watch that ran out of time before the transfer's
// status was final. Last is the last state seen, if any.
type WatchTimeoutError struct {
	TransactionID string
	Timeout       time.Duration
	Last          *TransferChange
	// Cause is why the time ran out early: a Retry-After past the time
	// left, or the last poll's error.
	Cause error
}

func (e *WatchTimeoutError) Error() string {
	state := "no transfer was listed for it"
	if e.Last != nil && e.Last.Exists() {
		state = "the transfer is still " + CleanText(string(e.Last.Transfer.Status))
	}
	msg := fmt.Sprintf("watch transactionId %q: timed out after %s: %s", CleanText(e.TransactionID), e.Timeout, state)
	if e.Cause != nil {
		msg += " (" + firstLine(e.Cause.Error()) + ")"
	}
	return msg + "\nWatch again later, or allow more time."
}

// Run polls until the transfer's status is final and returns the last
// state. A final failed status is not an error: the caller decides what it
// means.
func (w *TransferWatch) Run(ctx context.Context) (TransferChange, error) {
	start := w.Client.now()
	if w.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.Timeout)
		defer cancel()
	}
	first, most := w.Interval, w.MaxInterval
	if first <= 0 {
		first = DefaultWatchInterval
	}
	if most <= 0 {
		most = DefaultWatchMaxInterval
	}
	most = max(most, first)
	// each poll is one try: the watch does its own waiting, within its own time
	poller := *w.Client
	poller.MaxAttempts, poller.OnRetry = 1, nil

	var last *TransferChange
	wait := first
	timedOut := func(cause error) error {
		d := w.Timeout
		if d <= 0 {
			d = w.Client.now().Sub(start).Round(time.Second)
		}
		return &WatchTimeoutError{TransactionID: w.TransactionID, Timeout: d, Last: last, Cause: cause}
	}
	for {
		poller.Timeout = w.Client.Timeout
		if deadline, ok := ctx.Deadline(); ok {
			left := time.Until(deadline)
			if poller.Timeout <= 0 || poller.Timeout > left {
				poller.Timeout = max(left, time.Millisecond)
			}
		}
		t, raw, err := poller.LatestTransfer(ctx, w.TransactionID)
		if errors.Is(err, ErrNoTransfer) {
			err = nil
		}
		switch {
		case err == nil:
			if ChangeState(last, t) {
				last = &TransferChange{At: w.Client.now(), Transfer: t, Raw: raw}
				if w.OnChange != nil {
					w.OnChange(*last)
				}
				if t.Status.Final() {
					return *last, nil
				}
				wait = first
			}
		case ctx.Err() != nil:
			return w.ended(ctx, last, timedOut, err)
		case !retryable(err):
			return TransferChange{}, err
		default:
			var apiErr *APIError
			retryAfter := errors.As(err, &apiErr) && apiErr.RetryAfter > 0
			pause := wait
			if retryAfter {
				pause = apiErr.RetryAfter
				if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < pause {
					return TransferChange{}, timedOut(&RetryAfterError{Err: err, After: pause.Round(time.Second).String(), Timeout: w.Timeout})
				}
			}
			if w.OnRetry != nil {
				w.OnRetry(err, pause)
			}
			if err := w.Client.sleep(ctx, pause); err != nil {
				return w.ended(ctx, last, timedOut, nil)
			}
			if !retryAfter {
				wait = min(wait*3/2, most)
			}
			continue
		}
		if err := w.Client.sleep(ctx, wait); err != nil {
			return w.ended(ctx, last, timedOut, nil)
		}
		wait = min(wait*3/2, most)
	}
}

// ended is the watch's end when ctx is done: interrupted, or out of time.
func (w *TransferWatch) ended(ctx context.Context, last *TransferChange, timedOut func(error) error, cause error) (TransferChange, error) {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return TransferChange{}, timedOut(cause)
	}
	return TransferChange{}, fmt.Errorf("watch transactionId %q: %w", CleanText(w.TransactionID), ctx.Err())
}

// ChangeState reports whether t is a new state after last: the first state,
// another transfer, or another status.
func ChangeState(last *TransferChange, t Transfer) bool {
	return last == nil || last.Transfer.ID != t.ID || !strings.EqualFold(string(last.Transfer.Status), string(t.Status))
}

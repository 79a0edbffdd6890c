package try

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// Goal is what a Link session is for, by the token's use case; "" when the
// use case is not known (a token given as it is).
type Goal struct{ UseCase mesh.UseCase }

func (g Goal) transfers() bool { return g.UseCase.TransferType() != "" }

// String says what reaching the goal takes.
func (g Goal) String() string {
	switch {
	case g.UseCase == "":
		return "a transfer finished with success, a wallet verified or an integration connected"
	case g.transfers() && g.UseCase.Verifies():
		return "a wallet verified and a transfer finished with success"
	case g.transfers():
		return "a transfer finished with success"
	case g.UseCase.Verifies():
		return "a wallet verified"
	}
	return "an integration connected"
}

// Progress is what a session has done so far.
type Progress struct {
	Connected   bool
	Transferred bool   // a transfer finished with a success status
	Status      string // the last transfer-finished status
	Verified    bool   // walletMessageSigned with isVerified
	Exited      bool
	ExitError   string
	ExitPage    string // the session summary's page when Link closed
}

// Add takes in one callback.
func (p *Progress) Add(e Event) {
	f := e.Fields()
	switch e.Callback {
	case IntegrationConnected:
		p.Connected = true
	case TransferFinished:
		p.Status = f.Status
		p.Transferred = p.Transferred || Succeeded(f.Status)
	case OnEvent:
		p.Verified = p.Verified || f.Verified
	case Exit:
		p.Exited, p.ExitError, p.ExitPage = true, f.ErrorMessage, f.Page
	}
}

// Reached reports whether p reached g.
func (p Progress) Reached(g Goal) bool {
	switch {
	case g.UseCase == "":
		return p.Transferred || p.Verified || p.Connected
	case g.transfers() && g.UseCase.Verifies():
		return p.Transferred && p.Verified
	case g.transfers():
		return p.Transferred
	case g.UseCase.Verifies():
		return p.Verified
	}
	return p.Connected
}

// End says how a run ended.
type End string

const (
	LinkClosed  End = "linkClosed"
	NoSDK       End = "sdkFailed"
	PageGone    End = "pageClosed"
	TimedOut    End = "timedOut"
	Interrupted End = "interrupted"
)

// Outcome is how a run ended and whether it reached its goal.
type Outcome struct {
	Progress
	Goal    Goal
	End     End
	Detail  string // why the SDK failed
	Timeout time.Duration
	Reached bool
}

// Summary is the run's last word, for the terminal.
func (o Outcome) Summary() string {
	what := "the goal"
	if o.Goal.UseCase != "" {
		what = "the " + o.Goal.UseCase.Title() + " goal"
	}
	switch o.End {
	case NoSDK:
		return "the page could not load Mesh's web SDK: " + o.Detail
	case PageGone:
		return "the page was closed before Link was; " + what + " (" + o.Goal.String() + ") was not reached"
	case TimedOut:
		return fmt.Sprintf("Link did not close within %s (--timeout); %s (%s) was not reached", o.Timeout, what, o.Goal)
	case Interrupted:
		return "interrupted"
	}
	page := ""
	if o.ExitPage != "" {
		page = " on " + o.ExitPage
	}
	switch {
	case o.Reached:
		return fmt.Sprintf("Link closed%s: %s was reached (%s)", page, what, o.Goal)
	case o.ExitError != "":
		return fmt.Sprintf("Link closed with an error%s: %s; %s (%s) was not reached", page, strings.TrimRight(o.ExitError, ". "), what, o.Goal)
	case o.Status != "":
		return fmt.Sprintf("Link closed%s after a transfer finished with status %q; %s (%s) was not reached", page, o.Status, what, o.Goal)
	}
	return fmt.Sprintf("Link closed%s before %s (%s) was reached", page, what, o.Goal)
}

// Watch follows the page until Link closes, the page gives up or goes
// away, ctx ends, or timeout passes (0: no limit). handle sees every
// update as it comes.
func Watch(ctx context.Context, updates <-chan Update, goal Goal, timeout time.Duration, handle func(Update)) Outcome {
	o := Outcome{Goal: goal, Timeout: timeout}
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	for {
		select {
		case <-ctx.Done():
			o.End = Interrupted
			return o
		case <-expired:
			o.End = TimedOut
			return o
		case u := <-updates:
			if handle != nil {
				handle(u)
			}
			if o.Take(u) {
				return o
			}
		}
	}
}

// Take adds u to o and reports whether the run has ended.
func (o *Outcome) Take(u Update) bool {
	if e := u.Event; e != nil {
		o.Progress.Add(*e)
		o.Reached = o.Progress.Reached(o.Goal)
		if o.Exited {
			o.End = LinkClosed
			return true
		}
		return false
	}
	switch n := u.Notice; n.Kind {
	case SDKFailed:
		o.End, o.Detail = NoSDK, n.Detail
		return true
	case PageClosed:
		o.End = PageGone
		return true
	}
	return false
}

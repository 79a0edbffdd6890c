package wizard

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/meshlink/meshlink/mesh"
)

// How often the result screen asks for the token's transfer: now and then
// while it only shows it, often while v watches, and less often each time
// nothing changes.
const (
	glanceInterval    = 10 * time.Second
	glanceMaxInterval = time.Minute
)

// transferStatus is the transfer of the result's transactionId, looked up
// in the background while the screen shows: nothing before one exists,
// then its status; v watches it live, listing each change with its time.
type transferStatus struct {
	txID     string
	env      mesh.Environment
	gen      int // a poll of an older generation is dropped
	watching bool
	wait     time.Duration
	last     *mesh.TransferChange
	changes  []mesh.TransferChange // seen while watching
	err      error                 // the last poll's, shown while watching
}

// transferPollMsg: time to ask again. transferPolledMsg: the answer.
type (
	transferPollMsg   struct{ gen int }
	transferPolledMsg struct {
		gen int
		t   mesh.Transfer
		raw []byte
		err error
	}
)

func (ts *transferStatus) intervals() (first, most time.Duration) {
	if ts.watching {
		return mesh.DefaultWatchInterval, mesh.DefaultWatchMaxInterval
	}
	return glanceInterval, glanceMaxInterval
}

// start begins a chain of polls, the first at once; any older chain ends.
func (ts *transferStatus) start(s *session) tea.Cmd {
	if !s.o.LookUp || ts.txID == "" || s.o.Connect == nil || s.needsKeys(ts.env) || ts.final() {
		return nil
	}
	ts.gen++
	ts.wait, _ = ts.intervals()
	return ts.poll(s)
}

// stop ends the chain (the screen is left).
func (ts *transferStatus) stop() { ts.gen++ }

func (ts *transferStatus) final() bool { return ts.last != nil && ts.last.Transfer.Status.Final() }

func (ts *transferStatus) poll(s *session) tea.Cmd {
	gen, t, txID, ctx, connect := ts.gen, s.target(ts.env), ts.txID, s.ctx, s.o.Connect
	return func() tea.Msg {
		c, err := connect(t)
		if err != nil {
			return transferPolledMsg{gen: gen, err: err}
		}
		c.MaxAttempts = 1 // the next poll is the retry
		callCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		t, raw, err := c.LatestTransfer(callCtx, txID)
		return transferPolledMsg{gen: gen, t: t, raw: raw, err: err}
	}
}

// update takes the chain's messages; it reports whether msg was one.
func (ts *transferStatus) update(s *session, msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case transferPollMsg:
		if msg.gen != ts.gen || ts.final() {
			return nil, true
		}
		return ts.poll(s), true
	case transferPolledMsg:
		if msg.gen != ts.gen {
			return nil, true
		}
		return ts.polled(s, msg), true
	}
	return nil, false
}

func (ts *transferStatus) polled(s *session, msg transferPolledMsg) tea.Cmd {
	first, most := ts.intervals()
	var apiErr *mesh.APIError
	switch {
	case errors.Is(msg.err, mesh.ErrNoTransfer):
		ts.err = nil
	case msg.err != nil:
		ts.err = msg.err
		if errors.As(msg.err, &apiErr) && apiErr.RetryAfter > 0 {
			return s.after(apiErr.RetryAfter, transferPollMsg{ts.gen})
		}
	default:
		ts.err = nil
		if mesh.ChangeState(ts.last, msg.t) {
			c := mesh.TransferChange{At: s.o.Now(), Transfer: msg.t, Raw: msg.raw}
			ts.last = &c
			if ts.watching {
				ts.changes = append(ts.changes, c)
			}
			ts.wait = first
			if c.Transfer.Status.Final() {
				ts.watching = false
				return nil
			}
			return s.after(ts.wait, transferPollMsg{ts.gen})
		}
	}
	wait := ts.wait
	ts.wait = min(ts.wait*3/2, most)
	return s.after(wait, transferPollMsg{ts.gen})
}

// watch turns live watching on or off; on, it polls at once.
func (ts *transferStatus) watch(s *session) tea.Cmd {
	if ts.watching {
		ts.watching = false
		ts.gen++
		ts.wait, _ = ts.intervals()
		return s.after(ts.wait, transferPollMsg{ts.gen})
	}
	ts.watching = true
	ts.changes = nil
	if ts.last != nil {
		ts.changes = append(ts.changes, *ts.last)
	}
	ts.err = nil
	return ts.start(s)
}

// watch is v on the result screen.
func (r *resultScreen) watch() tea.Cmd {
	s := r.s
	if r.transfer.final() {
		s.say(statusInfo, "the transfer is "+string(r.transfer.last.Transfer.Status)+": it will not change")
		return nil
	}
	if s.needsKeys(r.env) {
		s.say(statusWarn, "watching the transfer needs Mesh keys for "+string(r.env)+": ctrl+e to enter them")
		return nil
	}
	cmd := r.transfer.watch(s)
	if r.transfer.watching {
		s.say(statusInfo, "watching the transfer of transactionId "+r.txID+" (v stops)")
	} else {
		s.say(statusInfo, "stopped watching; the status is still looked up now and then")
	}
	return cmd
}

// transferLines say what became of the token: nothing until a transfer
// exists (unless v watches), then its status; while watching, each change
// with its time.
func (r *resultScreen) transferLines(w int) []string {
	st, ts := r.s.st, &r.transfer
	var lines []string
	switch {
	case ts.last != nil:
		t := ts.last.Transfer
		style := st.bold
		switch {
		case t.Status.Is(mesh.TransferSucceeded):
			style = st.ok
		case t.Status.Is(mesh.TransferFailed):
			style = st.warn
		}
		line := st.dim.Render("transfer      ") + style.Render(mesh.CleanText(string(t.Status)))
		if t.Hash != "" {
			line += st.dim.Render(" · hash ") + mesh.CleanText(t.Hash)
		}
		lines = append(lines, ansi.Truncate(line, w, "…"))
	case ts.watching:
		lines = append(lines, st.dim.Render("transfer      none yet: one appears once the user confirms in Link"))
	}
	if ts.watching || len(ts.changes) > 1 {
		for _, c := range ts.changes {
			lines = append(lines, st.dim.Render("  "+c.At.Format("15:04:05")+"  ")+mesh.CleanText(string(c.Transfer.Status)))
		}
	}
	if ts.watching && ts.err != nil {
		lines = append(lines, st.warn.Render(ansi.Truncate("  the last look failed: "+strings.ReplaceAll(ts.err.Error(), "\n", " "), w, "…")))
	}
	return lines
}

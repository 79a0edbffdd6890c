package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/presets/history"
)

// historyLog is where fetches are recorded; ok is false when
// MESHLINK_HISTORY=off (or 0, false, no) turns the history off.
func historyLog(app *App) (log history.Log, ok bool, err error) {
	switch strings.ToLower(strings.TrimSpace(app.Getenv("MESHLINK_HISTORY"))) {
	case "off", "0", "false", "no":
		return history.Log{}, false, nil
	}
	dir, err := presets.StateDir(app.Getenv)
	if err != nil {
		return history.Log{}, false, err
	}
	return history.Log{Dir: dir}, true, nil
}

// recordFetches makes the hook that writes each fetch of cl to the history,
// in the background: the token is printed (or handed to the wizard) at once,
// whatever the history does. A write that fails, or is not done when the run
// ends, costs a warning then (connector.Close), never the token. inProcess
// says the client's server is the run's own demo server.
func (c *connector) recordFetches(source string, env mesh.Environment, cl *mesh.Client, inProcess bool) func(*mesh.LinkTokenRequest, *mesh.LinkToken, error) {
	return func(r *mesh.LinkTokenRequest, tok *mesh.LinkToken, fetchErr error) {
		entry := history.NewEntry(history.Fetch{
			Time: c.app.Now(), Source: source, Version: c.app.Version, Environment: env, Host: cl.Host(),
			Request: r, Token: tok, Err: fetchErr, InProcessDemo: inProcess,
		})
		c.writes.start(func() error {
			log, ok, err := historyLog(c.app)
			if !ok || err != nil {
				return err
			}
			log.LockWait = c.historyLockWait
			return log.Append(entry)
		})
	}
}

// historyWait bounds how long the end of a run waits for its history
// writes: past the wait for another meshlink's lock, with room for a trim.
const historyWait = 5 * time.Second

// interruptGrace is how long a run stopped with ctrl+c still waits for a
// history write under way.
const interruptGrace = time.Second

// historyWrites are the history writes of one run, each in a goroutine.
type historyWrites struct {
	wg      sync.WaitGroup
	mu      sync.Mutex
	pending int
	errs    []error
}

func (h *historyWrites) start(write func() error) {
	h.wg.Add(1)
	h.mu.Lock()
	h.pending++
	h.mu.Unlock()
	go func() {
		defer h.wg.Done()
		err := write()
		h.mu.Lock()
		defer h.mu.Unlock()
		h.pending--
		if err != nil {
			h.errs = append(h.errs, err)
		}
	}()
}

// wait waits for the writes started, at most limit, or interruptGrace more
// once ctx ends (ctrl+c), and returns what kept any from the history.
func (h *historyWrites) wait(ctx context.Context, limit time.Duration) []error {
	done := make(chan struct{})
	go func() {
		h.wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	var late error
	select {
	case <-done:
	case <-timer.C:
		late = fmt.Errorf("the history was still being written after %s; it may lack this run's fetch", limit)
	case <-ctx.Done():
		// a write under way usually ends in milliseconds: a short grace keeps
		// the fetch of a run stopped with ctrl+c (try, a slow wizard exit)
		// in the history, and keeps its file from being written after the run
		grace := time.NewTimer(interruptGrace)
		defer grace.Stop()
		select {
		case <-done:
		case <-grace.C:
			late = errors.New("interrupted while the history was being written; it may lack this run's fetch")
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if late != nil && h.pending > 0 { // a write that ended as the wait did is not late
		return append(h.errs, late)
	}
	return h.errs
}

type historyOptions struct {
	json   bool
	n      int
	status bool
	// nGiven is -n on the command line: the user chose how many, so no
	// footer says there are more.
	nGiven bool
}

func newHistoryCmd(app *App, g *globalFlags) *cobra.Command {
	o := &historyOptions{}
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List the link tokens fetched on this machine, newest first (never the tokens themselves)",
		Long: `List the fetches meshlink made from this machine, the CLI's and the wizard's,
newest first: when, where, which use case, user and transaction, and whether
the token is still live or, for a failure, Mesh's status, errorType and
errorHash. The history never holds a token, a pay link or a credential.

--status adds each token's transfer, looked up at the run's host (--env,
--base-url): Mesh's status, "none yet" before the user confirms in Link,
"-" for a fetch from elsewhere, "?" when the lookup failed. Each
transactionId is asked once, a few at a time, and answers are cached
briefly (final ones for an hour, others for 30 s).

It lives in $MESHLINK_STATE_DIR/history.jsonl (else
$XDG_STATE_HOME/meshlink, else ~/.local/state/meshlink), keeps the last 1,000
fetches, and is turned off by MESHLINK_HISTORY=off.
'meshlink report N' turns entry N into a report for Mesh support.`,
		Example: "  meshlink history\n  meshlink history --status\n  meshlink history -n 5 --json | jq '.[0].transactionId'\n  meshlink report 1",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.nGiven = cmd.Flags().Changed("number")
			return runHistory(cmd.Context(), app, g, o)
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print JSON: the entries as stored, each with its number n")
	cmd.Flags().BoolVar(&o.status, "status", false, "also look up the transfer of each token with a transactionId (at the run's host: --env, --base-url)")
	cmd.Flags().IntVarP(&o.n, "number", "n", 20, "show the newest N entries (0: all)")
	return cmd
}

// readHistory reads the history for history and report, saying on stderr
// what the user should know about it.
func readHistory(app *App, g *globalFlags) ([]history.Entry, history.Log, error) {
	log, ok, err := historyLog(app)
	if err != nil {
		return nil, log, err
	}
	if !ok {
		g.note(app, "MESHLINK_HISTORY is off: fetches are not recorded")
		if log, _, err = historyLogIgnoringSwitch(app); err != nil {
			return nil, log, err
		}
	}
	entries, skipped, err := log.Read()
	if skipped > 0 {
		g.note(app, "warning: skipped %s of %s that could not be read", plural(skipped, "line"), log.Path())
	}
	return entries, log, err
}

func historyLogIgnoringSwitch(app *App) (history.Log, bool, error) {
	dir, err := presets.StateDir(app.Getenv)
	return history.Log{Dir: dir}, true, err
}

type numberedEntry struct {
	N int `json:"n"`
	history.Entry
	Transfer *transferJSON `json:"transfer,omitempty"` // with --status
}

func runHistory(ctx context.Context, app *App, g *globalFlags, o *historyOptions) error {
	if o.n < 0 {
		return usagef("-n %d: give a count of entries, or 0 for all", o.n)
	}
	entries, log, err := readHistory(app, g)
	if err != nil {
		return err
	}
	total := len(entries)
	if o.n > 0 && len(entries) > o.n {
		entries = entries[:o.n]
	}
	var found *transferLookups
	if o.status {
		if found, err = lookupTransfers(ctx, app, g, entries); err != nil {
			return err
		}
		defer found.say(app, g)
	}
	if o.json {
		out := make([]numberedEntry, len(entries))
		for i, e := range entries {
			out[i] = numberedEntry{N: i + 1, Entry: e}
			if found != nil {
				out[i].Transfer = found.json(e)
			}
		}
		return writeJSON(app, out)
	}
	if total == 0 {
		g.note(app, "no fetches recorded yet in %s", log.Path())
		return nil
	}
	now := app.Now()
	cols := historyColumns
	if found != nil {
		cols = append(slices.Clone(cols), column{header: "TRANSFER", keep: 85, cut: 12, paint: transferStyle})
	}
	rows := make([][]string, len(entries))
	for i, e := range entries {
		rows[i] = []string{strconv.Itoa(i + 1), e.Time.In(now.Location()).Format("2006-01-02 15:04"),
			cell(string(e.Environment), 12), cell(string(e.UseCase), 16), cell(e.UserID, 300), cell(e.TransactionID, 128), result(e, now)}
		if found != nil {
			rows[i] = append(rows[i], found.transferCell(e))
		}
	}
	left, err := fitTable(app.Out, app.TerminalWidth, cols, rows)
	if err != nil {
		return err
	}
	if len(left) > 0 {
		g.note(app, "left out for the terminal's width: %s (--json has every field)", strings.ToLower(strings.Join(left, ", ")))
	}
	if len(entries) < total && !o.nGiven {
		g.note(app, "the newest %d of %d; -n 0 shows all", len(entries), total)
	}
	return nil
}

// historyColumns: the number, the result and when stay longest; the user and
// transaction ids are cut before any column goes.
var historyColumns = []column{
	{header: "#", keep: 100},
	{header: "TIME", keep: 80},
	{header: "ENV", keep: 60},
	{header: "USE CASE", keep: 70},
	{header: "USER", keep: 40, cut: 10},
	{header: "TRANSACTION", keep: 50, cut: 10},
	{header: "RESULT", keep: 90, cut: len("in-process demo ended"), paint: resultStyle}, // said whole; "live, 9 minutes left, pay link" loses its end first
}

// cell is a value for the table: cleaned, at most max characters, "-" when empty.
func cell(s string, max int) string {
	s = mesh.CleanText(s)
	if s == "" {
		return "-"
	}
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// resultStyle colours result's first word.
func resultStyle(result string) style {
	switch {
	case strings.HasPrefix(result, "live"):
		return good
	case strings.HasPrefix(result, "failed"):
		return bad
	}
	return faint // expired, demo ended
}

// result says at a glance how a fetch ended: live, expired or its demo
// server gone, or why not.
func result(e history.Entry, now time.Time) string {
	if e.OK {
		s := "expired"
		switch {
		case e.Ended(now):
			s = "in-process demo ended"
		case !e.Expired(now):
			s = "live, " + humanAge(e.ExpiresAt.Sub(now)) + " left"
		}
		if e.PayLink {
			s += ", pay link"
		}
		return s
	}
	var parts []string
	if e.Status > 0 {
		parts = append(parts, "HTTP "+strconv.Itoa(e.Status))
	}
	if e.ErrorType != "" {
		parts = append(parts, e.ErrorType)
	}
	if e.ErrorHash != "" {
		parts = append(parts, "errorHash "+e.ErrorHash)
	}
	if e.Status == 0 {
		parts = append(parts, cell(e.Message, 50))
	}
	return "failed: " + strings.Join(parts, ", ")
}

func newReportCmd(app *App, g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "report [N]",
		Short: "Print a redacted report of history entry N (default 1, the newest) for Mesh support",
		Long: `Print what Mesh support asks for about one fetch from 'meshlink history':
meshlink's version, the OS, the environment and host, the request body (userId
masked), for a failure the HTTP status, errorType, errorHash and message, and
for a token with a transactionId its transfer as Mesh lists it now.
It holds no token, pay link or credential: paste it into a support ticket.`,
		Example: "  meshlink history\n  meshlink report 3 | pbcopy",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("report takes one entry number from 'meshlink history'")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			n := 1
			if len(args) == 1 {
				var err error
				if n, err = strconv.Atoi(args[0]); err != nil || n < 1 {
					return usagef("report %q: give an entry number from 'meshlink history', like 1 for the newest", args[0])
				}
			}
			return runReport(cmd.Context(), app, g, n)
		},
	}
}

func runReport(ctx context.Context, app *App, g *globalFlags, n int) error {
	entries, log, err := readHistory(app, g)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return usagef("no fetches recorded yet in %s", log.Path())
	}
	if n > len(entries) {
		return usagef("no entry %d: the history holds %d; see 'meshlink history -n 0'", n, len(entries))
	}
	e := entries[n-1]
	var b strings.Builder
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%-15s %s\n", k+":", mesh.CleanText(v))
		}
	}
	b.WriteString("meshlink report for Mesh support (no token, pay link or credential is in it; userId masked)\n\n")
	version := e.Version
	if version != app.Version {
		version = strings.TrimSpace(version + " (now " + app.Version + ")")
	}
	row("meshlink", version)
	row("os", runtime.GOOS+"/"+runtime.GOARCH)
	row("time", e.Time.UTC().Format(time.RFC3339))
	row("source", e.Source)
	row("environment", string(e.Environment))
	row("host", e.Host)
	row("use case", string(e.UseCase))
	row("userId", maskUserID(e.UserID))
	row("transactionId", e.TransactionID)
	if e.OK {
		expires := ""
		if e.ExpiresAt != nil {
			expires = " (expires " + e.ExpiresAt.UTC().Format(time.RFC3339) + ")"
		}
		row("result", "ok: a link token was issued"+expires)
		if e.Ended(app.Now()) {
			row("demo server", "ran inside the meshlink run that fetched the token and ended with it: the token opens nothing now")
		}
		if e.PayLink {
			row("pay link", "issued (not shown)")
		}
	} else {
		status := "no HTTP answer"
		if e.Status > 0 {
			status = fmt.Sprintf("HTTP %d", e.Status)
		}
		row("result", "failed: "+status)
		row("errorType", e.ErrorType)
		row("errorHash", e.ErrorHash)
		row("message", maskUserIDIn(e.Message, e.UserID))
	}
	if e.TransactionID != "" && e.OK {
		found, err := lookupTransfers(ctx, app, g, []history.Entry{e})
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			row("transfer", "not looked up: "+firstLine(err.Error()))
		default:
			row("transfer", found.report(e))
		}
	}
	if body := reportBody(e); body != "" {
		b.WriteString("request body:\n" + body)
	}
	_, err = fmt.Fprint(app.Out, b.String())
	return err
}

// reportBody is the body that was sent, indented, with the userId masked.
func reportBody(e history.Entry) string {
	raw := []byte(e.Request)
	if len(raw) == 0 {
		return ""
	}
	if e.UserID != "" {
		id, _ := json.Marshal(e.UserID)
		masked, _ := json.Marshal(maskUserID(e.UserID))
		raw = bytes.Replace(raw, append([]byte(`"userId":`), id...), append([]byte(`"userId":`), masked...), 1)
	}
	var out bytes.Buffer
	if json.Indent(&out, raw, "", "  ") != nil {
		return ""
	}
	return out.String() + "\n"
}

// maskUserID keeps enough of a userId to match it, not enough to read it.
func maskUserID(id string) string {
	r := []rune(id)
	switch {
	case len(r) == 0:
		return ""
	case len(r) <= 4:
		return strings.Repeat("*", len(r))
	}
	return string(r[:2]) + strings.Repeat("*", len(r)-4) + string(r[len(r)-2:])
}

// maskUserIDIn masks id where it stands as a word of its own in text, as an
// API's message may name the user.
func maskUserIDIn(text, id string) string {
	if id == "" {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, id)
		if i < 0 {
			break
		}
		before, after := text[:i], text[i+len(id):]
		b.WriteString(before)
		if endsInWord(before) || startsWithWord(after) {
			b.WriteString(id)
		} else {
			b.WriteString(maskUserID(id))
		}
		text = after
	}
	b.WriteString(text)
	return b.String()
}

func isWordRune(r rune) bool {
	return r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func endsInWord(s string) bool {
	r, n := utf8.DecodeLastRuneInString(s)
	return n > 0 && isWordRune(r)
}

func startsWithWord(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n > 0 && isWordRune(r)
}

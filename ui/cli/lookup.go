package cli

import (
	"context"
	"fmt"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets"
	"github.com/meshlink/meshlink/presets/history"
)

// transferLookups are the transfers found for history entries: by
// transactionId, at the run's host.
type transferLookups struct {
	host  string
	found map[string]mesh.Found
	// elsewhere counts the entries with a transactionId fetched from
	// another host, not looked up.
	elsewhere int
}

// of is what was found for e; ok is false when e was not looked up (no
// transactionId, a failed fetch, another host).
func (l *transferLookups) of(e history.Entry) (mesh.Found, bool) {
	if l == nil || e.TransactionID == "" || !e.OK || e.Host != l.host {
		return mesh.Found{}, false
	}
	f, ok := l.found[e.TransactionID]
	return f, ok
}

// lookupTransfers finds the newest transfer of each entry that fetched a
// token with a transactionId from the run's host (--env/--base-url, or the
// default): each transactionId once, a few at a time, through the cache
// (mesh.TransferLookup).
func lookupTransfers(ctx context.Context, app *App, g *globalFlags, entries []history.Entry) (*transferLookups, error) {
	if !hasTransactionID(entries) {
		return &transferLookups{}, nil
	}
	conn := &connector{app: app, g: g}
	defer conn.Close()
	t, err := resolveTarget(app, g)
	if err != nil {
		return nil, err
	}
	cl, err := conn.client(t)
	if err != nil {
		return nil, err
	}
	cl.MaxAttempts = 2 // a status column is not worth a long wait
	l := &transferLookups{host: cl.Host()}
	var ids []string
	for _, e := range entries {
		switch {
		case e.TransactionID == "" || !e.OK:
		case e.Host != l.host:
			l.elsewhere++
		default:
			ids = append(ids, e.TransactionID)
		}
	}
	var cache *mesh.TransferCache
	if dir, err := presets.CacheDir(app.Getenv); err == nil {
		cache = mesh.OpenTransferCache(dir, app.Now)
	}
	l.found = (&mesh.TransferLookup{Client: cl, Cache: cache}).Lookup(ctx, ids)
	if err := cache.Save(); err != nil {
		g.note(app, "warning: the transfer statuses were not cached: %v", err)
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return l, nil
}

func hasTransactionID(entries []history.Entry) bool {
	for _, e := range entries {
		if e.TransactionID != "" && e.OK {
			return true
		}
	}
	return false
}

// say notes on stderr what the user should know of the lookups: those
// that failed, those not made.
func (l *transferLookups) say(app *App, g *globalFlags) {
	failed, first := 0, ""
	for _, f := range l.found {
		if f.Err != nil {
			failed++
			if first == "" {
				first = firstLine(f.Err.Error())
			}
		}
	}
	if failed > 0 {
		g.note(app, "could not look up %s (shown as ?): %s", plural(failed, "transactionId"), first)
	}
	if l.elsewhere > 0 {
		g.note(app, "%s fetched from hosts other than %s not looked up (shown as -): --env or --base-url picks where to look", plural(l.elsewhere, "entry"), l.host)
	}
}

// transferCell is an entry's transfer for the history's table.
func (l *transferLookups) transferCell(e history.Entry) string {
	f, ok := l.of(e)
	switch {
	case !ok:
		return "-"
	case f.Err != nil:
		return "?"
	case f.Transfer == nil:
		return "none yet"
	}
	return cell(string(f.Transfer.Status), 20)
}

// transferJSON is an entry's transfer in history --json.
type transferJSON struct {
	Status string `json:"status"` // Mesh's, or "none" when there is no transfer yet
	ID     string `json:"id,omitempty"`
	Hash   string `json:"hash,omitempty"`
	Error  string `json:"error,omitempty"`
}

func (l *transferLookups) json(e history.Entry) *transferJSON {
	f, ok := l.of(e)
	switch {
	case !ok:
		return nil
	case f.Err != nil:
		return &transferJSON{Status: "unknown", Error: firstLine(f.Err.Error())}
	case f.Transfer == nil:
		return &transferJSON{Status: "none"}
	}
	return &transferJSON{Status: string(f.Transfer.Status), ID: f.Transfer.ID, Hash: f.Transfer.Hash}
}

// report is the entry's transfer for a support report.
func (l *transferLookups) report(e history.Entry) string {
	f, ok := l.of(e)
	switch {
	case e.TransactionID == "" || !e.OK:
		return ""
	case !ok:
		return fmt.Sprintf("not looked up: fetched from %s, not %s (--env or --base-url picks where)", e.Host, l.host)
	case f.Err != nil:
		return "not looked up: " + firstLine(f.Err.Error())
	case f.Transfer == nil:
		return "none yet (Mesh lists no transfer for this transactionId)"
	}
	t := f.Transfer
	s := fmt.Sprintf("%s (Mesh's transfer id %s", t.Status, t.ID)
	if t.Hash != "" {
		s += ", hash " + t.Hash
	}
	return s + ")"
}

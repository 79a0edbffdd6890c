package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/presets/history"
)

// writeHistory writes entries, oldest first, as the history file of app.
func writeHistory(t *testing.T, app *App, entries []history.Entry) {
	t.Helper()
	var b strings.Builder
	for _, e := range entries {
		line, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	dir := app.Getenv("MESHLINK_STATE_DIR")
	if err := os.WriteFile(filepath.Join(dir, history.FileName), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// statusByTransaction answers each transactionId's transfer: tx-…0 has
// none, tx-…1 is pending, the rest succeeded.
func statusByTransaction(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("ClientTransactionId")
	switch {
	case strings.HasSuffix(id, "0"):
		transferIn("")(w, r)
	case strings.HasSuffix(id, "1"):
		listOf(`{"id":"t-`+id+`","clientTransactionId":"`+id+`","status":"pending"}`)(w, r)
	default:
		listOf(`{"id":"t-`+id+`","clientTransactionId":"`+id+`","status":"succeeded","hash":"0xfeed"}`)(w, r)
	}
}

func TestHistoryStatusAsksOncePerTransaction(t *testing.T) {
	srv := newMeshServer(t, statusByTransaction)
	app, out, errb, base := meshApp(t, srv)
	var entries []history.Entry
	for i := range 1000 {
		e := history.Entry{Time: fixedNow.Add(-time.Duration(1000-i) * time.Minute), Environment: mesh.EnvCustom, Host: srv.URL, UseCase: mesh.UseDeposit,
			TransactionID: fmt.Sprintf("tx-%03d", i%100), OK: true}
		switch i {
		case 990:
			e.Host = "https://elsewhere.example.com"
		case 991:
			e.OK, e.Status = false, 400
		case 992:
			e.TransactionID = ""
		}
		entries = append(entries, e)
	}
	writeHistory(t, app, entries)
	if err := run(t, app, append(base, "history", "--status", "-n", "0")...); err != nil {
		t.Fatalf("%v\n%s", err, errb)
	}
	if n := len(srv.calls()); n > 100 {
		t.Errorf("%d requests for 1,000 entries of 100 transactions, want at most 100", n)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1001 || !strings.HasSuffix(lines[0], "TRANSFER") {
		t.Fatalf("%d lines, header %q", len(lines), lines[0])
	}
	// newest first: entry n is i=1000-n: 8 has no transactionId, 9 failed,
	// 10 went elsewhere, 100 is tx-000 (no transfer), 99 tx-001 (pending).
	// None has an expiry, as in a file edited by hand.
	for n, want := range map[int]string{1: "  succeeded", 8: "  -", 9: "  -", 10: "  -", 11: "  succeeded", 100: "  none yet", 99: "  pending"} {
		if !strings.HasSuffix(lines[n], want) {
			t.Errorf("entry %d: %q, want its transfer %q", n, lines[n], want)
		}
	}
	if !strings.Contains(errb.String(), "1 entry fetched from hosts other than "+srv.URL+" not looked up (shown as -)") {
		t.Errorf("stderr: %s", errb)
	}

	// again at once: the final ones come from the cache
	before := len(srv.calls())
	out.Reset()
	if err := run(t, app, append(base, "history", "--status", "--json", "-n", "3")...); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.calls()) - before; n != 0 {
		t.Errorf("%d requests at once after: the cache holds every answer for 30 s at least", n)
	}
	var got []numberedEntry
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil || len(got) != 3 {
		t.Fatalf("%v\n%s", err, out)
	}
	if tr := got[0].Transfer; tr == nil || tr.Status != "succeeded" || tr.ID != "t-tx-099" || tr.Hash != "0xfeed" {
		t.Errorf("--json transfer %+v", got[0].Transfer)
	}
}

func TestHistoryStatusOfflineSaysSoOnce(t *testing.T) {
	srv := newMeshServer(t, statusByTransaction)
	app, out, errb, base := meshApp(t, srv)
	writeHistory(t, app, []history.Entry{
		{Time: fixedNow, Environment: mesh.EnvCustom, Host: srv.URL, TransactionID: "tx-1", OK: true},
		{Time: fixedNow, Environment: mesh.EnvCustom, Host: srv.URL, TransactionID: "tx-2", OK: true},
	})
	srv.Close()
	if err := run(t, app, append(base, "history", "--status")...); err != nil {
		t.Fatalf("history --status offline: %v", err)
	}
	if strings.Count(out.String(), "?") != 2 || strings.Count(errb.String(), "could not look up 2 transactionIds (shown as ?): list transfers: cannot reach") != 1 {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errb)
	}
}

func TestReportIncludesTheTransfer(t *testing.T) {
	srv := newMeshServer(t, statusByTransaction)
	app, out, _, base := meshApp(t, srv)
	writeHistory(t, app, []history.Entry{
		{Time: fixedNow, Environment: mesh.EnvCustom, Host: "https://other.example.com", TransactionID: "tx-3", OK: true},
		{Time: fixedNow, Environment: mesh.EnvCustom, Host: srv.URL, TransactionID: "tx-2", OK: true},
	})
	if err := run(t, app, append(base, "report", "1")...); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "transfer:       succeeded (Mesh's transfer id t-tx-2, hash 0xfeed)") {
		t.Errorf("report 1:\n%s", out)
	}
	out.Reset()
	if err := run(t, app, append(base, "report", "2")...); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "transfer:       not looked up: fetched from https://other.example.com, not "+srv.URL) {
		t.Errorf("report 2:\n%s", out)
	}
}

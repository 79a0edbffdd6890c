package history

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

var t0 = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

const (
	secretToken   = "aHR0cHM6Ly93ZWIubWVzaGNvbm5lY3QuY29tL3NlY3JldA=="
	secretPayLink = "https://paylink.meshconnect.com?linkToken=SECRETPAY"
	secretAccess  = "managed-access-token-secret"
)

func request() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UsePayment, "user-1234")
	r.TransferOptions.TransactionID = "tx-42"
	r.TransferOptions.GeneratePayLink = mesh.Bool(true)
	r.AccessTokens = []mesh.AccessToken{{AccessToken: secretAccess, AccountID: "acc"}}
	return r
}

func okFetch(at time.Time) Fetch {
	return Fetch{
		Time: at, Source: SourceCLI, Version: "test", Environment: mesh.EnvSandbox, Host: mesh.SandboxBaseURL,
		Request: request(),
		Token:   &mesh.LinkToken{Token: secretToken, PaymentLink: secretPayLink, LinkURL: "https://web.meshconnect.com/secret", ReceivedAt: at, ExpiresAt: at.Add(mesh.TokenLifetime)},
	}
}

func TestNewEntryKeepsWhatTellsRunsApartAndNoSecret(t *testing.T) {
	e := NewEntry(okFetch(t0))
	if !e.OK || !e.PayLink || e.UseCase != mesh.UsePayment || e.UserID != "user-1234" || e.TransactionID != "tx-42" ||
		e.Environment != mesh.EnvSandbox || e.Host != mesh.SandboxBaseURL || !e.ExpiresAt.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("entry: %+v", e)
	}
	b, _ := json.Marshal(e)
	for _, secret := range []string{secretToken, "SECRETPAY", secretAccess, "accessTokens", "web.meshconnect.com/secret"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the entry holds %q: %s", secret, b)
		}
	}
	if !strings.Contains(string(e.Request), `"transactionId":"tx-42"`) {
		t.Errorf("the body sent is not kept: %s", e.Request)
	}
}

// A token from a run's own demo server is not live once that run is over,
// however long it had left; one from a shared demo server is.
func TestInProcessDemoTokensEndWithTheirRun(t *testing.T) {
	f := okFetch(t0)
	f.Environment = mesh.EnvDemo
	shared := NewEntry(f)
	f.InProcessDemo = true
	inProcess := NewEntry(f)
	b, _ := json.Marshal(inProcess)
	var back Entry
	if err := json.Unmarshal(b, &back); err != nil || !back.InProcessDemo {
		t.Fatalf("the flag does not survive the file: %s", b)
	}
	soon, later := t0.Add(time.Minute), t0.Add(11*time.Minute)
	if shared.Ended(soon) || !back.Ended(soon) {
		t.Errorf("ended a minute later: shared %v, in-process %v", shared.Ended(soon), back.Ended(soon))
	}
	if back.Ended(later) || !back.Expired(later) {
		t.Error("an expired token is expired, not ended")
	}
	failed := NewEntry(Fetch{Time: t0, Environment: mesh.EnvDemo, Request: request(), Err: errors.New("x"), InProcessDemo: true})
	if failed.Ended(soon) {
		t.Error("a failure ended")
	}
}

func TestNewEntryOfFailures(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want Entry
	}{
		{"api_error", &mesh.APIError{StatusCode: http.StatusBadRequest, ErrorType: "invalidField", ErrorHash: "e08e7897", Message: "bad address", Display: "Check the address"},
			Entry{Status: 400, ErrorType: "invalidField", ErrorHash: "e08e7897", Message: "bad address — Check the address"}},
		{"api_error_wrapped", &mesh.RetryAfterError{Err: &mesh.APIError{StatusCode: http.StatusTooManyRequests, ErrorHash: "0badcafe"}},
			Entry{Status: 429, ErrorHash: "0badcafe"}},
		{"network", &mesh.NetworkError{Op: "fetch link token", Host: "h", Err: errors.New("refused")},
			Entry{Message: "fetch link token: cannot reach h: refused"}},
		{"interrupted", &mesh.NetworkError{Op: "fetch link token", Host: "h", Err: context.Canceled},
			Entry{Message: "interrupted"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := okFetch(t0)
			f.Token, f.Err = nil, c.err
			e := NewEntry(f)
			if e.OK || e.ExpiresAt != nil || e.Status != c.want.Status || e.ErrorType != c.want.ErrorType || e.ErrorHash != c.want.ErrorHash || e.Message != c.want.Message {
				t.Errorf("got %+v", e)
			}
		})
	}
}

func TestAppendReadNewestFirstPrivate(t *testing.T) {
	l := Log{Dir: filepath.Join(t.TempDir(), "state")}
	for i := range 3 {
		if err := l.Append(NewEntry(okFetch(t0.Add(time.Duration(i) * time.Minute)))); err != nil {
			t.Fatal(err)
		}
	}
	got, skipped, err := l.Read()
	if err != nil || skipped != 0 || len(got) != 3 {
		t.Fatalf("read %d entries, %d skipped, %v", len(got), skipped, err)
	}
	if !got[0].Time.Equal(t0.Add(2*time.Minute)) || !got[2].Time.Equal(t0) {
		t.Errorf("not newest first: %v, %v", got[0].Time, got[2].Time)
	}
	fi, err := os.Stat(l.Path())
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
}

func TestReadOfNoHistory(t *testing.T) {
	got, skipped, err := Log{Dir: t.TempDir()}.Read()
	if got != nil || skipped != 0 || err != nil {
		t.Errorf("got %v, %d, %v", got, skipped, err)
	}
}

func TestReadSkipsLinesThatDoNotParse(t *testing.T) {
	l := Log{Dir: t.TempDir()}
	l.Append(NewEntry(okFetch(t0)))
	f, _ := os.OpenFile(l.Path(), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("not json\n\n")
	f.Close()
	l.Append(NewEntry(okFetch(t0.Add(time.Minute))))
	got, skipped, err := l.Read()
	if err != nil || skipped != 1 || len(got) != 2 {
		t.Errorf("got %d entries, %d skipped, %v", len(got), skipped, err)
	}
}

// An API may answer with a message of any length: the entry keeps its
// start, and the history stays readable.
func TestLongAPIMessagesKeepTheHistoryReadable(t *testing.T) {
	l := Log{Dir: t.TempDir()}
	f := okFetch(t0)
	f.Token, f.Err = nil, &mesh.APIError{StatusCode: 400, ErrorType: strings.Repeat("t", 100_000), Message: strings.Repeat("x", 300_000)}
	if err := l.Append(NewEntry(f)); err != nil {
		t.Fatal(err)
	}
	l.Append(NewEntry(okFetch(t0.Add(time.Minute))))
	got, skipped, err := l.Read()
	if err != nil || skipped != 0 || len(got) != 2 {
		t.Fatalf("got %d entries, %d skipped, %v", len(got), skipped, err)
	}
	if e := got[1]; len(e.Message) > 4<<10 || len(e.ErrorType) > 4<<10 || !strings.HasPrefix(e.Message, "xxx") || !strings.HasSuffix(e.Message, "…") {
		t.Errorf("kept a message of %d bytes, an errorType of %d", len(e.Message), len(e.ErrorType))
	}
}

// A line too long to be an entry (a file edited by hand, or written by an
// older meshlink) is skipped like any other unreadable line.
func TestReadSkipsOverlongLines(t *testing.T) {
	l := Log{Dir: t.TempDir(), Max: 4000} // a bound above the file's size: no trim, which drops such lines
	l.Append(NewEntry(okFetch(t0)))
	f, _ := os.OpenFile(l.Path(), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"message":"` + strings.Repeat("x", 1<<20) + "\"}\n")
	f.Close()
	l.Append(NewEntry(okFetch(t0.Add(time.Minute))))
	got, skipped, err := l.Read()
	if err != nil || skipped != 1 || len(got) != 2 {
		t.Errorf("got %d entries, %d skipped, %v", len(got), skipped, err)
	}
}

// Read gives the newest Max; the file is trimmed back to them once it passes
// its bound, not rewritten on every fetch.
func TestAppendKeepsOnlyTheNewest(t *testing.T) {
	l := Log{Dir: t.TempDir(), Max: 5}
	rewrites, last := 0, os.FileInfo(nil)
	for i := range 40 {
		if err := l.Append(NewEntry(okFetch(t0.Add(time.Duration(i) * time.Minute)))); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(l.Path())
		if err != nil {
			t.Fatal(err)
		}
		if fi.Size() > l.trimAt() {
			t.Fatalf("after %d appends the file is %d bytes, over its bound of %d", i+1, fi.Size(), l.trimAt())
		}
		if last != nil && !os.SameFile(fi, last) {
			rewrites++
		}
		last = fi
	}
	got, _, _ := l.Read()
	if len(got) != 5 || !got[0].Time.Equal(t0.Add(39*time.Minute)) || !got[4].Time.Equal(t0.Add(35*time.Minute)) {
		t.Errorf("kept %d entries, newest %v, oldest %v", len(got), got[0].Time, got[len(got)-1].Time)
	}
	if rewrites > 10 {
		t.Errorf("the file was rewritten %d times in 40 appends", rewrites)
	}
}

func TestDefaultBoundIsAThousand(t *testing.T) {
	l := Log{Dir: t.TempDir()}
	line, _ := json.Marshal(NewEntry(okFetch(t0)))
	os.WriteFile(l.Path(), []byte(strings.Repeat(string(line)+"\n", MaxEntries)), 0o600)
	l.Append(NewEntry(okFetch(t0.Add(time.Hour))))
	got, _, _ := l.Read()
	if len(got) != MaxEntries || !got[0].Time.Equal(t0.Add(time.Hour)) {
		t.Errorf("%d entries, newest %v", len(got), got[0].Time)
	}
}

// Concurrent writers, as several meshlink runs at once: no line is torn,
// interleaved or lost, with or without trimming.
func TestConcurrentAppends(t *testing.T) {
	for _, max := range []int{0, 40} {
		t.Run(fmt.Sprintf("max_%d", max), func(t *testing.T) {
			l := Log{Dir: t.TempDir(), Max: max, LockWait: time.Minute}
			const writers, each = 8, 20
			var wg sync.WaitGroup
			for w := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range each {
						f := okFetch(t0)
						f.Request.UserID = fmt.Sprintf("w%d-%d", w, i)
						if err := l.Append(NewEntry(f)); err != nil {
							t.Error(err)
						}
					}
				}()
			}
			wg.Wait()
			got, skipped, err := l.Read()
			want := writers * each
			if max > 0 {
				want = max
			}
			if err != nil || skipped != 0 || len(got) != want {
				t.Fatalf("%d entries (want %d), %d torn, %v", len(got), want, skipped, err)
			}
			seen := map[string]bool{}
			for _, e := range got {
				if seen[e.UserID] {
					t.Errorf("%s twice", e.UserID)
				}
				seen[e.UserID] = true
			}
		})
	}
}

func TestEntryWithoutExpiryCountsAsExpired(t *testing.T) {
	// a file edited by hand: "ok": true and no "expiresAt" (the history
	// list, the report and the wizard's recent fetches read the expiry)
	if !(Entry{OK: true}).Expired(time.Now()) {
		t.Error("an entry without an expiry counts as live")
	}
}

// allocated is how many bytes f allocates on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A huge history (a file that grew without meshlink, or with a line that
// never ends) is trimmed by streaming its tail: what a fetch allocates does
// not grow with the file, and the file comes back to its bound.
func TestAHugeHistoryIsTrimmedInBoundedMemory(t *testing.T) {
	const bound = 4 << 20 // bytes a trim or a read may allocate; the files are 8 times that
	t.Run("no_newline", func(t *testing.T) {
		l := Log{Dir: t.TempDir()}
		f, err := os.Create(l.Path())
		if err != nil {
			t.Fatal(err)
		}
		// 32 MiB of NULs and no newline: sparse, so it costs no disk.
		if err := f.Truncate(32 << 20); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if n := allocated(func() {
			if err := l.Append(NewEntry(okFetch(t0))); err != nil {
				t.Fatal(err)
			}
		}); n > bound {
			t.Errorf("Append allocated %d MiB", n>>20)
		}
		got, skipped, err := l.Read()
		if fi, _ := os.Stat(l.Path()); err != nil || len(got) != 1 || skipped != 0 || fi.Size() > 1<<10 {
			t.Errorf("after the trim: %d entries, %d skipped, %v; the file is %d bytes", len(got), skipped, err, fi.Size())
		}
	})
	t.Run("many_lines", func(t *testing.T) {
		l := Log{Dir: t.TempDir()}
		line, _ := json.Marshal(NewEntry(okFetch(t0)))
		f, err := os.Create(l.Path())
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		for size := 0; size < 32<<20; size += len(line) + 1 {
			w.Write(line)
			w.WriteByte('\n')
		}
		w.Flush()
		f.Close()
		if n := allocated(func() {
			if _, _, err := l.Read(); err != nil {
				t.Fatal(err)
			}
		}); n > bound {
			t.Errorf("Read allocated %d MiB", n>>20)
		}
		if n := allocated(func() {
			if err := l.Append(NewEntry(okFetch(t0.Add(time.Hour)))); err != nil {
				t.Fatal(err)
			}
		}); n > bound {
			t.Errorf("Append allocated %d MiB", n>>20)
		}
		got, _, _ := l.Read()
		if fi, _ := os.Stat(l.Path()); len(got) != MaxEntries || !got[0].Time.Equal(t0.Add(time.Hour)) || fi.Size() > l.trimAt() {
			t.Errorf("after the trim: %d entries, the newest at %v; the file is %d bytes", len(got), got[0].Time, fi.Size())
		}
	})
}

// A line cut off without its newline does not swallow the next entry.
func TestAppendAfterATornLine(t *testing.T) {
	l := Log{Dir: t.TempDir()}
	os.WriteFile(l.Path(), []byte(`{"time":"2026-11-20T09:30:00Z","environment":"sandbox","ok":tr`), 0o600)
	if err := l.Append(NewEntry(okFetch(t0))); err != nil {
		t.Fatal(err)
	}
	if got, skipped, err := l.Read(); len(got) != 1 || skipped != 1 || err != nil {
		t.Errorf("%d entries, %d skipped, %v; want the new entry and the torn line skipped", len(got), skipped, err)
	}
}

package mesh_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// byTransaction answers each transactionId with a transfer in the status
// status gives it ("" for none), counting requests and the most at once.
type byTransaction struct {
	requests, inFlight, most atomic.Int32
	mu                       sync.Mutex
	perID                    map[string]int
}

func (b *byTransaction) handler(status func(id string) string) http.HandlerFunc {
	b.perID = map[string]int{}
	return func(w http.ResponseWriter, r *http.Request) {
		n := b.inFlight.Add(1)
		defer b.inFlight.Add(-1)
		for {
			m := b.most.Load()
			if n <= m || b.most.CompareAndSwap(m, n) {
				break
			}
		}
		b.requests.Add(1)
		id := r.URL.Query().Get("ClientTransactionId")
		b.mu.Lock()
		b.perID[id]++
		b.mu.Unlock()
		time.Sleep(time.Millisecond) // let requests overlap, so the bound is tested
		if s := status(id); s != "" {
			answer(200, `{"status":"ok","content":{"items":[{"id":"t-`+id+`","clientTransactionId":"`+id+`","status":"`+s+`"}],"total":1}}`)(w, r)
			return
		}
		answer(200, `{"status":"ok","content":{"items":[],"total":0}}`)(w, r)
	}
}

func TestTransferLookup_oneRequestPerTransactionID(t *testing.T) {
	b := &byTransaction{}
	f := newFakeMesh(t, b.handler(func(id string) string {
		switch id[len(id)-1] {
		case '0':
			return ""
		case '1', '2':
			return "pending"
		}
		return "succeeded"
	}))
	ids := make([]string, 1000) // 1,000 history entries, 100 transactions
	for i := range ids {
		ids[i] = fmt.Sprintf("tx-%03d", i%100)
	}
	clock := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	cache := mesh.OpenTransferCache(dir, func() time.Time { return clock })
	l := mesh.TransferLookup{Client: newClient(f, &sleeps{}), Cache: cache, Workers: 4}
	found := l.Lookup(context.Background(), ids)
	if n := b.requests.Load(); n != 100 {
		t.Errorf("%d requests for 100 transactionIds", n)
	}
	if m := b.most.Load(); m > 4 {
		t.Errorf("%d requests at once, want at most 4", m)
	}
	if len(found) != 100 || found["tx-010"].Transfer != nil || found["tx-011"].Transfer.Status != "pending" || found["tx-013"].Transfer.Status != "succeeded" {
		t.Fatalf("found %d: %+v %+v %+v", len(found), found["tx-010"], found["tx-011"], found["tx-013"])
	}
	for id, n := range b.perID {
		if n != 1 {
			t.Errorf("%s asked %d times", id, n)
		}
	}
	if err := cache.Save(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, mesh.TransferCacheFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("cache file: %v %v", fi, err)
	}

	// A minute later, from the file: only those not final are asked again.
	clock = clock.Add(time.Minute)
	l.Cache = mesh.OpenTransferCache(dir, func() time.Time { return clock })
	b.requests.Store(0)
	found = l.Lookup(context.Background(), ids)
	if n := b.requests.Load(); n != 30 {
		t.Errorf("%d requests a minute later, want 30: the 70 final ones are cached for an hour", n)
	}
	if found["tx-013"].Transfer == nil || found["tx-013"].Transfer.ID != "t-tx-013" {
		t.Errorf("cached: %+v", found["tx-013"])
	}
	// within the half minute, nothing is asked
	b.requests.Store(0)
	l.Lookup(context.Background(), ids)
	if n := b.requests.Load(); n != 0 {
		t.Errorf("%d requests at once after", n)
	}
}

func TestTransferLookup_offlineHostIsNotAskedOneByOne(t *testing.T) {
	f := newFakeMesh(t, answer(200, "{}"))
	f.Close()
	ids := make([]string, 100)
	for i := range ids {
		ids[i] = fmt.Sprintf("tx-%d", i)
	}
	sl := &sleeps{}
	c := newClient(f, sl)
	c.MaxAttempts = 1
	found := (&mesh.TransferLookup{Client: c, Workers: 2}).Lookup(context.Background(), ids)
	var netErr *mesh.NetworkError
	for _, id := range ids {
		if !errors.As(found[id].Err, &netErr) {
			t.Fatalf("%s: %+v, want the host's network error", id, found[id])
		}
	}
}

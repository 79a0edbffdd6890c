package mesh

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/meshlink/meshlink/mesh/atomicfile"
)

// How long a looked-up transfer is trusted: a final status never changes,
// any other may at any moment.
const (
	TransferCacheFinal   = time.Hour
	TransferCachePending = 30 * time.Second
	// transferCacheMax bounds the file: the newest entries stay.
	transferCacheMax = 2000
	// TransferCacheFile is the cache's name in the cache folder.
	TransferCacheFile = "transfers.json"
	// DefaultLookupWorkers is how many lookups run at once.
	DefaultLookupWorkers = 8
)

// Found is what a lookup of one transactionId found: its newest transfer
// (nil when there is none yet), or why it could not look.
type Found struct {
	Transfer *Transfer
	Err      error
}

// TransferLookup finds the newest transfer of many transactionIds at the
// client's host: each id once at most, Workers at a time, through Cache.
type TransferLookup struct {
	Client  *Client
	Cache   *TransferCache // nil: every id is asked
	Workers int            // DefaultLookupWorkers when 0
}

// Lookup looks up every id. A host that cannot be reached fails the ids
// not yet asked with the same error, rather than trying each.
func (l *TransferLookup) Lookup(ctx context.Context, ids []string) map[string]Found {
	out := make(map[string]Found, len(ids))
	host := l.Client.Host()
	var todo []string
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		if t, ok := l.Cache.get(host, id); ok {
			out[id] = Found{Transfer: t}
			continue
		}
		out[id] = Found{}
		todo = append(todo, id)
	}
	if len(todo) == 0 {
		return out
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu      sync.Mutex
		offline error
		next    = make(chan string)
		wg      sync.WaitGroup
	)
	workers := l.Workers
	if workers <= 0 {
		workers = DefaultLookupWorkers
	}
	for range min(workers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range next {
				t, _, err := l.Client.LatestTransfer(ctx, id)
				var found Found
				switch {
				case errors.Is(err, ErrNoTransfer):
				case err != nil:
					found.Err = err
				default:
					found.Transfer = &t
				}
				var netErr *NetworkError
				mu.Lock()
				if errors.As(err, &netErr) && offline == nil {
					offline = err
					cancel()
				}
				if offline != nil && found.Err != nil {
					found.Err = offline
				}
				out[id] = found
				mu.Unlock()
				if found.Err == nil {
					l.Cache.put(host, id, found.Transfer)
				}
			}
		}()
	}
	asked := 0
	for _, id := range todo {
		select {
		case next <- id:
			asked++
			continue
		case <-ctx.Done():
		}
		break
	}
	close(next)
	wg.Wait()
	for _, id := range todo[asked:] {
		err := offline
		if err == nil {
			err = ctx.Err()
		}
		out[id] = Found{Err: err}
	}
	return out
}

// TransferCache keeps what lookups found, for a short while, in one file
// of the cache folder: listing the history twice in a minute asks nothing
// twice. Safe for concurrent use; a nil cache keeps nothing.
type TransferCache struct {
	path string
	now  func() time.Time

	mu      sync.Mutex
	entries map[string]cachedTransfer
	dirty   bool
}

type cachedTransfer struct {
	At       time.Time `json:"at"`
	Transfer *Transfer `json:"transfer"` // nil: none yet
}

// OpenTransferCache reads the cache in cacheDir; a missing or unreadable
// file (or a FIFO, never waited on) is an empty cache (it is only a cache).
func OpenTransferCache(cacheDir string, now func() time.Time) *TransferCache {
	c := &TransferCache{path: filepath.Join(cacheDir, TransferCacheFile), now: now, entries: map[string]cachedTransfer{}}
	if cacheDir == "" {
		c.path = ""
		return c
	}
	if b, err := readRegular(c.path, MaxResponseBytes); err == nil && len(b) <= MaxResponseBytes {
		_ = json.Unmarshal(b, &c.entries)
	}
	return c
}

func cacheKey(host, id string) string { return host + " " + id }

func (c *TransferCache) fresh(e cachedTransfer) bool {
	ttl := TransferCachePending
	if e.Transfer != nil && e.Transfer.Status.Final() {
		ttl = TransferCacheFinal
	}
	age := c.now().Sub(e.At)
	return age >= 0 && age < ttl
}

func (c *TransferCache) get(host, id string) (*Transfer, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[cacheKey(host, id)]
	if !ok || !c.fresh(e) {
		return nil, false
	}
	return e.Transfer, true
}

// put keeps what a lookup found, the fields a glance needs.
func (c *TransferCache) put(host, id string, t *Transfer) {
	if c == nil {
		return
	}
	var kept *Transfer
	if t != nil {
		kept = &Transfer{
			ID: t.ID, ClientTransactionID: t.ClientTransactionID, Status: t.Status, Amount: t.Amount, Symbol: t.Symbol,
			NetworkName: t.NetworkName, CreatedTimestamp: t.CreatedTimestamp, ExecutedTimestamp: t.ExecutedTimestamp, Hash: t.Hash,
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[cacheKey(host, id)] = cachedTransfer{At: c.now(), Transfer: kept}
	c.dirty = true
}

// Save writes the cache when a lookup added to it, keeping the newest
// fresh entries.
func (c *TransferCache) Save() error {
	if c == nil || c.path == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	keys := make([]string, 0, len(c.entries))
	for k, e := range c.entries {
		if c.fresh(e) {
			keys = append(keys, k)
		} else {
			delete(c.entries, k)
		}
	}
	if len(keys) > transferCacheMax {
		sort.Slice(keys, func(i, j int) bool { return c.entries[keys[i]].At.After(c.entries[keys[j]].At) })
		for _, k := range keys[transferCacheMax:] {
			delete(c.entries, k)
		}
	}
	b, err := json.Marshal(c.entries)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	c.dirty = false
	return atomicfile.Write(c.path, b, 0o600)
}

package demo

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/meshlink/meshlink/mesh"
)

// KeepTransfers bounds the books: the oldest transfers go first.
const KeepTransfers = 10_000

// DefaultSettleAfter is how long a demo transfer stays pending, about as
// long as a sandbox exchange transfer takes.
const DefaultSettleAfter = 5 * time.Second

// Books are the demo server's ledger: every transfer its Link stand-in
// confirms, recorded pending and moved to its outcome SettleAfter later.
// The transfer list, the webhooks and the tests all read it.
type Books struct {
	settleAfter time.Duration
	now         func() time.Time

	mu        sync.Mutex
	transfers []mesh.Transfer // oldest first
	outcomes  map[string]mesh.TransferStatus
	hashes    map[string]string // held back until a transfer succeeds
	timers    map[string]*time.Timer
	listeners []func(mesh.Transfer)
	closed    bool
}

// NewBooks keeps transfers that settle after settleAfter; a negative
// settleAfter leaves them pending until Settle is called.
func NewBooks(settleAfter time.Duration, now func() time.Time) *Books {
	if now == nil {
		now = time.Now
	}
	return &Books{settleAfter: settleAfter, now: now, outcomes: map[string]mesh.TransferStatus{}, hashes: map[string]string{}, timers: map[string]*time.Timer{}}
}

// Record adds t as pending (its ID and CreatedTimestamp filled in when
// empty) and schedules its move to outcome, which must be final. t.Hash is
// held back until the transfer succeeds: Mesh has no hash for a pending
// transfer, nor for a failed one. It returns the transfer as recorded.
func (b *Books) Record(t mesh.Transfer, outcome mesh.TransferStatus) mesh.Transfer {
	hash := t.Hash
	t.Hash = ""
	if t.ID == "" {
		t.ID = uuid.NewString()
	}
	if t.CreatedTimestamp == 0 {
		t.CreatedTimestamp = b.now().Unix()
	}
	t.Status = mesh.TransferPending
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return t
	}
	b.transfers = append(b.transfers, t)
	if len(b.transfers) > KeepTransfers {
		old := b.transfers[0].ID
		delete(b.outcomes, old)
		delete(b.hashes, old)
		if tm := b.timers[old]; tm != nil {
			tm.Stop()
			delete(b.timers, old)
		}
		b.transfers = append(b.transfers[:0:0], b.transfers[1:]...)
	}
	b.outcomes[t.ID] = outcome
	b.hashes[t.ID] = hash
	if b.settleAfter >= 0 {
		id := t.ID
		b.timers[id] = time.AfterFunc(b.settleAfter, func() { b.settle(id) })
	}
	listeners := b.listeners
	b.mu.Unlock()
	for _, f := range listeners {
		f(t)
	}
	return t
}

// Settle moves every pending transfer to its outcome now.
func (b *Books) Settle() {
	b.mu.Lock()
	var ids []string
	for _, t := range b.transfers {
		if !t.Status.Final() {
			ids = append(ids, t.ID)
		}
	}
	b.mu.Unlock()
	for _, id := range ids {
		b.settle(id)
	}
}

func (b *Books) settle(id string) {
	b.mu.Lock()
	i := b.index(id)
	if i < 0 || b.transfers[i].Status.Final() || b.closed {
		b.mu.Unlock()
		return
	}
	t := &b.transfers[i]
	t.Status = b.outcomes[id]
	if t.Status.Is(mesh.TransferSucceeded) {
		at := b.now().Unix()
		t.ExecutedTimestamp = &at
		t.Hash = b.hashes[id]
	}
	delete(b.hashes, id)
	if tm := b.timers[id]; tm != nil {
		tm.Stop()
		delete(b.timers, id)
	}
	changed, listeners := *t, b.listeners
	b.mu.Unlock()
	for _, f := range listeners {
		f(changed)
	}
}

func (b *Books) index(id string) int {
	for i := len(b.transfers) - 1; i >= 0; i-- {
		if b.transfers[i].ID == id {
			return i
		}
	}
	return -1
}

// Transfers returns every transfer kept, oldest first.
func (b *Books) Transfers() []mesh.Transfer {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]mesh.Transfer(nil), b.transfers...)
}

// OnChange adds f to hear each transfer as it is recorded (pending) and as
// it settles, in that order for any one transfer. f runs on the goroutine
// that made the change and must not block for long.
func (b *Books) OnChange(f func(mesh.Transfer)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.listeners = append(b.listeners, f)
}

// Close stops every pending timer; nothing changes afterwards.
func (b *Books) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for id, tm := range b.timers {
		tm.Stop()
		delete(b.timers, id)
	}
}

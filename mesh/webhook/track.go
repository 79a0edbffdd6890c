package webhook

import (
	"encoding/json"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// Window is how many EventIds, and how many transfers, a Tracker
// remembers: a duplicate arriving after Window newer events (or a transfer
// not heard of for Window newer transfers) is taken as new. At about 200
// bytes an entry that bounds a Tracker to a few MiB however long it runs.
const Window = 10_000

// Tracker remembers what a receiver has seen, to tell a duplicate (an
// EventId seen before: a retry or a second delivery) and how each
// transfer's status moved. It is not safe for concurrent use.
type Tracker struct {
	events    ring[time.Time]
	transfers ring[transferState]
}

type transferState struct {
	status    mesh.TransferStatus
	timestamp int64
}

// Seen is what a Tracker makes of one delivery.
type Seen struct {
	// DuplicateOf is when the EventId was first seen; zero for a new one.
	DuplicateOf time.Time
	// From is the transfer's status before this delivery, "" when the
	// transfer is new (or the delivery a duplicate, which moves nothing).
	From mesh.TransferStatus
	// OutOfOrder is why the move cannot be in order, "" when it can: a
	// status after a final one, or an event older than the last.
	OutOfOrder string
}

// Duplicate reports whether the EventId was seen before.
func (s Seen) Duplicate() bool { return !s.DuplicateOf.IsZero() }

// Observe notes d, received at at.
func (t *Tracker) Observe(d Delivery, at time.Time) Seen { return t.see(d, at, true) }

// Peek is what Observe would say of d, noting nothing: for a delivery that
// failed its signature, which must not make Mesh's own delivery of that
// EventId a duplicate, or move its transfer.
func (t *Tracker) Peek(d Delivery) Seen { return t.see(d, time.Time{}, false) }

func (t *Tracker) see(d Delivery, at time.Time, note bool) Seen {
	var s Seen
	if d.EventID != "" {
		if first, ok := t.events.get(d.EventID); ok {
			s.DuplicateOf = first
			return s
		}
		if note {
			t.events.put(d.EventID, at)
		}
	}
	if d.TransferID == "" {
		return s
	}
	now := transferState{status: d.TransferStatus, timestamp: timestamp(d.Timestamp)}
	prev, ok := t.transfers.get(d.TransferID)
	switch {
	case !ok:
	case prev.status.Final() && !prev.status.Is(now.status):
		s.OutOfOrder = "after " + string(prev.status) + ", which is final"
	case now.timestamp > 0 && now.timestamp < prev.timestamp:
		s.OutOfOrder = "its Timestamp is older than the last event's"
	}
	if ok {
		s.From = prev.status
	}
	if note && (!ok || s.OutOfOrder == "") {
		t.transfers.put(d.TransferID, now)
	}
	return s
}

// timestamp is n in milliseconds, 0 when unreadable.
func timestamp(n json.Number) int64 {
	t, ok := Time(n)
	if !ok {
		return 0
	}
	return t.UnixMilli()
}

// ring is a map that keeps its last n keys.
type ring[V any] struct {
	m    map[string]V
	keys []string
	next int
}

func (r *ring[V]) get(k string) (V, bool) {
	v, ok := r.m[k]
	return v, ok
}

func (r *ring[V]) put(k string, v V) {
	if r.m == nil {
		r.m = make(map[string]V, Window)
		r.keys = make([]string, Window)
	}
	if _, ok := r.m[k]; !ok {
		if old := r.keys[r.next]; old != "" {
			delete(r.m, old)
		}
		r.keys[r.next] = k
		r.next = (r.next + 1) % len(r.keys)
	}
	r.m[k] = v
}

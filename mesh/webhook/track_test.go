package webhook_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/webhook"
)

func TestTrackerDuplicatesAndMoves(t *testing.T) {
	var tr webhook.Tracker
	at := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	d := func(event, transfer string, status mesh.TransferStatus, ts int64) webhook.Delivery {
		return webhook.Delivery{ID: fmt.Sprint("sent-", event, ts), EventID: event, TransferID: transfer, TransferStatus: status, Timestamp: json.Number(fmt.Sprint(ts))}
	}
	type want struct {
		dupOf      time.Time
		from       mesh.TransferStatus
		outOfOrder string
	}
	for i, c := range []struct {
		d    webhook.Delivery
		want want
	}{
		{d("e1", "t1", "Pending", 1715175519000), want{}},
		{d("e1", "t1", "Pending", 1715175519000), want{dupOf: at}}, // a retry: same EventId
		{d("e2", "t1", "Succeeded", 1715175520000), want{from: "Pending"}},
		{d("e3", "t1", "pending", 1715175519500), want{from: "Succeeded", outOfOrder: "after Succeeded, which is final"}},
		{d("e4", "t1", "succeeded", 1715175521000), want{from: "Succeeded"}}, // the same status again, any case
		{d("e5", "t2", "pending", 1715175522000), want{}},
		{d("e6", "t2", "pending", 1715175521000), want{from: "pending", outOfOrder: "its Timestamp is older than the last event's"}},
		{d("e7", "t2", "failed", 1715175523000), want{from: "pending"}},
		{d("", "t2", "failed", 1715175524000), want{from: "failed"}}, // no EventId: never a duplicate
		{d("", "t2", "failed", 1715175524000), want{from: "failed"}},
	} {
		got := tr.Observe(c.d, at.Add(time.Duration(i)*time.Second))
		if got.DuplicateOf != c.want.dupOf || got.From != c.want.from || got.OutOfOrder != c.want.outOfOrder || got.Duplicate() != !c.want.dupOf.IsZero() {
			t.Errorf("delivery %d (%s %s): Observe = %+v, want %+v", i, c.d.EventID, c.d.TransferStatus, got, c.want)
		}
	}
}

// The memory is bounded: past Window newer events an EventId is forgotten,
// and nothing older is kept.
func TestTrackerWindow(t *testing.T) {
	var tr webhook.Tracker
	at := time.Unix(1, 0)
	first := webhook.Delivery{EventID: "first", TransferID: "tfirst", TransferStatus: "succeeded"}
	tr.Observe(first, at)
	for i := range webhook.Window - 1 {
		tr.Observe(webhook.Delivery{EventID: fmt.Sprint("e", i), TransferID: fmt.Sprint("t", i), TransferStatus: "pending"}, at)
	}
	if !tr.Observe(first, at).Duplicate() {
		t.Fatal("the first event was forgotten within the window")
	}
	tr.Observe(webhook.Delivery{EventID: "one more", TransferID: "one more", TransferStatus: "pending"}, at)
	first.EventID = "first again"
	if s := tr.Observe(webhook.Delivery{EventID: "first"}, at); s.Duplicate() {
		t.Error("the first event is remembered after Window newer ones")
	}
	if s := tr.Observe(webhook.Delivery{EventID: "new", TransferID: "tfirst", TransferStatus: "pending"}, at); s.From != "" || s.OutOfOrder != "" {
		t.Errorf("the first transfer is remembered after Window newer ones: %+v", s)
	}
}

func TestTime(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"1720532648", time.Unix(1720532648, 0), true},         // SentTimestamp, seconds
		{"1715175519038", time.UnixMilli(1715175519038), true}, // Timestamp, milliseconds
		{"", time.Time{}, false},
		{"1.5", time.Time{}, false},
		{"-1", time.Time{}, false},
		{"99999999999999999", time.Time{}, false},
	} {
		got, ok := webhook.Time(json.Number(c.in))
		if !got.Equal(c.want) || ok != c.ok {
			t.Errorf("Time(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParse(t *testing.T) {
	d, err := webhook.Parse([]byte(exampleBody))
	if err != nil {
		t.Fatal(err)
	}
	if d.EventID != "56713e70-be74-4a37-0036-08da97f5941a" || d.ID != "358c6ab7-4518-416b-9266-c680fda3a8dd" ||
		d.TransferStatus != "Succeeded" || d.SourceAmount != "25.0" || d.Token != "USDC" || d.TransactionID != "order-42" {
		t.Errorf("Parse = %+v", d)
	}
	// Any case of the field names, as Mesh's own samples differ.
	if d, err := webhook.Parse([]byte(`{"eventId":"e","transferStatus":"pending"}`)); err != nil || d.EventID != "e" || d.TransferStatus != "pending" {
		t.Errorf("camelCase: %+v, %v", d, err)
	}
	for _, bad := range []string{``, `[]`, `"x"`, `{"EventId":1}`, `{"SourceAmount":"lots"}`, `{} {}`, `{"Id":"a"`, "{\"Token\":\"\x1b]52;c;x\x07\",\"EventId\":[1]}"} {
		_, err := webhook.Parse([]byte(bad))
		if err == nil {
			t.Errorf("Parse(%q) took it", bad)
			continue
		}
		if strings.ContainsAny(err.Error(), "\x1b\x07") {
			t.Errorf("Parse(%q) = %q: a control character in the message", bad, err)
		}
	}
}

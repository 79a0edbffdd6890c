package demo_test

import (
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

func TestBooksMoveATransferFromPendingToItsOutcome(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	b := demo.NewBooks(-1, func() time.Time { return now })
	var mu sync.Mutex
	var heard []mesh.TransferStatus
	b.OnChange(func(tr mesh.Transfer) {
		mu.Lock()
		defer mu.Unlock()
		heard = append(heard, tr.Status)
	})
	ok := b.Record(mesh.Transfer{ClientTransactionID: "order-1", Hash: "0xabc"}, mesh.TransferSucceeded)
	bad := b.Record(mesh.Transfer{ClientTransactionID: "order-2", Hash: "0xdef"}, mesh.TransferFailed)
	if ok.ID == "" || ok.ID == bad.ID || ok.CreatedTimestamp != now.Unix() || ok.Status != mesh.TransferPending || ok.Hash != "" {
		t.Fatalf("recorded %+v and %+v", ok, bad)
	}
	b.Settle()
	b.Settle() // a settled transfer does not move again
	got := b.Transfers()
	if len(got) != 2 || got[0].Status != mesh.TransferSucceeded || got[0].ExecutedTimestamp == nil || got[0].Hash != "0xabc" || got[1].Status != mesh.TransferFailed || got[1].Hash != "" {
		t.Fatalf("after Settle: %+v", got)
	}
	if want := []mesh.TransferStatus{"pending", "pending", "succeeded", "failed"}; len(heard) != len(want) || heard[2] != want[2] || heard[3] != want[3] {
		t.Fatalf("heard %v, want %v", heard, want)
	}
}

func TestBooksSettleOnTheirOwnClock(t *testing.T) {
	b := demo.NewBooks(time.Millisecond, nil)
	defer b.Close()
	done := make(chan mesh.Transfer, 2)
	b.OnChange(func(tr mesh.Transfer) { done <- tr })
	b.Record(mesh.Transfer{}, mesh.TransferSucceeded)
	if first := <-done; first.Status != mesh.TransferPending {
		t.Fatalf("first change %q, want pending", first.Status)
	}
	if second := <-done; second.Status != mesh.TransferSucceeded {
		t.Fatalf("second change %q, want succeeded", second.Status)
	}
}

func TestTransferStatusComparesInAnyCase(t *testing.T) {
	if !mesh.TransferStatus("Succeeded").Final() || mesh.TransferStatus("Pending").Final() || !mesh.TransferStatus("FAILED").Is(mesh.TransferFailed) {
		t.Fatal("statuses must compare case-insensitively, as Mesh's webhook example capitalises them")
	}
}

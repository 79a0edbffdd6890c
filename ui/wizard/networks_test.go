package wizard

import (
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// toNetworks walks a deposit to its networks screen.
func toNetworks(h *harness) *networksScreen {
	h.t.Helper()
	h.chooseUseCase(mesh.UseDeposit)
	h.typ("u1")
	h.press("enter")
	h.wantScreen("Networks")
	return top[*networksScreen](h)
}

// Enter with nothing chosen chooses nothing: it says how to choose.
func TestNetworksEnterWithNoneChosenSaysHow(t *testing.T) {
	h := newHarness(t)
	toNetworks(h)
	h.press("enter")
	h.wantScreen("Networks")
	if n := len(h.setup().Dests); n != 0 {
		t.Errorf("enter with nothing chosen chose %d network(s)", n)
	}
	h.wantView("choose at least one network (space)")
	h.press("space", "enter")
	h.wantScreen("Destinations")
}

// Tab moves on as it does on every other screen (to the next row here); it
// does not toggle.
func TestNetworksTabMovesOn(t *testing.T) {
	h := newHarness(t)
	n := toNetworks(h)
	before, _ := n.list.current()
	h.press("tab")
	if after, _ := n.list.current(); after != before+1 {
		t.Errorf("tab moved the cursor from row %d to %d, want the next", before, after)
	}
	if len(h.setup().Dests) != 0 {
		t.Error("tab chose a network")
	}
	h.press("shift+tab")
	if after, _ := n.list.current(); after != before {
		t.Errorf("shift+tab left the cursor on row %d, want %d", after, before)
	}
	for _, k := range n.keyMap().short {
		if k.Help().Key == "space/tab" {
			t.Error("the help line still offers tab to toggle")
		}
	}
}

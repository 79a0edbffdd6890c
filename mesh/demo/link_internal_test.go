package demo

import (
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// The stand-in forgets the oldest tokens and sessions beyond keepLinks,
// or beyond keepLinkBytes of their requests.
func TestLinksAreBounded(t *testing.T) {
	defer func(n, b int) { keepLinks, keepLinkBytes = n, b }(keepLinks, keepLinkBytes)
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	req := mesh.NewRequest(mesh.UseWithdrawal, "u")
	page := func(code string) string { return s.open(code, "").page }

	keepLinks, keepLinkBytes = 3, 1<<20
	for _, code := range []string{"a", "b", "c", "d"} {
		s.issue(code, "client", req, 10)
	}
	if page("a") != PageError || len(s.links.order) != 3 {
		t.Fatalf("the oldest token was kept: %d entries", len(s.links.order))
	}
	if page("d") != PageCatalog {
		t.Fatal("the newest token was forgotten")
	}

	keepLinks, keepLinkBytes = 100, 250
	for _, code := range []string{"e", "f", "g", "h"} {
		s.issue(code, "client", req, 100)
	}
	if page("e") != PageError || page("g") != PageCatalog || s.links.bytes > 250 {
		t.Fatalf("the bytes bound did not hold: %d bytes", s.links.bytes)
	}
}

package wizard

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/meshlink/meshlink/mesh"
	"github.com/muesli/termenv"
)

func bigCatalog(n int) *mesh.Catalog {
	c := &mesh.Catalog{Source: mesh.SourceCache, FetchedAt: fixedNow, FetchedFrom: "https://example.invalid"}
	tokens := []string{"ETH", "USDC", "USDT", "DAI", "WBTC", "LINK", "UNI", "AAVE"}
	for i := 0; i < n; i++ {
		c.Networks = append(c.Networks, mesh.Network{
			ID:              fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i),
			Name:            fmt.Sprintf("Network %d", i),
			NetworkType:     []string{"evm", "solana", "tron", "ripple"}[i%4],
			SupportedTokens: tokens[:1+i%len(tokens)],
		})
	}
	return c
}

func networkStepModel(b *testing.B) *Model { return networksModel(b, 1000) }

func networksModel(b *testing.B, n int) *Model {
	m := newModel(context.Background(), Options{Out: io.Discard, NoColor: true, Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(catalogLoadedMsg{cat: bigCatalog(n)})
	m.Update(pushMsg{newNetworksScreen(m.s)})
	return m
}

// BenchmarkNetworkFilterKeystroke is one keystroke of a filter over 1,000
// networks: Update and the View that follows. Goal: well under 1 ms.
func BenchmarkNetworkFilterKeystroke(b *testing.B) {
	m := networkStepModel(b)
	keys := []tea.KeyMsg{
		{Type: tea.KeyRunes, Runes: []rune("u")},
		{Type: tea.KeyRunes, Runes: []rune("s")},
		{Type: tea.KeyRunes, Runes: []rune("d")},
		{Type: tea.KeyRunes, Runes: []rune("c")},
		{Type: tea.KeyBackspace}, {Type: tea.KeyBackspace}, {Type: tea.KeyBackspace}, {Type: tea.KeyBackspace},
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%len(keys)])
		_ = m.View()
	}
}

// BenchmarkNetworkFilterTyping10000 is one keystroke while typing a filter
// over 10,000 networks ("usdc", a key at a time: each narrows the last), its
// Update and the View that follows. Goal: at most 0.3 ms.
func BenchmarkNetworkFilterTyping10000(b *testing.B) {
	m := networksModel(b, 10000)
	typed := []rune("usdc")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: typed[i%len(typed) : i%len(typed)+1]})
		_ = m.View()
		if i%len(typed) == len(typed)-1 {
			b.StopTimer()
			m.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
			b.StartTimer()
		}
	}
}

// BenchmarkFirstFrame is start-up: the model, Init's synchronous part and
// the first View. Goal: under 100 ms.
func BenchmarkFirstFrame(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := newModel(context.Background(), Options{Out: io.Discard, Getenv: func(string) string { return "" }})
		_ = m.Init()
		_ = m.View()
	}
}

// BenchmarkFilterTyping10000 is the filter alone while "usdc" is typed over
// 10,000 networks, a key at a time.
func BenchmarkFilterTyping10000(b *testing.B) {
	x := newFilterIndex(networkKeys(bigCatalog(10000)))
	var out []int
	for i := 0; b.Loop(); i++ {
		out = x.filter("usdc"[:1+i%4], out[:0])
	}
}

// previewModel is a deposit to n destinations, drawn in colour, one step
// before the preview.
func previewModel(b *testing.B, n int) *Model {
	m := newModel(context.Background(), Options{Out: io.Discard, Getenv: func(string) string { return "" }, Now: func() time.Time { return fixedNow }})
	m.s.st.r.SetColorProfile(termenv.ANSI)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 40})
	cat := bigCatalog(10)
	m.Update(catalogLoadedMsg{cat: cat})
	m.s.setup = newSetup(mesh.UseDeposit, m.s.o.NewID)
	m.s.setup.UserID = "user-1234"
	var evm []mesh.Network
	for _, nw := range cat.Networks {
		if nw.NetworkType == "evm" {
			evm = append(evm, nw)
		}
	}
	for i := range n {
		m.s.setup.Dests = append(m.s.setup.Dests, destination{
			NetworkID: evm[i%len(evm)].ID, Symbol: "ETH",
			Address: fmt.Sprintf("0x%040x", i+1),
		})
	}
	if m.s.revalidate(); len(m.s.problems.Errors()) > 0 {
		b.Fatalf("the benchmark's body is invalid: %v", m.s.problems.Errors()[0])
	}
	return m
}

// BenchmarkEnterPreview1000 is entering the preview of a body with 1,000
// destinations: the body built, checked, coloured and drawn once. Goal: at
// most 10 ms.
func BenchmarkEnterPreview1000(b *testing.B) {
	m := previewModel(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		m.Update(pushMsg{newPreviewScreen(m.s)})
		_ = m.View()
		m.Update(popMsg{})
	}
}

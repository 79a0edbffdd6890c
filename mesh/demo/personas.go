package demo

import (
	"slices"
	"strings"
)

// The sign-in of Mesh's sandbox, which the Link stand-in asks for too, so a
// rehearsal here is a rehearsal there.
const (
	PersonaPassword = "Pass123"
	PersonaCode     = "123456"
)

// persona is an account of Mesh's sandbox exchanges: what it holds decides
// what a transfer may send.
type persona struct {
	username string
	about    string
	holdings map[string]float64 // crypto, in units of the symbol
	cash     float64            // US dollars, for onramps
	// transfersFail makes every transfer of the persona fail; Mesh's
	// sandbox has no such account, so its name says it is meshlink's.
	transfersFail bool
}

// FailingPersona is meshlink's own persona: it holds what Mesh does, and
// its transfers fail.
const FailingPersona = "MeshlinkFails"

// fullHoldings is what Mesh's sandbox persona Mesh holds.
var fullHoldings = map[string]float64{
	"BTC": 10, "ETH": 100, "BNB": 500, "DOGE": 1_000_000, "USDC": 100_000, "USDT": 100_000,
	"SOL": 1_000, "XRP": 100_000, "XLM": 500_000, "OP": 50_000, "AVAX": 2_000, "ARB": 100_000,
	"PYUSD": 100_000, "BLAST": 1_000_000,
}

func only(symbol string) map[string]float64 {
	return map[string]float64{symbol: fullHoldings[symbol]}
}

func times(h map[string]float64, k float64) map[string]float64 {
	out := make(map[string]float64, len(h))
	for s, a := range h {
		out[s] = a * k
	}
	return out
}

// personas are Mesh's sandbox accounts (same usernames; password Pass123,
// code 123456), then meshlink's.
var personas = []persona{
	{username: "Mesh", about: "holds every asset and $10M", holdings: fullHoldings, cash: 10_000_000},
	{username: "Mesh2", about: "holds nothing: no eligible assets"},
	{username: "Mesh3", about: "cash only ($10M): onramps work, deposits find no assets", cash: 10_000_000},
	{username: "Mesh4", about: "holds ten times what Mesh does and $100M", holdings: times(fullHoldings, 10), cash: 100_000_000},
	{username: "MeshBTC", about: "holds BTC only", holdings: only("BTC")},
	{username: "MeshETH", about: "holds ETH only", holdings: only("ETH")},
	{username: "MeshSOL", about: "holds SOL only", holdings: only("SOL")},
	{username: "MeshUSDC", about: "holds USDC only", holdings: only("USDC")},
	{username: "MeshUSDT", about: "holds USDT only", holdings: only("USDT")},
	{username: "MeshPYUSD", about: "holds PYUSD only", holdings: only("PYUSD")},
	{username: FailingPersona, about: "meshlink's own: holds what Mesh does, and every transfer fails", holdings: fullHoldings, cash: 10_000_000, transfersFail: true},
}

// findPersona finds a persona by username in any case.
func findPersona(username string) (*persona, bool) {
	i := slices.IndexFunc(personas, func(p persona) bool { return strings.EqualFold(p.username, strings.TrimSpace(username)) })
	if i < 0 {
		return nil, false
	}
	return &personas[i], true
}

// usdPrices are the demo's prices: round numbers, not a market.
var usdPrices = map[string]float64{
	"BTC": 60_000, "ETH": 3_000, "BNB": 600, "DOGE": 0.15, "USDC": 1, "USDT": 1, "SOL": 150,
	"XRP": 0.5, "XLM": 0.1, "OP": 2, "AVAX": 30, "ARB": 1, "PYUSD": 1, "BLAST": 0.01,
	"MATIC": 0.5, "POL": 0.5, "TRX": 0.12, "ADA": 0.4, "DAI": 1, "EURC": 1.1,
}

// price is a symbol's demo price in US dollars; a symbol the demo does not
// price counts as a dollar.
func price(symbol string) float64 {
	if p, ok := usdPrices[strings.ToUpper(symbol)]; ok {
		return p
	}
	return 1
}

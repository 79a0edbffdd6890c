package wizard

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/meshlink/meshlink/mesh"
)

// Golden screens compare View() at 80×24 with colour off (TestMain).
// Refresh them with: go test ./ui/wizard -run Golden -update

// fixedDeposit is a deposit body with no random parts.
const fixedDeposit = `{
  "userId": "user-42",
  "restrictMultipleAccounts": true,
  "transferOptions": {
    "transactionId": "6f1c2d7e-3b4a-4c5d-8e9f-0a1b2c3d4e5f",
    "transferType": "deposit",
    "isInclusiveFeeEnabled": false,
    "generatePayLink": false,
    "toAddresses": [
      {"networkId": "` + ethID + `", "symbol": "USDC", "address": "0x1111111111111111111111111111111111111111"},
      {"networkId": "` + solID + `", "symbol": "USDC", "address": "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"}
    ]
  }
}`

func TestGoldenUseCaseMenu(t *testing.T) {
	h := newHarness(t)
	golden.RequireEqual(t, []byte(h.view()))
}

func TestGoldenPreview(t *testing.T) {
	h := newHarness(t)
	h.loadBody(strings.Replace(fixedDeposit, "user-42", "someone@example.com", 1)) // a warning above the body
	golden.RequireEqual(t, []byte(h.view()))
}

func TestGoldenResult(t *testing.T) {
	h := newHarness(t)
	h.loadBody(fixedDeposit)
	cmd := h.pressHolding("enter")
	h.wantScreen("Fetching")
	_ = cmd // the demo server is not asked: the answer is this one
	link := "http://127.0.0.1:40000/demo/b2b-iframe/demo/broker-connect?auth_code=DEMO-0123456789abcdef01234567&restrictMultipleAccounts=true&use_case=deposit"
	h.send(tokenFetchedMsg{id: top[*fetchScreen](h).id, token: &mesh.LinkToken{
		Token:      "aHR0cDovLzEyNy4wLjAuMTo0MDAwMC9kZW1vL2IyYi1pZnJhbWUvZGVtby9icm9rZXItY29ubmVjdD9hdXRoX2NvZGU9REVNTy0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1NjcmcmVzdHJpY3RNdWx0aXBsZUFjY291bnRzPXRydWUmdXNlX2Nhc2U9ZGVwb3NpdA==",
		LinkURL:    link,
		ReceivedAt: fixedNow.Add(-83 * time.Second),
		ExpiresAt:  fixedNow.Add(-83 * time.Second).Add(mesh.TokenLifetime),
	}})
	h.wantScreen("Token")
	golden.RequireEqual(t, []byte(h.view()))
}

// The same screens must fit 60×20.
func TestGoldenScreensFitSmallTerminals(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		h := newHarness(t)
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFrame(t, h.view(), size[0], size[1])
		h.loadBody(fixedDeposit)
		checkFrame(t, h.view(), size[0], size[1])
		h.press("enter")
		h.wantScreen("Token")
		checkFrame(t, h.view(), size[0], size[1])
	}
}

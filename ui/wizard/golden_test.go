package wizard

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/meshlink/meshlink/mesh"
)

// Golden screens compare View() at 80×24 with colour off (TestMain).
// Refresh them with: go test ./ui/wizard -run Golden -update

// fixedDeposit is a deposit setup with no random parts.
func fixedDeposit() setup {
	s := newSetup(mesh.UseDeposit)
	s.UserID = "user-42"
	s.TransactionID = "6f1c2d7e-3b4a-4c5d-8e9f-0a1b2c3d4e5f"
	s.Networks = []string{ethID, solID}
	s.Dest[ethID] = &destination{Symbol: "USDC", Address: "0x1111111111111111111111111111111111111111"}
	s.Dest[solID] = &destination{Symbol: "USDC", Address: "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"}
	return s
}

func TestGoldenUseCaseMenu(t *testing.T) {
	h := newHarness(t)
	golden.RequireEqual(t, []byte(h.view()))
}

func TestGoldenPreview(t *testing.T) {
	h := newHarness(t)
	h.m.setup = fixedDeposit()
	h.m.setup.UserID = "someone@example.com" // a warning above the body
	h.m.history = []step{stepUseCase, stepDetails, stepNetworks, stepDestinations}
	h.m.step = stepPreview
	h.run(h.m.enter())
	golden.RequireEqual(t, []byte(h.view()))
}

func TestGoldenResult(t *testing.T) {
	h := newHarness(t)
	h.m.setup = fixedDeposit()
	h.m.history = []step{stepUseCase, stepDetails, stepNetworks, stepDestinations, stepPreview}
	h.m.step = stepFetching
	h.m.fetch.id = 7
	link := "http://127.0.0.1:40000/demo/b2b-iframe/demo/broker-connect?auth_code=DEMO-0123456789abcdef01234567&restrictMultipleAccounts=true&use_case=deposit"
	h.send(tokenFetchedMsg{id: 7, token: &mesh.LinkToken{
		Token:      "aHR0cDovLzEyNy4wLjAuMTo0MDAwMC9kZW1vL2IyYi1pZnJhbWUvZGVtby9icm9rZXItY29ubmVjdD9hdXRoX2NvZGU9REVNTy0wMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1NjcmcmVzdHJpY3RNdWx0aXBsZUFjY291bnRzPXRydWUmdXNlX2Nhc2U9ZGVwb3NpdA==",
		LinkURL:    link,
		ReceivedAt: fixedNow.Add(-83 * time.Second),
		ExpiresAt:  fixedNow.Add(-83 * time.Second).Add(mesh.TokenLifetime),
	}})
	h.wantStep(stepResult)
	golden.RequireEqual(t, []byte(h.view()))
}

// The same screens must fit 60×20.
func TestGoldenScreensFitSmallTerminals(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 20}} {
		h := newHarness(t)
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		checkFrame(t, h.view(), size[0], size[1])
		h.m.setup = fixedDeposit()
		h.m.step = stepPreview
		h.run(h.m.enter())
		checkFrame(t, h.view(), size[0], size[1])
		h.press("enter")
		h.wantStep(stepResult)
		checkFrame(t, h.view(), size[0], size[1])
	}
}

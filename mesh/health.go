package mesh

import (
	"context"
	"net/http"
	"strings"
)

// PathStatus is the integrations' health (Mesh's "Get health status").
const PathStatus = "/api/v1/status"

// IntegrationHealth is one entry of GET /api/v1/status (Mesh's
// B2BBrokersHealthStatus). Timestamps are Unix seconds.
type IntegrationHealth struct {
	Type              string          `json:"type"` // Mesh's BrokerType; the enum grows, so any value is kept
	Name              string          `json:"name,omitempty"`
	IsUp              bool            `json:"isUp"`
	Description       string          `json:"description,omitempty"`
	DownTimeStart     *int64          `json:"downTimeStart,omitempty"`
	DownTimeEnd       *int64          `json:"downTimeEnd,omitempty"`
	SupportedProducts []string        `json:"supportedProducts,omitempty"`
	DeFiWalletData    *DeFiWalletData `json:"deFiWalletData,omitempty"`
}

// DeFiWalletData tells one deFiWallet entry from another.
type DeFiWalletData struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// DisplayName is the entry's name: the wallet's for a deFiWallet entry,
// else Mesh's name, else its type.
func (h IntegrationHealth) DisplayName() string {
	switch {
	case h.DeFiWalletData != nil && h.DeFiWalletData.Name != "":
		return h.DeFiWalletData.Name
	case h.Name != "":
		return h.Name
	}
	return h.Type
}

// Matches reports whether the entry is the health of the catalog's
// integration in: the same wallet id, else the same type (for any type
// but deFiWallet, which many wallets share), else the same name, in any case.
func (h IntegrationHealth) Matches(in Integration) bool {
	switch {
	case h.DeFiWalletData != nil && h.DeFiWalletData.ID != "" && strings.EqualFold(h.DeFiWalletData.ID, in.ID):
		return true
	case h.Type != "" && !strings.EqualFold(h.Type, "deFiWallet") && strings.EqualFold(h.Type, in.Type):
		return true
	}
	name := h.DisplayName()
	return name != "" && strings.EqualFold(name, in.Name)
}

// Status fetches GET /api/v1/status: every integration and whether it is up.
func (c *Client) Status(ctx context.Context) ([]IntegrationHealth, error) {
	var content []IntegrationHealth
	if _, err := c.do(ctx, call{op: "fetch integration status", method: http.MethodGet, path: PathStatus}, &content); err != nil {
		return nil, err
	}
	return content, nil
}

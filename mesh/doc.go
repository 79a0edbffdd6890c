// Package mesh knows the Mesh Connect API: the link-token request and its
// validation rules, the HTTP client, the network and integration catalog, and
// the text that comes back from the API.
//
// It must never import anything that draws on a terminal (bubbletea, huh,
// lipgloss) and never read or write presets.
package mesh

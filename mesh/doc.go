// Package mesh knows the Mesh Connect API: the link-token request and its
// validation rules, the HTTP client, the network and integration catalog, and
// the text that comes back from the API. It also holds the rules every
// front end asks the same questions of: a use case's defaults (ApplyUseCase)
// and fields (Fields, UseCase.Has), the --to grammar (ParseDestination),
// names for networks and integrations (Catalog.NetworkID, IntegrationID),
// setting a field by path (SetField), and where a run goes (Target).
//
// It must never import anything that draws on a terminal (bubbletea, huh,
// lipgloss) and never read or write presets.
package mesh

// Package snippet writes the front-end (and back-end) code that opens Mesh
// Link with a link token, one snippet per platform, each using only the names
// of the Mesh SDK version it names, and each ending with the checklist of what
// trips people (the dashboard's origin allow-list, CSP, a token's single use).
//
// It knows Mesh's SDKs and nothing of terminals: it returns text. It imports
// mesh for the request and access-token types, and must never import
// anything that draws on a terminal, reads files or makes HTTP calls.
// Templates are parsed on first use, never at package init.
package snippet

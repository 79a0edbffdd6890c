package mesh

import "strings"

// CurlCommand is the shell command that sends r to baseURL the way meshlink
// would. Credentials appear only as references to MESH_CLIENT_ID and
// MESH_CLIENT_SECRET, so the text is safe to paste into a ticket.
func CurlCommand(baseURL string, r *LinkTokenRequest) (string, error) {
	body, err := EncodeBody(r)
	if err != nil {
		return "", err
	}
	lines := []string{
		"curl --request POST",
		"  --url " + shellQuote(strings.TrimRight(baseURL, "/")+PathLinkToken),
		"  --header 'Content-Type: application/json'",
		`  --header "X-Client-Id: $MESH_CLIENT_ID"`,
		`  --header "X-Client-Secret: $MESH_CLIENT_SECRET"`,
		"  --data " + shellQuote(strings.TrimSuffix(string(body), "\n")),
	}
	return strings.Join(lines, " \\\n") + "\n", nil
}

// shellQuote wraps s in single quotes for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

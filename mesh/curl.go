package mesh

import "strings"

// CurlCommand is the shell command that sends r to baseURL the way meshlink
// would. Credentials appear only as references to MESH_CLIENT_ID and
// MESH_CLIENT_SECRET, so the text is safe to paste into a ticket.
func CurlCommand(baseURL string, r *LinkTokenRequest) (string, error) {
	return curlCommand(baseURL, r, "$MESH_CLIENT_ID", "$MESH_CLIENT_SECRET")
}

// CurlCommand is the curl command that sends r to t (CurlBaseURL). For demo
// the keys fall back to "demo" when the variables are not set: the demo
// server takes any keys but refuses none at all.
func (t Target) CurlCommand(r *LinkTokenRequest) (string, error) {
	if t.Env == EnvDemo {
		return curlCommand(t.CurlBaseURL(), r, "${MESH_CLIENT_ID:-demo}", "${MESH_CLIENT_SECRET:-demo}")
	}
	return CurlCommand(t.CurlBaseURL(), r)
}

func curlCommand(baseURL string, r *LinkTokenRequest, id, secret string) (string, error) {
	body, err := EncodeBody(r)
	if err != nil {
		return "", err
	}
	lines := []string{
		"curl --request POST",
		"  --url " + shellQuote(strings.TrimRight(baseURL, "/")+PathLinkToken),
		"  --header 'Content-Type: application/json'",
		`  --header "X-Client-Id: ` + id + `"`,
		`  --header "X-Client-Secret: ` + secret + `"`,
		"  --data " + shellQuote(strings.TrimSuffix(string(body), "\n")),
	}
	return strings.Join(lines, " \\\n") + "\n", nil
}

// shellQuote wraps s in single quotes for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

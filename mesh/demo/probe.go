package demo

import (
	"context"
	"net/http"
	"time"
)

// identityHeader marks every answer of a demo server.
const identityHeader = "X-Meshlink-Demo"

// probeTimeout bounds the wait on a port that accepts but does not answer.
// Nothing listening is a refused connection, known at once.
const probeTimeout = 500 * time.Millisecond

// Probe reports whether a meshlink demo server answers at baseURL (like
// mesh.DemoServerURL), as opposed to nothing, or another program on the port.
func Probe(ctx context.Context, client *http.Client, baseURL string) bool {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/demo/", nil)
	if err != nil {
		return false
	}
	resp, err := client.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.Header.Get(identityHeader) == "1"
}

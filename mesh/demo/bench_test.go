package demo_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkServer_linkToken is the demo server's throughput: parallel
// clients over keep-alive connections, each fetching link tokens.
func BenchmarkServer_linkToken(b *testing.B) {
	s := start(b)
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr}
	b.SetParallelism(8)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/v1/linktoken", strings.NewReader(depositBody))
			for i := 0; i+1 < len(creds); i += 2 {
				req.Header.Set(creds[i], creds[i+1])
			}
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})
}

package demo

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestProbeTellsADemoServerFromOtherPrograms(t *testing.T) {
	srv, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("my app")) }))
	defer other.Close()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + l.Addr().String()
	l.Close()

	ctx := context.Background()
	if !Probe(ctx, http.DefaultClient, srv.URL) {
		t.Error("a running demo server was not recognised")
	}
	if Probe(ctx, http.DefaultClient, other.URL) {
		t.Error("another program on the port was taken for a demo server")
	}
	if Probe(ctx, http.DefaultClient, closed) {
		t.Error("a closed port was taken for a demo server")
	}
}

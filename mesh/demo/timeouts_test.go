package demo

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStart_setsEveryTimeout(t *testing.T) {
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": s.srv.ReadHeaderTimeout, "ReadTimeout": s.srv.ReadTimeout,
		"WriteTimeout": s.srv.WriteTimeout, "IdleTimeout": s.srv.IdleTimeout,
	} {
		if d <= 0 {
			t.Errorf("%s = %v: a slow or idle client holds a connection forever", name, d)
		}
	}
}

// Slow and idle clients are dropped; the timeouts that end the test are
// short so it does not wait, the others long enough for a loaded machine,
// and it asserts only that the server hangs up.
func TestDemo_dropsSlowAndIdleConnections(t *testing.T) {
	s, err := start(Options{Addr: "127.0.0.1:0"}, timeouts{readHeader: 300 * time.Millisecond, read: 10 * time.Second, write: 10 * time.Second, idle: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	addr := strings.TrimPrefix(s.URL, "http://")
	hangsUp := func(t *testing.T, conn net.Conn) {
		t.Helper()
		conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // far beyond the server's timeouts
		br := bufio.NewReader(conn)
		for {
			if _, err := br.ReadByte(); err != nil {
				if ne, ok := err.(net.Error); ok && ne.Timeout() {
					t.Fatal("the server kept the connection")
				}
				return
			}
		}
	}
	t.Run("headers_never_finished", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.Write([]byte("GET /api/v1/transfers/managed/networks HTTP/1.1\r\nHost: x\r\n"))
		hangsUp(t, conn)
	})
	t.Run("idle_after_a_request", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.Write([]byte("GET /api/v1/transfers/managed/networks HTTP/1.1\r\nHost: x\r\nX-Client-Id: a\r\nX-Client-Secret: b\r\n\r\n"))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		hangsUp(t, conn)
	})
}

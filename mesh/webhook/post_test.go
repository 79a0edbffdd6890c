package webhook_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/meshlink/meshlink/mesh/webhook"
)

type received struct {
	body []byte
	sig  string
}

// endpoint answers the first fail deliveries with 503, then 200, and keeps
// what it got.
func endpoint(t *testing.T, fail int) (*httptest.Server, func() []received) {
	var mu sync.Mutex
	var got []received
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, received{b, r.Header.Get(webhook.SignatureHeader)})
		n := len(got)
		mu.Unlock()
		if n <= fail {
			http.Error(w, "down for a rehearsal", http.StatusServiceUnavailable)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []received { mu.Lock(); defer mu.Unlock(); return append([]received(nil), got...) }
}

func TestPostRetriesWithANewIDAndTheSameEventID(t *testing.T) {
	srv, got := endpoint(t, 2)
	p := webhook.Poster{URL: srv.URL + "/hook", Secret: webhook.NewSecret(webhook.SecretEnv, exampleSecret), Client: webhook.NewClient()}
	d := webhook.Delivery{EventID: "ev-1", TransferID: "tr-1", TransferStatus: "Pending", Token: "USDC", SourceAmount: "25.0"}
	var attempts []webhook.Attempt
	last := p.Post(context.Background(), d, []time.Duration{time.Nanosecond, time.Nanosecond, time.Nanosecond}, func(a webhook.Attempt) { attempts = append(attempts, a) })
	if !last.OK() || len(attempts) != 3 || !attempts[2].Last || attempts[0].Last || attempts[0].Status != 503 || !strings.Contains(attempts[0].Answer, "down for a rehearsal") {
		t.Fatalf("attempts: %+v", attempts)
	}
	ids := map[string]bool{}
	for i, r := range got() {
		if !webhook.Verify(exampleSecret, r.body, r.sig) {
			t.Errorf("delivery %d: the signature does not verify", i)
		}
		if string(r.body) != string(attempts[i].Body) {
			t.Errorf("delivery %d: sent %s, reported %s", i, r.body, attempts[i].Body)
		}
		sent, err := webhook.Parse(r.body)
		if err != nil || sent.EventID != "ev-1" || sent.SourceAmount != "25.0" || sent.SentTimestamp == "" {
			t.Errorf("delivery %d: %+v, %v", i, sent, err)
		}
		ids[sent.ID] = true
	}
	if len(ids) != 3 {
		t.Errorf("the three attempts had %d Ids, want a new one each", len(ids))
	}
}

func TestPostStopsWhenTheScheduleEnds(t *testing.T) {
	srv, got := endpoint(t, 100)
	p := webhook.Poster{URL: srv.URL, Secret: webhook.NewSecret(webhook.SecretEnv, "s"), Client: webhook.NewClient()}
	n := 0
	last := p.Post(context.Background(), webhook.Delivery{EventID: "e"}, []time.Duration{time.Nanosecond}, func(webhook.Attempt) { n++ })
	if last.OK() || n != 2 || len(got()) != 2 || !last.Last || last.N != 2 {
		t.Errorf("%d attempts, %d received, last %+v; want 2 (one retry)", n, len(got()), last)
	}
}

func TestPostNoAnswer(t *testing.T) {
	srv, _ := endpoint(t, 0)
	srv.Close()
	p := webhook.Poster{URL: srv.URL, Secret: webhook.NewSecret(webhook.SecretEnv, "s"), Client: webhook.NewClient()}
	a := p.Attempt(context.Background(), webhook.Delivery{EventID: "e"}, 1)
	if a.OK() || a.Err == nil || a.Status != 0 {
		t.Errorf("a closed endpoint: %+v", a)
	}
}

func TestPostFollowsNoRedirect(t *testing.T) {
	target, got := endpoint(t, 0)
	srv := httptest.NewServer(http.RedirectHandler(target.URL, http.StatusTemporaryRedirect))
	defer srv.Close()
	p := webhook.Poster{URL: srv.URL, Secret: webhook.NewSecret(webhook.SecretEnv, "s"), Client: webhook.NewClient()}
	if a := p.Attempt(context.Background(), webhook.Delivery{EventID: "e"}, 1); a.OK() || a.Status != http.StatusTemporaryRedirect || len(got()) != 0 {
		t.Errorf("a redirect: %+v, %d deliveries at its target", a, len(got()))
	}
}

func TestCheckURL(t *testing.T) {
	for _, c := range []struct {
		url  string
		ok   bool
		says string
	}{
		{"http://127.0.0.1:3000/api/mesh/webhook", true, ""},
		{"http://localhost:3000/x", true, ""},
		{"http://[::1]:3000/", true, ""},
		{"https://hooks.example.com/mesh", true, ""},
		{"http://hooks.example.com/mesh", false, "use https://"},
		{"ftp://127.0.0.1/", false, "not an http(s) address"},
		{"127.0.0.1:3000", false, "not an http(s) address"},
		{"https://user:pw@example.com/", false, "user name or password"},
	} {
		err := webhook.CheckURL(c.url)
		if (err == nil) != c.ok || err != nil && !strings.Contains(err.Error(), c.says) {
			t.Errorf("CheckURL(%q) = %v", c.url, err)
		}
		if err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("CheckURL(%q) shows the password: %v", c.url, err)
		}
	}
}

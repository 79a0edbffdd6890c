package demo_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/demo"
)

const solanaID = "0291810a-5947-424d-9a59-e88bb33e999d"

func start(t testing.TB) *demo.Server {
	t.Helper()
	s, err := demo.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || strings.HasSuffix(s.URL, ":0") {
		t.Fatalf("URL = %q, want a loopback URL with a real port", s.URL)
	}
	return s
}

// envelope is Mesh's answer around every call.
type envelope struct {
	Content   json.RawMessage `json:"content"`
	Status    string          `json:"status"`
	Message   string          `json:"message"`
	ErrorType string          `json:"errorType"`
	ErrorHash string          `json:"errorHash"`
}

// call sends one raw request; headers are name, value pairs.
func call(t *testing.T, s *demo.Server, method, path, body string, headers ...string) (int, http.Header, envelope) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("%s %s answered %d with a body that is not the envelope: %v\n%s", method, path, resp.StatusCode, err, raw)
	}
	return resp.StatusCode, resp.Header, env
}

var creds = []string{"X-Client-Id", "demo-client", "X-Client-Secret", "demo-secret", "Content-Type", "application/json"}

const depositBody = `{"userId":"user-1","restrictMultipleAccounts":true,"transferOptions":{"transactionId":"t-1","transferType":"deposit","toAddresses":[{"networkId":"` + solanaID + `","symbol":"USDC","address":"addr"}]}}`

func TestDemo_missingCredentials(t *testing.T) {
	s := start(t)
	for name, headers := range map[string][]string{
		"no_headers":  nil,
		"only_id":     {"X-Client-Id", "x"},
		"only_secret": {"X-Client-Secret", "x"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, env := call(t, s, "POST", mesh.PathLinkToken, depositBody, headers...)
			if code != http.StatusUnauthorized || env.Status != "permissionDenied" {
				t.Errorf("got %d %q, want 401 permissionDenied", code, env.Status)
			}
			if !strings.Contains(env.Message, "X-Client-Id and X-Client-Secret headers are required") {
				t.Errorf("message = %q", env.Message)
			}
		})
	}
}

func TestDemo_invalidBody(t *testing.T) {
	s := start(t)
	tests := []struct {
		name, body, errorType, says string
	}{
		{"unknown_field", `{"userId":"u","userEmail":"a@b.c"}`, "invalidField", `userEmail: is not a field of the request`},
		{"configurationId", `{"userId":"u","configurationId":"18a20b11-e47f-43b9-8546-94284e9ee547"}`, "invalidField", "configurationId: Mesh removed configurationId from its API in 2023"},
		{"duplicate_key", `{"userId":"u","UserId":"v"}`, "invalidField", `"userId" and "UserId" are the same key`},
		{"accessTokens", `{"userId":"u","accessTokens":[{"accessToken":"t"}]}`, "invalidField", "accessTokens: is not a field of the link-token request"},
		{"missing_userId", `{"restrictMultipleAccounts":true}`, "missingField", "userId: required"},
		{"not_json", `{"userId":`, "invalidField", "the body is not a link-token request"},
		{"amount_not_a_number", `{"userId":"u","transferOptions":{"toAddresses":[{"amount":"lots"}]}}`, "invalidField", `transferOptions.toAddresses[0].amount: "lots" is not a number`},
		{"payment_without_amount", `{"userId":"u","transferOptions":{"transferType":"payment","toAddresses":[{"networkId":"` + solanaID + `","symbol":"USDC","address":"a"}]}}`,
			"missingField", "transferOptions.toAddresses[0].amount: required for payments"},
		{"bad_transferType", `{"userId":"u","transferOptions":{"transferType":"refund","toAddresses":[{"networkId":"` + solanaID + `","symbol":"USDC","address":"a"}]}}`,
			"invalidField", `"refund" is not a transfer type`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, env := call(t, s, "POST", mesh.PathLinkToken, tt.body, creds...)
			if code != http.StatusBadRequest || env.Status != "badRequest" || env.ErrorType != tt.errorType {
				t.Errorf("got %d %q %q, want 400 badRequest %q", code, env.Status, env.ErrorType, tt.errorType)
			}
			if !strings.Contains(env.Message, tt.says) {
				t.Errorf("message = %q, want it to say %q", env.Message, tt.says)
			}
			if len(env.ErrorHash) != 8 {
				t.Errorf("errorHash = %q, want 8 hex characters like Mesh's", env.ErrorHash)
			}
		})
	}
}

func TestDemo_routing(t *testing.T) {
	s := start(t)
	code, h, env := call(t, s, "GET", mesh.PathLinkToken, "", creds...)
	if code != http.StatusMethodNotAllowed || h.Get("Allow") != "POST" || env.Status != "badRequest" {
		t.Errorf("GET linktoken: %d Allow=%q %q", code, h.Get("Allow"), env.Status)
	}
	code, _, env = call(t, s, "POST", "/api/v1/nothing", "{}", creds...)
	if code != http.StatusNotFound || env.Status != "" || !strings.Contains(env.Message, "/api/v1/nothing") {
		t.Errorf("unknown path: %d %q %q", code, env.Status, env.Message)
	}
	code, _, _ = call(t, s, "POST", "/api/v1/linkToken/", depositBody, creds...)
	if code != http.StatusOK {
		t.Errorf("/api/v1/linkToken/ answered %d, want 200 (path case and trailing slash are forgiven)", code)
	}
}

func decodeToken(t *testing.T, env envelope) (token, link, payLink string) {
	t.Helper()
	var c struct {
		LinkToken   string `json:"linkToken"`
		PaymentLink string `json:"paymentLink"`
	}
	if err := json.Unmarshal(env.Content, &c); err != nil {
		t.Fatalf("content %s: %v", env.Content, err)
	}
	b, err := base64.StdEncoding.DecodeString(c.LinkToken)
	if err != nil {
		t.Fatalf("linkToken %q is not standard base64: %v", c.LinkToken, err)
	}
	return c.LinkToken, string(b), c.PaymentLink
}

func TestDemo_depositToken(t *testing.T) {
	s := start(t)
	code, _, env := call(t, s, "POST", mesh.PathLinkToken, depositBody, "X-Client-Id", "client/1", "X-Client-Secret", "s", "Content-Type", "application/json")
	if code != 200 || env.Status != "ok" {
		t.Fatalf("got %d %q: %s", code, env.Status, env.Message)
	}
	_, link, payLink := decodeToken(t, env)
	if !strings.HasPrefix(link, s.URL+"/demo/b2b-iframe/client%2F1/broker-connect?") {
		t.Errorf("token decodes to %q, want a /demo/ URL on %s with the client id escaped", link, s.URL)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("use_case") != "deposit" || q.Get("restrictMultipleAccounts") != "true" || !strings.HasPrefix(q.Get("auth_code"), "DEMO-") {
		t.Errorf("query = %v", q)
	}
	if payLink != "" {
		t.Errorf("paymentLink = %q without generatePayLink", payLink)
	}

	// Two calls never share an auth code: tokens are single use.
	_, _, env2 := call(t, s, "POST", mesh.PathLinkToken, depositBody, creds...)
	_, link2, _ := decodeToken(t, env2)
	u2, _ := url.Parse(link2)
	if u2.Query().Get("auth_code") == q.Get("auth_code") {
		t.Error("two tokens share an auth code")
	}
}

func TestDemo_payLink(t *testing.T) {
	s := start(t)
	body := strings.Replace(depositBody, `"transferType":"deposit"`, `"transferType":"deposit","generatePayLink":true`, 1)
	code, _, env := call(t, s, "POST", mesh.PathLinkToken, body, creds...)
	if code != 200 {
		t.Fatalf("got %d: %s", code, env.Message)
	}
	token, _, payLink := decodeToken(t, env)
	want := s.URL + "/demo/paylink?" + (url.Values{"linkToken": {token}}).Encode()
	if payLink != want {
		t.Errorf("paymentLink = %q, want %q", payLink, want)
	}

	noTx := strings.Replace(body, `"transactionId":"t-1",`, "", 1)
	code, _, env = call(t, s, "POST", mesh.PathLinkToken, noTx, creds...)
	if code != 400 || !strings.Contains(env.Message, "transferOptions.transactionId: required when generatePayLink is true") {
		t.Errorf("generatePayLink without transactionId: %d %q", code, env.Message)
	}
}

func TestDemo_useCases(t *testing.T) {
	s := start(t)
	for _, u := range mesh.UseCases {
		t.Run(string(u), func(t *testing.T) {
			r := mesh.NewRequest(u, "user-1")
			if r.TransferOptions != nil {
				r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "a", Amount: mesh.Decimal("1")}}
			}
			body, err := mesh.EncodeBody(r)
			if err != nil {
				t.Fatal(err)
			}
			code, _, env := call(t, s, "POST", mesh.PathLinkToken, string(body), creds...)
			if code != 200 {
				t.Fatalf("got %d: %s", code, env.Message)
			}
			_, link, _ := decodeToken(t, env)
			lu, _ := url.Parse(link)
			if got := lu.Query().Get("use_case"); got != string(u) {
				t.Errorf("use_case = %q, want %q", got, u)
			}
		})
	}
}

func TestDemo_catalog(t *testing.T) {
	s := start(t)
	code, _, env := call(t, s, "GET", mesh.PathNetworks, "", creds...)
	if code != 200 {
		t.Fatalf("networks: %d", code)
	}
	var nets struct {
		Networks []struct {
			ID              string   `json:"id"`
			Name            string   `json:"name"`
			SupportedTokens []string `json:"supportedTokens"`
			Tokens          []struct {
				Symbol string `json:"symbol"`
			} `json:"tokens"`
		} `json:"networks"`
	}
	if err := json.Unmarshal(env.Content, &nets); err != nil {
		t.Fatal(err)
	}
	if len(nets.Networks) != len(mesh.Snapshot().Networks) {
		t.Errorf("%d networks, want the snapshot's %d", len(nets.Networks), len(mesh.Snapshot().Networks))
	}
	for _, n := range nets.Networks {
		if len(n.Tokens) != len(n.SupportedTokens) {
			t.Errorf("%s: %d tokens, %d supportedTokens; Mesh sends both lists alike", n.Name, len(n.Tokens), len(n.SupportedTokens))
		}
	}

	code, _, env = call(t, s, "GET", mesh.PathIntegrations, "", creds...)
	var ints struct {
		Integrations []mesh.Integration `json:"integrations"`
	}
	if err := json.Unmarshal(env.Content, &ints); err != nil || code != 200 {
		t.Fatalf("integrations: %d %v", code, err)
	}
	// Like Mesh's, the managed-transfers list lacks the self-custody
	// wallets; the integration catalog has them all.
	for _, in := range ints.Integrations {
		if in.Type == "deFiWallet" {
			t.Errorf("the managed list has the wallet %s", in.Name)
		}
	}
	code, _, env = call(t, s, "GET", mesh.PathIntegrationsCatalog, "", creds...)
	var all struct {
		Items []mesh.Integration `json:"items"`
	}
	if err := json.Unmarshal(env.Content, &all); err != nil || code != 200 {
		t.Fatalf("integration catalog: %d %v", code, err)
	}
	if len(all.Items) != len(mesh.Snapshot().Integrations) || len(ints.Integrations) >= len(all.Items) {
		t.Errorf("%d managed, %d in the catalog, want fewer and the snapshot's %d", len(ints.Integrations), len(all.Items), len(mesh.Snapshot().Integrations))
	}
}

func TestDemo_recordsRequests(t *testing.T) {
	s := start(t)
	var heard []demo.Request
	var mu sync.Mutex
	s.OnRequest = func(r demo.Request) { mu.Lock(); heard = append(heard, r); mu.Unlock() }

	call(t, s, "POST", mesh.PathLinkToken, depositBody, creds...)
	call(t, s, "GET", mesh.PathNetworks, "")
	reqs := s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("Requests() = %d, want 2", len(reqs))
	}
	r := reqs[0]
	if r.Method != "POST" || r.Path != mesh.PathLinkToken || string(r.Body) != depositBody || r.Status != 200 {
		t.Errorf("first request = %s %s %d %s", r.Method, r.Path, r.Status, r.Body)
	}
	if r.Header.Get("X-Client-Id") != "demo-client" || r.Header.Get("X-Client-Secret") != "demo-secret" {
		t.Errorf("headers = %v", r.Header)
	}
	if reqs[1].Status != http.StatusUnauthorized || reqs[1].Method != "GET" {
		t.Errorf("second request = %s %d, want GET 401", reqs[1].Method, reqs[1].Status)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(heard) != 2 {
		t.Errorf("OnRequest heard %d calls, want 2", len(heard))
	}

	// Requests returns a copy.
	reqs[0].Path = "edited"
	if s.Requests()[0].Path != mesh.PathLinkToken {
		t.Error("editing Requests() changed the server's record")
	}
}

func TestDemo_page(t *testing.T) {
	s := start(t)
	resp, err := http.Get(s.URL + "/demo/b2b-iframe/x/<script>alert(1)</script>")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(string(b), "meshlink demo — not Mesh") {
		t.Errorf("page does not say it is a demo:\n%s", b)
	}
	if strings.Contains(string(b), "alert(1)") {
		t.Errorf("page echoes the path:\n%s", b)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'; script-src 'sha256-") {
		t.Errorf("Content-Security-Policy = %q, want nothing but the page's own script", csp)
	}
	if n := len(s.Requests()); n != 0 {
		t.Errorf("a page view was recorded as an API call (%d)", n)
	}
}

func client(s *demo.Server, trusted bool) *mesh.Client {
	c := &mesh.Client{
		BaseURL:     s.URL,
		Env:         mesh.EnvDemo,
		Credentials: mesh.Credentials{ClientID: "demo", ClientSecret: "demo"},
	}
	if trusted {
		c.TrustedLinkOrigins = []string{s.URL}
	}
	return c
}

func TestDemo_withMeshClient(t *testing.T) {
	s := start(t)
	r := mesh.NewRequest(mesh.UsePayment, "user-1")
	r.TransferOptions.TransactionID = "order-1"
	r.TransferOptions.GeneratePayLink = mesh.Bool(true)
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "a", Amount: mesh.Decimal("99.99")}}

	lt, err := client(s, true).LinkToken(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if lt.Suspicious != "" || !strings.HasPrefix(lt.LinkURL, s.URL+"/demo/") {
		t.Errorf("LinkURL = %q, Suspicious = %q; want a trusted demo URL", lt.LinkURL, lt.Suspicious)
	}
	if !strings.HasPrefix(lt.PaymentLink, s.URL+"/demo/paylink?linkToken=") {
		t.Errorf("PaymentLink = %q", lt.PaymentLink)
	}
	if got := s.Requests()[0].Body; !strings.Contains(string(got), `"amount": 99.99`) {
		t.Errorf("the server did not receive the amount as written:\n%s", got)
	}

	lt, err = client(s, false).LinkToken(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if lt.LinkURL != "" || !strings.Contains(lt.Suspicious, "not a Mesh Link host") {
		t.Errorf("without TrustedLinkOrigins: LinkURL = %q, Suspicious = %q", lt.LinkURL, lt.Suspicious)
	}

	nets, err := client(s, true).Networks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(nets) != len(mesh.Snapshot().Networks) || nets[0].Name != "Ethereum" || !nets[0].Supports("USDC") {
		t.Errorf("Networks() = %d networks, first %+v", len(nets), nets[0])
	}
	ints, err := client(s, true).Integrations(context.Background())
	if err != nil || len(ints) != len(mesh.Snapshot().Integrations) {
		t.Errorf("Integrations() = %d, %v", len(ints), err)
	}
}

func TestDemo_meshClientSeesDemoErrors(t *testing.T) {
	s := start(t)
	c := client(s, true)
	c.Credentials = mesh.Credentials{}
	_, err := c.Networks(context.Background())
	var ae *mesh.APIError
	if !errors.As(err, &ae) || !ae.Unauthorized() || ae.Status != "permissionDenied" {
		t.Fatalf("err = %v, want 401 permissionDenied", err)
	}
	if !strings.Contains(err.Error(), "MESH_CLIENT_ID") || !strings.Contains(err.Error(), "for demo") {
		t.Errorf("Error() = %q", err)
	}
}

func TestDemo_concurrentCalls(t *testing.T) {
	s := start(t)
	c := client(s, true)
	r := mesh.NewRequest(mesh.UseWithdrawal, "user-1")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.LinkToken(context.Background(), r); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := len(s.Requests()); n != 8 {
		t.Errorf("Requests() = %d, want 8", n)
	}
}

func TestStart_busyAddress(t *testing.T) {
	s := start(t)
	if _, err := demo.Start(strings.TrimPrefix(s.URL, "http://")); err == nil || !strings.Contains(err.Error(), "demo server:") {
		t.Errorf("Start on a busy port: err = %v", err)
	}
}

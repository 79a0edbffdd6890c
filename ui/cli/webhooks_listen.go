package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/webhook"
)

// defaultListenAddr is where 'webhooks listen' takes deliveries unless told
// otherwise: fixed, so a tunnel or 'webhooks send' can be pointed at it
// once, and next to the demo server's 8080.
const defaultListenAddr = "127.0.0.1:8787"

type webhooksListenOptions struct {
	addr      string
	forwardTo string
	fail      int
	json      bool
}

func newWebhooksListenCmd(app *App, g *globalFlags) *cobra.Command {
	o := &webhooksListenOptions{}
	cmd := &cobra.Command{
		Use:   "listen",
		Short: "Receive webhook deliveries on this machine and check each one",
		Long: `Take Mesh's webhook deliveries on --addr, on any path (Mesh posts to whatever
URL was registered, like a tunnel's /api/mesh/webhook), and print each as it
arrives: the time, TransferStatus, TransactionId, TransferId, amounts and
token, EventId; whether X-Mesh-Signature-256 is valid, invalid (and why) or
missing; "duplicate of the delivery at …" when an EventId comes again (the
last 10,000 EventIds are remembered); and how the transfer's status moved
(pending → succeeded), flagging a move that cannot be in order.

The secret comes from MESH_WEBHOOK_SECRET (without it signatures show as
"unchecked"). Every delivery is answered 200, as Mesh expects, or 503 for
the first N with --fail N, to rehearse Mesh's retries. --forward-to sends
each delivery on to your own endpoint, body and headers as received, and
prints its answer as Mesh would see it. ctrl+c stops.`,
		Example: `  meshlink webhooks listen
  meshlink webhooks listen --forward-to http://127.0.0.1:3000/api/mesh/webhook --fail 2
  meshlink webhooks listen --json | jq 'select(.signature != "valid")'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWebhooksListen(cmd.Context(), app, g, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", defaultListenAddr, "host:port to take deliveries on")
	f.StringVar(&o.forwardTo, "forward-to", "", "your endpoint's URL: each delivery is sent on to it as received")
	f.IntVar(&o.fail, "fail", 0, "answer 503 to the first N deliveries (Mesh retries them)")
	f.BoolVar(&o.json, "json", false, "print one JSON object a line per delivery: signature, duplicate, payload as received …")
	return cmd
}

func runWebhooksListen(ctx context.Context, app *App, g *globalFlags, o *webhooksListenOptions) error {
	if o.fail < 0 {
		return usagef("--fail %d: give how many deliveries to answer 503, 0 or more", o.fail)
	}
	if o.forwardTo != "" {
		if err := webhook.CheckURL(o.forwardTo); err != nil {
			return usagef("--forward-to: %v", err)
		}
	}
	loopback, err := isLoopbackAddr(o.addr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return usagef("listen on %s: %v (is another 'webhooks listen' running? pick another port with --addr)", o.addr, err)
	}
	secrets, _ := webhookSecrets(app, false)
	l := newListener(app, o, secrets)
	srv := &http.Server{Handler: l, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	if !loopback {
		g.note(app, "warning: %s is reachable from other machines; anyone who can reach it can post deliveries", o.addr)
	}
	fmt.Fprintf(app.Err, "meshlink webhooks listen: listening on http://%s (any path)\n", ln.Addr())
	if secrets.Main.Set() {
		g.note(app, "checking signatures with %s", secrets.Main.Name)
	} else {
		g.note(app, "%s is not set: signatures are not checked (shown as unchecked)", webhook.SecretEnv)
	}
	if o.forwardTo != "" {
		g.note(app, "forwarding each delivery to %s", mesh.CleanText(o.forwardTo))
	}
	if o.fail > 0 {
		g.note(app, "answering 503 to the first %d deliveries, then 200", o.fail)
	}
	g.note(app, "duplicates: the last %d,%03d EventIds are remembered; ctrl+c stops", webhook.Window/1000, webhook.Window%1000)

	select {
	case err := <-served:
		return fmt.Errorf("webhooks listen: %w", err)
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(stop)
	g.note(app, "%s", l.summary())
	return ctx.Err()
}

// listener takes deliveries: it checks, remembers, forwards, answers and
// prints each.
type listener struct {
	app     *App
	o       *webhooksListenOptions
	secrets webhook.Secrets
	client  *http.Client

	mu         sync.Mutex
	tracker    webhook.Tracker
	n          int
	verdicts   map[webhook.Verdict]int
	duplicates int
}

func newListener(app *App, o *webhooksListenOptions, secrets webhook.Secrets) *listener {
	client := webhook.NewClient()
	client.Timeout = 10 * time.Second
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		t = t.Clone()
		t.DisableCompression = true // no Accept-Encoding of our own on what is forwarded
		t.MaxIdleConnsPerHost = 64
		client.Transport = t
	}
	if app.HTTPClient != nil && app.HTTPClient.Transport != nil {
		client.Transport = app.HTTPClient.Transport
	}
	return &listener{app: app, o: o, secrets: secrets, client: client, verdicts: map[webhook.Verdict]int{}}
}

// listenEvent is one delivery as listen saw it: printed as a few lines, or
// as one JSON object with --json.
type listenEvent struct {
	N           int               `json:"n"`
	Time        time.Time         `json:"time"`
	Method      string            `json:"method"`
	Path        string            `json:"path"`
	Signature   webhook.Verdict   `json:"signature"`
	Findings    []webhook.Finding `json:"findings,omitempty"`
	Duplicate   bool              `json:"duplicate"`
	DuplicateOf *time.Time        `json:"duplicateOf,omitempty"`
	From        string            `json:"from,omitempty"` // the transfer's status before
	OutOfOrder  string            `json:"outOfOrder,omitempty"`
	Answered    int               `json:"answered"`
	Forward     *forwardResult    `json:"forward,omitempty"`
	Error       string            `json:"error,omitempty"` // why the body is not a delivery
	Body        string            `json:"body,omitempty"`  // a body that is not JSON
	Payload     json.RawMessage   `json:"payload"`         // as received (made one line); null when not JSON. Last: print puts it in by hand

	delivery webhook.Delivery
}

type forwardResult struct {
	URL    string  `json:"url"`
	Status int     `json:"status,omitempty"`
	Millis float64 `json:"ms"`
	Error  string  `json:"error,omitempty"`

	took time.Duration
}

func (l *listener) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "meshlink webhooks listen takes Mesh's webhook deliveries: POST them, with their X-Mesh-Signature-256", http.StatusMethodNotAllowed)
		return
	}
	at := l.app.Now()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, webhook.MaxBody))
	var tooLarge *http.MaxBytesError
	if err != nil && !errors.As(err, &tooLarge) {
		return // the sender went away mid-body
	}
	ev := listenEvent{Time: at, Method: mesh.CleanText(r.Method), Path: mesh.CleanText(r.URL.Path), Answered: http.StatusOK}
	check := webhook.CheckSignature(l.secrets, body, r.Header.Get(webhook.SignatureHeader))
	ev.Signature, ev.Findings = check.Verdict, check.Findings
	d, parseErr := webhook.Parse(body)
	switch {
	case tooLarge != nil:
		ev.Error, ev.Answered = fmt.Sprintf("the body is over %s: not a Mesh delivery", mesh.FormatBytes(webhook.MaxBody)), http.StatusRequestEntityTooLarge
	case parseErr != nil:
		ev.Error = parseErr.Error()
	}
	var compact bytes.Buffer
	if json.Compact(&compact, body) == nil {
		ev.Payload = compact.Bytes()
	} else if tooLarge == nil {
		ev.Body = string(body)
	}
	ev.delivery = d

	l.mu.Lock()
	l.n++
	ev.N = l.n
	if parseErr == nil {
		var seen webhook.Seen
		if ev.Signature == webhook.Valid || ev.Signature == webhook.Unchecked {
			seen = l.tracker.Observe(d, at)
		} else {
			seen = l.tracker.Peek(d) // a forged or mis-signed delivery is shown, not remembered
		}
		if seen.Duplicate() {
			ev.Duplicate, ev.DuplicateOf = true, &seen.DuplicateOf
			l.duplicates++
		}
		ev.From, ev.OutOfOrder = string(seen.From), seen.OutOfOrder
	}
	if ev.N <= l.o.fail && ev.Answered == http.StatusOK {
		ev.Answered = http.StatusServiceUnavailable
	}
	l.verdicts[ev.Signature]++
	l.mu.Unlock()

	// Mesh allows 200 ms: the answer goes whole before the forward, so a
	// slow endpoint of yours never makes Mesh retry listen.
	msg := ev.Error
	if ev.Answered == http.StatusServiceUnavailable {
		msg = fmt.Sprintf("meshlink webhooks listen: 503 to delivery %d of the first %d (--fail)", ev.N, l.o.fail)
	}
	if l.o.forwardTo == "" || tooLarge != nil {
		l.print(ev)
		answer(w, ev.Answered, msg)
		return
	}
	answer(w, ev.Answered, msg)
	// The sender may hang up once answered: that ends the forward no more.
	ev.Forward = l.forward(context.WithoutCancel(r.Context()), r, body)
	l.print(ev)
}

// answer sends the whole answer at once, its length stated, so the sender
// has all of it while the handler goes on.
func answer(w http.ResponseWriter, code int, msg string) {
	body := ""
	if code != http.StatusOK {
		body = msg + "\n"
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	_, _ = io.WriteString(w, body)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// hopByHop are headers of one connection, which a forward does not carry.
var hopByHop = map[string]bool{"Connection": true, "Keep-Alive": true, "Proxy-Connection": true, "Proxy-Authenticate": true,
	"Proxy-Authorization": true, "Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true}

// forward sends the delivery on as received: the body's bytes and the
// headers, the signature among them.
func (l *listener) forward(ctx context.Context, r *http.Request, body []byte) *forwardResult {
	res := &forwardResult{URL: mesh.CleanText(l.o.forwardTo)}
	req, err := http.NewRequestWithContext(ctx, r.Method, l.o.forwardTo, bytes.NewReader(body))
	if err != nil {
		res.Error = err.Error()
		return res
	}
	for k, vs := range r.Header {
		if !hopByHop[k] && k != "Content-Length" {
			req.Header[k] = append([]string(nil), vs...)
		}
	}
	if _, ok := r.Header["User-Agent"]; !ok {
		req.Header["User-Agent"] = []string{""} // none, as received: not Go's own
	}
	start := time.Now()
	resp, err := l.client.Do(req)
	res.took = time.Since(start)
	res.Millis = float64(res.took.Microseconds()) / 1000
	if err != nil {
		if u := errors.Unwrap(err); u != nil {
			err = u
		}
		res.Error = mesh.CleanText(err.Error())
		return res
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	res.Status = resp.StatusCode
	return res
}

func (l *listener) print(ev listenEvent) {
	if l.o.json {
		// The payload, compact and valid already, is put in as it is:
		// Marshal would check and compact it again.
		payload := ev.Payload
		if payload == nil {
			payload = json.RawMessage("null")
		}
		ev.Payload = nil
		b, err := json.Marshal(ev)
		if err == nil {
			b = append(append(append(b[:len(b)-len(`null}`)], payload...), '}'), '\n')
			_, _ = l.app.Out.Write(b)
		}
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#%d  %s  %s %s", ev.N, ev.Time.Local().Format("15:04:05.000"), ev.Method, ev.Path)
	if ev.Error == "" {
		b.WriteString("  " + deliverySummary(ev.delivery))
	}
	b.WriteString("\n    ")
	out := spansFor(l.app.Out)
	out.plain(b.String())
	b.Reset()
	sep := ""
	note := func(st style, text string) {
		out.plain(sep)
		out.add(st, text)
		sep = " · "
	}
	switch ev.Signature {
	case webhook.Unchecked:
		note(plain, "signature unchecked ("+webhook.SecretEnv+" not set)")
	case webhook.Missing:
		note(caution, "signature missing (no "+webhook.SignatureHeader+")")
	case webhook.Valid:
		note(good, "signature valid")
	default:
		note(bad, "signature "+string(ev.Signature))
	}
	if ev.Duplicate {
		note(caution, "duplicate of the delivery at "+ev.DuplicateOf.Local().Format("15:04:05.000"))
	}
	if ev.From != "" {
		note(plain, mesh.CleanText(ev.From)+" → "+mesh.CleanText(string(ev.delivery.TransferStatus)))
		if ev.OutOfOrder != "" {
			out.plain(" ")
			out.add(caution, "OUT OF ORDER: "+ev.OutOfOrder)
		}
	}
	if ev.Answered != http.StatusOK {
		note(plain, fmt.Sprintf("answered %d", ev.Answered))
	}
	b.WriteByte('\n')
	if ev.Error != "" {
		fmt.Fprintf(&b, "    %s\n", ev.Error)
	}
	for _, f := range ev.Findings {
		fmt.Fprintf(&b, "    why: %s\n", f.Message)
	}
	if f := ev.Forward; f != nil {
		var err error
		if f.Error != "" {
			err = errors.New(f.Error)
		}
		fmt.Fprintf(&b, "    forwarded to %s: %s\n", f.URL, answered(f.Status, err, f.took))
	}
	out.plain(b.String())
	_ = out.writeTo(l.app.Out)
}

// summary counts the deliveries taken, for the end of a run.
func (l *listener) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var parts []string
	for _, v := range []webhook.Verdict{webhook.Valid, webhook.Invalid, webhook.Missing, webhook.Unchecked} {
		if n := l.verdicts[v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, v))
		}
	}
	s := fmt.Sprintf("%d deliveries", l.n)
	if l.n == 1 {
		s = "1 delivery"
	}
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	return s + "; " + plural(l.duplicates, "duplicate")
}

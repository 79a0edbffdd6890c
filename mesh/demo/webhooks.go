package demo

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/webhook"
)

// WebhookOptions make the demo server deliver Mesh's transfer webhooks:
// one signed delivery per change of a transfer's status in its Books.
type WebhookOptions struct {
	// URL receives the deliveries; "" delivers none.
	URL    string
	Secret webhook.Secret
	// DuplicateEvery delivers every Nth event twice (the first, the
	// N+1th …), as Mesh's at-least-once delivery can; 0 never.
	DuplicateEvery int
	// RetrySchedule is the wait before each retry of a delivery that got
	// no 2xx; nil means webhook.RetrySchedule.
	RetrySchedule []time.Duration
	// OnAttempt, when set, hears every attempt (Last and RetryIn set), and
	// every delivery dropped because the queue was full (Err
	// ErrWebhookQueueFull).
	OnAttempt func(webhook.Attempt)
	// Client posts the deliveries; webhook.NewClient() when nil.
	Client *http.Client
}

// WebhookQueue bounds the deliveries waiting to go out, retries included:
// past it a delivery is dropped (and reported), so the books never wait
// on a slow endpoint.
const WebhookQueue = 1000

// ErrWebhookQueueFull is the Err of a delivery dropped for a full queue.
var ErrWebhookQueueFull = errors.New("the demo server's webhook queue is full: delivery dropped")

// deliverer posts webhooks from one goroutine, in the order the books
// changed; a retry goes to the back of the queue when its wait is over.
type deliverer struct {
	o      WebhookOptions
	poster webhook.Poster
	queue  chan delivery
	ctx    context.Context
	stop   context.CancelFunc
	done   chan struct{}

	mu     sync.Mutex
	events int
	timers map[*time.Timer]bool
}

type delivery struct {
	d webhook.Delivery
	n int // the attempt
}

func startDeliverer(books *Books, o WebhookOptions) *deliverer {
	if o.RetrySchedule == nil {
		o.RetrySchedule = webhook.RetrySchedule
	}
	if o.Client == nil {
		o.Client = webhook.NewClient()
	}
	ctx, stop := context.WithCancel(context.Background())
	dl := &deliverer{
		o: o, poster: webhook.Poster{URL: o.URL, Secret: o.Secret, Client: o.Client},
		queue: make(chan delivery, WebhookQueue), ctx: ctx, stop: stop, done: make(chan struct{}),
		timers: map[*time.Timer]bool{},
	}
	go dl.run()
	books.OnChange(dl.changed)
	return dl
}

// changed runs on the books' goroutine: it only queues.
func (dl *deliverer) changed(t mesh.Transfer) {
	d := deliveryOf(t, time.Now())
	dl.mu.Lock()
	dl.events++
	twice := dl.o.DuplicateEvery > 0 && dl.events%dl.o.DuplicateEvery == 1%dl.o.DuplicateEvery
	dl.mu.Unlock()
	dl.enqueue(delivery{d, 1})
	if twice {
		dl.enqueue(delivery{d, 1})
	}
}

func (dl *deliverer) enqueue(j delivery) {
	if dl.ctx.Err() != nil {
		return
	}
	select {
	case dl.queue <- j:
	default:
		dl.report(webhook.Attempt{Delivery: j.d, N: j.n, Err: ErrWebhookQueueFull, Last: true})
	}
}

func (dl *deliverer) run() {
	defer close(dl.done)
	for {
		select {
		case <-dl.ctx.Done():
			return
		case j := <-dl.queue:
			a := dl.poster.Attempt(dl.ctx, j.d, j.n)
			if dl.ctx.Err() != nil {
				return
			}
			a.Last = a.OK() || j.n > len(dl.o.RetrySchedule)
			if !a.Last {
				a.RetryIn = dl.o.RetrySchedule[j.n-1]
				dl.retry(delivery{j.d, j.n + 1}, a.RetryIn)
			}
			dl.report(a)
		}
	}
}

func (dl *deliverer) retry(j delivery, after time.Duration) {
	dl.mu.Lock()
	defer dl.mu.Unlock()
	var t *time.Timer
	t = time.AfterFunc(after, func() {
		dl.mu.Lock()
		delete(dl.timers, t)
		dl.mu.Unlock()
		dl.enqueue(j)
	})
	dl.timers[t] = true
}

func (dl *deliverer) report(a webhook.Attempt) {
	if dl.o.OnAttempt != nil {
		dl.o.OnAttempt(a)
	}
}

// close stops delivering: an attempt under way is cut off, waiting
// retries are dropped.
func (dl *deliverer) close() {
	dl.stop()
	dl.mu.Lock()
	for t := range dl.timers {
		t.Stop()
	}
	dl.mu.Unlock()
	<-dl.done
}

// deliveryOf is the webhook Mesh would send for t's current status, a new
// event. TransferStatus is capitalised, as in Mesh's own example payload.
func deliveryOf(t mesh.Transfer, now time.Time) webhook.Delivery {
	d := webhook.Delivery{
		EventID: uuid.NewString(), UserID: t.UserID, TransactionID: t.ClientTransactionID, TransferID: t.ID,
		TransferStatus: mesh.TransferStatus(capitalise(string(t.Status))), TxHash: t.Hash, Chain: t.NetworkName,
		Token: t.Symbol, DestinationAddress: t.DestinationAddress, RefundAddress: t.RefundAddress,
		SourceAmount: amount(t.SourceAmount, t.Amount), DestinationAmount: amount(t.DestinationAmount, t.AmountToReceive),
		Timestamp: json.Number(strconv.FormatInt(now.UnixMilli(), 10)),
	}
	if t.From != nil {
		d.SourceAccountProvider = t.From.Name
	}
	return d
}

func amount(exact *float64, otherwise float64) json.Number {
	v := otherwise
	if exact != nil {
		v = *exact
	}
	if v == 0 {
		return ""
	}
	return json.Number(strconv.FormatFloat(v, 'f', -1, 64))
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

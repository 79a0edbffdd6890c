package mesh

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PathTransfers lists the transfers Mesh initiated (Mesh's "Get transfers
// initiated by Mesh").
const PathTransfers = "/api/v1/transfers/managed/mesh"

// TransferOrderBy is a sort column of the transfer list (Mesh's
// TransferOrderByFields).
type TransferOrderBy string

// Mesh's sort columns. The transaction id's column is spelled
// clientTransferId, as Mesh spells it.
const (
	OrderByID               TransferOrderBy = "id"
	OrderByClientTransferID TransferOrderBy = "clientTransferId"
	OrderByUserID           TransferOrderBy = "userId"
	OrderByFromType         TransferOrderBy = "fromType"
	OrderByAmountInFiat     TransferOrderBy = "amountInFiat"
	OrderByStatus           TransferOrderBy = "status"
	OrderByCreatedTimestamp TransferOrderBy = "createdTimestamp"
	OrderBySymbol           TransferOrderBy = "symbol"
	OrderByNetworkName      TransferOrderBy = "networkName"
)

// TransferOrderByFields are the sort columns, in Mesh's order.
var TransferOrderByFields = []TransferOrderBy{
	OrderByID, OrderByClientTransferID, OrderByUserID, OrderByFromType, OrderByAmountInFiat,
	OrderByStatus, OrderByCreatedTimestamp, OrderBySymbol, OrderByNetworkName,
}

// TransferStatuses are the statuses Mesh documents, in its order.
var TransferStatuses = []TransferStatus{TransferPending, TransferSucceeded, TransferFailed}

// Limits of the transfer list's query, as Mesh's schema states them.
const (
	MaxTransfersCount      = 100 // Count; Mesh's default is 10
	MaxQueryTransactionID  = 128 // ClientTransactionId
	MaxQueryUserID         = 50  // UserId (a link token's userId may be longer)
	MaxQueryIntegrationIDs = 100 // IntegrationIds
	MaxQueryStatuses       = 5   // Statuses
	DefaultTransfersCount  = 10
)

// TransfersQuery is the query of GET /api/v1/transfers/managed/mesh. Zero
// values are left out of the request. Field names are Mesh's.
//
// Mesh does not say two things, and meshlink chooses: FromTimestamp and
// ToTimestamp are sent as Unix seconds (Mesh's example timestamps are
// seconds), and arrays as one parameter per item
// (Statuses=pending&Statuses=failed: OpenAPI's default, form and explode).
type TransfersQuery struct {
	Count               int // 1 to MaxTransfersCount; 0 leaves Mesh's default
	Offset              int
	ID                  string // Mesh's transfer id, a UUID
	ClientTransactionID string // the link token's transferOptions.transactionId
	UserID              string
	IntegrationIDs      []string // UUIDs of the source integrations
	Statuses            []TransferStatus
	// FromTimestamp and ToTimestamp bound the created time, both ends
	// included; zero leaves that end open.
	FromTimestamp, ToTimestamp       time.Time
	MinAmountInFiat, MaxAmountInFiat *float64
	OrderBy                          TransferOrderBy
	DescendingOrder                  bool
	Hash                             string
	SubClientID                      string // a UUID
	IsSandBox                        *bool
}

// Validate checks q against Mesh's schema; Problems' paths are Mesh's
// parameter names.
func (q TransfersQuery) Validate() Problems {
	var ps Problems
	bad := func(path, format string, args ...any) {
		ps = append(ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if q.Count < 0 || q.Count > MaxTransfersCount {
		bad("Count", "%d is not from 1 to %d (Mesh returns at most %d a page)", q.Count, MaxTransfersCount, MaxTransfersCount)
	}
	switch {
	case q.Offset < 0:
		bad("Offset", "%d is negative: it counts the items to skip", q.Offset)
	case q.Offset > math.MaxInt32: // Mesh's schema: int32
		bad("Offset", "%d is past %d, the largest Mesh takes", q.Offset, math.MaxInt32)
	}
	text := func(name, v string, max int) {
		switch {
		case CleanText(v) != v:
			bad(name, "holds control characters")
		case max > 0 && UTF16Len(v) > max:
			bad(name, "is %d characters long; Mesh allows at most %d", UTF16Len(v), max)
		}
	}
	uuid := func(name, v string) {
		if v != "" && !IsUUID(v) {
			bad(name, "%q is not a UUID like 8e25acb5-a9e2-4d00-8772-a255f010a2a9", CleanText(truncate(v, 60)))
		}
	}
	uuid("Id", q.ID)
	uuid("SubClientId", q.SubClientID)
	text("ClientTransactionId", q.ClientTransactionID, MaxQueryTransactionID)
	text("UserId", q.UserID, MaxQueryUserID)
	text("Hash", q.Hash, 0)
	if n := len(q.IntegrationIDs); n > MaxQueryIntegrationIDs {
		bad("IntegrationIds", "%d ids; Mesh takes at most %d", n, MaxQueryIntegrationIDs)
	}
	for _, id := range q.IntegrationIDs {
		uuid("IntegrationIds", id)
	}
	if n := len(q.Statuses); n > MaxQueryStatuses {
		bad("Statuses", "%d statuses; Mesh takes at most %d", n, MaxQueryStatuses)
	}
	for _, s := range q.Statuses {
		if !slices.ContainsFunc(TransferStatuses, s.Is) {
			bad("Statuses", "%q is not a transfer status: use %s", CleanText(truncate(string(s), 40)), joinStatuses(TransferStatuses))
		}
	}
	if !q.FromTimestamp.IsZero() && !q.ToTimestamp.IsZero() && q.ToTimestamp.Before(q.FromTimestamp) {
		bad("ToTimestamp", "%s is before FromTimestamp %s", q.ToTimestamp.UTC().Format(time.RFC3339), q.FromTimestamp.UTC().Format(time.RFC3339))
	}
	for name, t := range map[string]time.Time{"FromTimestamp": q.FromTimestamp, "ToTimestamp": q.ToTimestamp} {
		if !t.IsZero() && t.Unix() < 0 {
			bad(name, "%s is before 1970", t.UTC().Format(time.RFC3339))
		}
	}
	for name, v := range map[string]*float64{"MinAmountInFiat": q.MinAmountInFiat, "MaxAmountInFiat": q.MaxAmountInFiat} {
		if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0) || *v < 0) {
			bad(name, "%v is not an amount", *v)
		}
	}
	if q.MinAmountInFiat != nil && q.MaxAmountInFiat != nil && *q.MaxAmountInFiat < *q.MinAmountInFiat {
		bad("MaxAmountInFiat", "%v is below MinAmountInFiat %v", *q.MaxAmountInFiat, *q.MinAmountInFiat)
	}
	if q.OrderBy != "" && !slices.Contains(TransferOrderByFields, q.OrderBy) {
		names := make([]string, len(TransferOrderByFields))
		for i, f := range TransferOrderByFields {
			names[i] = string(f)
		}
		bad("OrderBy", "%q is not a sort column: use %s", CleanText(truncate(string(q.OrderBy), 40)), strings.Join(names, ", "))
	}
	slices.SortStableFunc(ps, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return ps
}

func joinStatuses(ss []TransferStatus) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// Values is q as Mesh's query parameters. Statuses go in lower case, as
// Mesh documents them, each once.
func (q TransfersQuery) Values() url.Values {
	v := url.Values{}
	set := func(name, value string) {
		if value != "" {
			v.Set(name, value)
		}
	}
	if q.Count > 0 {
		v.Set("Count", strconv.Itoa(q.Count))
	}
	if q.Offset > 0 {
		v.Set("Offset", strconv.Itoa(q.Offset))
	}
	set("Id", q.ID)
	set("ClientTransactionId", q.ClientTransactionID)
	set("UserId", q.UserID)
	for _, id := range q.IntegrationIDs {
		v.Add("IntegrationIds", id)
	}
	seen := map[string]bool{}
	for _, s := range q.Statuses {
		if name := strings.ToLower(string(s)); !seen[name] {
			seen[name] = true
			v.Add("Statuses", name)
		}
	}
	if !q.FromTimestamp.IsZero() {
		v.Set("FromTimestamp", strconv.FormatInt(q.FromTimestamp.Unix(), 10))
	}
	if !q.ToTimestamp.IsZero() {
		v.Set("ToTimestamp", strconv.FormatInt(q.ToTimestamp.Unix(), 10))
	}
	if q.MinAmountInFiat != nil {
		v.Set("MinAmountInFiat", strconv.FormatFloat(*q.MinAmountInFiat, 'f', -1, 64))
	}
	if q.MaxAmountInFiat != nil {
		v.Set("MaxAmountInFiat", strconv.FormatFloat(*q.MaxAmountInFiat, 'f', -1, 64))
	}
	set("OrderBy", string(q.OrderBy))
	if q.DescendingOrder {
		v.Set("DescendingOrder", "true")
	}
	set("Hash", q.Hash)
	set("SubClientId", q.SubClientID)
	if q.IsSandBox != nil {
		v.Set("IsSandBox", strconv.FormatBool(*q.IsSandBox))
	}
	return v
}

// InvalidQueryError is a query that must not be sent. It matches
// ErrInvalidRequest with errors.Is.
type InvalidQueryError struct {
	Op       string // "list transfers"
	Problems Problems
}

func (e *InvalidQueryError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return e.Op + ": nothing was sent:\n  " + strings.Join(lines, "\n  ")
}

func (e *InvalidQueryError) Is(target error) bool { return target == ErrInvalidRequest }

// TransfersPage is one page of the transfer list.
type TransfersPage struct {
	Transfers []Transfer
	// Raw holds each item as Mesh sent it, for those who want every field.
	Raw   []json.RawMessage
	Total int64
	// HasMorePages is Mesh's own word, when it sends one.
	HasMorePages *bool
}

// More reports whether items past this page match: Mesh's hasMorePages
// when it says, else whether offset plus this page falls short of total.
func (p *TransfersPage) More(offset int) bool {
	if p.HasMorePages != nil {
		return *p.HasMorePages
	}
	return len(p.Raw) > 0 && int64(offset+len(p.Raw)) < p.Total
}

// Transfers fetches one page of GET /api/v1/transfers/managed/mesh. A query
// that fails Validate is not sent.
func (c *Client) Transfers(ctx context.Context, q TransfersQuery) (*TransfersPage, error) {
	const op = "list transfers"
	if errs := q.Validate().Errors(); len(errs) > 0 {
		return nil, &InvalidQueryError{Op: op, Problems: errs}
	}
	path := PathTransfers
	if enc := q.Values().Encode(); enc != "" {
		path += "?" + enc
	}
	var content struct {
		Items        []json.RawMessage `json:"items"`
		Total        int64             `json:"total"`
		HasMorePages *bool             `json:"hasMorePages"`
	}
	if _, err := c.do(ctx, call{op: op, method: http.MethodGet, path: path}, &content); err != nil {
		return nil, err
	}
	page := &TransfersPage{Raw: content.Items, Total: content.Total, HasMorePages: content.HasMorePages, Transfers: make([]Transfer, len(content.Items))}
	for i, raw := range content.Items {
		if err := json.Unmarshal(raw, &page.Transfers[i]); err != nil {
			return nil, &APIError{Op: op, Env: c.Env, StatusCode: http.StatusOK, NotJSON: true, Message: fmt.Sprintf("item %d is not a transfer: %s", i+1, CleanText(err.Error()))}
		}
	}
	return page, nil
}

// ErrNoTransfer is what LatestTransfer says when Mesh lists no transfer
// for the transaction id (yet: one appears once the user confirms in Link).
var ErrNoTransfer = errors.New("no transfer yet")

// LatestTransfer is the newest transfer made with the link token whose
// transferOptions.transactionId is id, with the item as Mesh sent it.
func (c *Client) LatestTransfer(ctx context.Context, transactionID string) (Transfer, json.RawMessage, error) {
	page, err := c.Transfers(ctx, TransfersQuery{ClientTransactionID: transactionID, Count: 1, OrderBy: OrderByCreatedTimestamp, DescendingOrder: true})
	if err != nil {
		return Transfer{}, nil, err
	}
	if len(page.Transfers) == 0 {
		return Transfer{}, nil, ErrNoTransfer
	}
	return page.Transfers[0], page.Raw[0], nil
}

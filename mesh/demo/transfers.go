package demo

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/meshlink/meshlink/mesh"
)

// transfers answers GET /api/v1/transfers/managed/mesh from the books: the
// query checked as Mesh's schema states it (names exactly as Mesh spells
// them: an unknown or miscased name is refused, where Mesh's server would
// quietly ignore it), filtered, sorted and paged.
func (s *Server) transfers(w http.ResponseWriter, r *http.Request, _ []byte) {
	q, problems := parseTransfersQuery(r.URL.Query())
	problems = append(problems, q.Validate().Errors()...)
	if len(problems) > 0 {
		writeProblems(w, problems)
		return
	}
	var items []mesh.Transfer
	for _, t := range s.Books.Transfers() {
		if matches(q, t) {
			items = append(items, t)
		}
	}
	order := cmp.Or(q.OrderBy, mesh.OrderByCreatedTimestamp)
	if q.DescendingOrder {
		slices.Reverse(items) // ties newest first too
	}
	slices.SortStableFunc(items, func(a, b mesh.Transfer) int {
		c := compareBy(order, a, b)
		if q.DescendingOrder {
			c = -c
		}
		return c
	})
	total := len(items)
	count := cmp.Or(q.Count, mesh.DefaultTransfersCount)
	start := min(q.Offset, total)
	page := items[start:min(start+count, total)]
	if page == nil {
		page = []mesh.Transfer{}
	}
	writeOK(w, map[string]any{
		"items":        page,
		"total":        total,
		"range":        map[string]any{"start": start, "end": start + len(page) - 1, "isValid": len(page) > 0, "count": len(page)},
		"hasMorePages": start+len(page) < total,
	})
}

// transfersParams are the query's parameters as Mesh spells them, and
// whether each may repeat.
var transfersParams = map[string]bool{
	"Count": false, "Offset": false, "Id": false, "ClientTransactionId": false, "UserId": false,
	"IntegrationIds": true, "Statuses": true, "FromTimestamp": false, "ToTimestamp": false,
	"MinAmountInFiat": false, "MaxAmountInFiat": false, "OrderBy": false, "Hash": false,
	"SubClientId": false, "DescendingOrder": false, "IsSandBox": false, "IncludeRefundInformation": false,
}

// parseTransfersQuery reads v into a query, with a problem for each value
// that is not of its parameter's type.
func parseTransfersQuery(v url.Values) (mesh.TransfersQuery, mesh.Problems) {
	var q mesh.TransfersQuery
	var ps mesh.Problems
	bad := func(name, format string, args ...any) {
		ps = append(ps, mesh.Problem{Path: name, Message: fmt.Sprintf(format, args...)})
	}
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		repeats, known := transfersParams[name]
		switch {
		case !known:
			hint := ""
			for p := range transfersParams {
				if strings.EqualFold(p, name) {
					hint = fmt.Sprintf(" (Mesh spells it %s)", p)
				}
			}
			bad(mesh.CleanText(name), "is not a parameter of this endpoint%s", hint)
			continue
		case !repeats && len(v[name]) > 1:
			bad(name, "is given %d times; give it once", len(v[name]))
			continue
		}
		val := v.Get(name)
		integer := func(bits int) int64 {
			n, err := strconv.ParseInt(val, 10, bits)
			if err != nil {
				bad(name, "%q is not an integer (int%d)", mesh.CleanText(val), bits)
			}
			return n
		}
		boolean := func() bool {
			b, err := strconv.ParseBool(val)
			if err != nil {
				bad(name, "%q is not true or false", mesh.CleanText(val))
			}
			return b
		}
		number := func() *float64 {
			f, err := strconv.ParseFloat(val, 64)
			if err != nil {
				bad(name, "%q is not a number", mesh.CleanText(val))
				return nil
			}
			return &f
		}
		switch name {
		case "Count":
			if q.Count = int(integer(32)); q.Count == 0 && val == "0" {
				bad(name, "0 is not from 1 to %d", mesh.MaxTransfersCount)
			}
		case "Offset":
			q.Offset = int(integer(32))
		case "Id":
			q.ID = val
		case "ClientTransactionId":
			q.ClientTransactionID = val
		case "UserId":
			q.UserID = val
		case "IntegrationIds":
			q.IntegrationIDs = v[name]
		case "Statuses":
			for _, s := range v[name] {
				q.Statuses = append(q.Statuses, mesh.TransferStatus(s))
			}
		case "FromTimestamp":
			q.FromTimestamp = time.Unix(integer(64), 0)
		case "ToTimestamp":
			q.ToTimestamp = time.Unix(integer(64), 0)
		case "MinAmountInFiat":
			q.MinAmountInFiat = number()
		case "MaxAmountInFiat":
			q.MaxAmountInFiat = number()
		case "OrderBy":
			q.OrderBy = mesh.TransferOrderBy(val)
		case "Hash":
			q.Hash = val
		case "SubClientId":
			q.SubClientID = val
		case "DescendingOrder":
			q.DescendingOrder = boolean()
		case "IsSandBox":
			b := boolean()
			q.IsSandBox = &b
		case "IncludeRefundInformation":
			boolean() // the demo's transfers are never refunded
		}
	}
	return q, ps
}

// matches reports whether t passes q's filters.
func matches(q mesh.TransfersQuery, t mesh.Transfer) bool {
	fromID := ""
	if t.From != nil {
		fromID = t.From.ID
	}
	amountInFiat := t.AmountInFiat
	switch {
	case q.ID != "" && !strings.EqualFold(q.ID, t.ID),
		q.ClientTransactionID != "" && q.ClientTransactionID != t.ClientTransactionID,
		q.UserID != "" && q.UserID != t.UserID,
		q.Hash != "" && !strings.EqualFold(q.Hash, t.Hash),
		q.SubClientID != "", // the demo has no sub-clients
		len(q.IntegrationIDs) > 0 && !slices.ContainsFunc(q.IntegrationIDs, func(id string) bool { return strings.EqualFold(id, fromID) }),
		len(q.Statuses) > 0 && !slices.ContainsFunc(q.Statuses, t.Status.Is),
		!q.FromTimestamp.IsZero() && t.CreatedTimestamp < q.FromTimestamp.Unix(),
		!q.ToTimestamp.IsZero() && t.CreatedTimestamp > q.ToTimestamp.Unix(),
		q.MinAmountInFiat != nil && amountInFiat < *q.MinAmountInFiat,
		q.MaxAmountInFiat != nil && amountInFiat > *q.MaxAmountInFiat:
		return false
	}
	return true
}

func compareBy(f mesh.TransferOrderBy, a, b mesh.Transfer) int {
	from := func(t mesh.Transfer) string {
		if t.From == nil {
			return ""
		}
		return t.From.Type
	}
	switch f {
	case mesh.OrderByID:
		return strings.Compare(a.ID, b.ID)
	case mesh.OrderByClientTransferID:
		return strings.Compare(a.ClientTransactionID, b.ClientTransactionID)
	case mesh.OrderByUserID:
		return strings.Compare(a.UserID, b.UserID)
	case mesh.OrderByFromType:
		return strings.Compare(from(a), from(b))
	case mesh.OrderByAmountInFiat:
		return cmp.Compare(a.AmountInFiat, b.AmountInFiat)
	case mesh.OrderByStatus:
		return strings.Compare(strings.ToLower(string(a.Status)), strings.ToLower(string(b.Status)))
	case mesh.OrderBySymbol:
		return strings.Compare(a.Symbol, b.Symbol)
	case mesh.OrderByNetworkName:
		return strings.Compare(a.NetworkName, b.NetworkName)
	}
	return cmp.Compare(a.CreatedTimestamp, b.CreatedTimestamp)
}

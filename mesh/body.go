package mesh

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/meshlink/meshlink/mesh/jsontok"
)

// DecodeBody reads a link-token body the way Mesh's server reads it, and
// refuses what the server would misread or drop without a word:
//
//   - keys match their field in any case, as on Mesh's .NET server ("UserId"
//     is userId, as in Mesh's own examples); a key given twice, in any case,
//     is an error, since only one of the two would count;
//   - a key Mesh's schema does not have is an error naming the nearest field
//     ("toAdresses: did you mean toAddresses?"), or where it belongs;
//   - configurationId, in Mesh's API reference example but removed in 2023,
//     is an error pointing at integrationId;
//   - a value of the wrong kind, or anything after the JSON object, is an error.
//
// Problems with keys and values come back together as an *InvalidRequestError,
// each with its field's path.
func DecodeBody(data []byte) (*LinkTokenRequest, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("not a link-token request: the body is empty")
	}
	// A body that decodes is valid JSON, so its keys can be checked without
	// the cost of json.Decoder's token API; one that does not is walked
	// again by the decoder, whose errors say where the JSON broke.
	var r LinkTokenRequest
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, decodeError(data, err)
	}
	if err := CheckDecodedBody(data, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// CheckDecodedBody is the rest of DecodeBody for a caller that decoded
// data into r with json.Unmarshal itself, in the same pass as what holds
// it (a preset file): it refuses what DecodeBody would of a body that
// json.Unmarshal takes (keys twice, unknown, configurationId; an amount's
// form) and spells r's enums as Mesh's schema does.
func CheckDecodedBody(data []byte, r *LinkTokenRequest) error {
	w := &bodyWalker{dec: jsontok.NewReader(data)}
	if err := w.root(); err != nil {
		return fmt.Errorf("not a link-token request: %w", err)
	}
	if len(w.problems) > 0 {
		return &InvalidRequestError{Problems: w.problems}
	}
	canonicalEnums(r)
	return nil
}

// decodeError says why data, which json.Unmarshal refused with err, is not
// a link-token request.
func decodeError(data []byte, err error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := &bodyWalker{dec: decoderTokens{dec}}
	if err := w.root(); err != nil {
		return syntaxError(data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("not a link-token request: there is more after the JSON object")
	}
	if len(w.problems) > 0 {
		return &InvalidRequestError{Problems: w.problems}
	}
	dec = json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r LinkTokenRequest
	if derr := dec.Decode(&r); derr != nil {
		err = derr
	}
	return fmt.Errorf("not a link-token request: %w", err)
}

// canonicalEnums spells enum values as Mesh's schema does when they match
// in another case: Mesh's server reads "Payment" as payment, so meshlink's
// rules must too.
func canonicalEnums(r *LinkTokenRequest) {
	if t := r.TransferOptions; t != nil {
		for _, k := range TransferTypes {
			if strings.EqualFold(string(t.TransferType), string(k)) {
				t.TransferType = k
			}
		}
	}
	if o := r.VerifyWalletOptions; o != nil {
		for i, m := range o.VerificationMethods {
			if strings.EqualFold(string(m), string(VerifySignedMessage)) {
				o.VerificationMethods[i] = VerifySignedMessage
			}
		}
		for _, n := range NetworkTypes {
			if strings.EqualFold(o.NetworkType, n) {
				o.NetworkType = n
			}
		}
		if strings.EqualFold(o.NetworkType, NetworkTypeUnknown) {
			o.NetworkType = NetworkTypeUnknown
		}
	}
}

// syntaxError says where the JSON broke, by line and column, and recognises
// the two things Mesh's guide writes in its bodies that JSON does not allow.
func syntaxError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("not a link-token request: the JSON ends too early (a } or ] is missing)")
	}
	if !errors.As(err, &se) {
		return fmt.Errorf("not a link-token request: %w", err)
	}
	at := min(int(se.Offset), len(data)) // the offending byte, counted from 0
	line := 1 + bytes.Count(data[:at], []byte("\n"))
	col := at - bytes.LastIndexByte(data[:at], '\n')
	msg := fmt.Sprintf("not a link-token request: line %d, column %d: %v", line, col, err)
	if at < len(data) {
		before := bytes.TrimRight(data[:at], " \t\r\n")
		switch {
		case data[at] == '/':
			msg += "\nJSON has no comments: remove the // notes (Mesh's guide shows its bodies with them)"
		case (data[at] == '}' || data[at] == ']') && bytes.HasSuffix(before, []byte(",")):
			msg += "\nJSON allows no comma before a closing } or ] (Mesh's guide shows its bodies with them)"
		}
	}
	return errors.New(msg)
}

type bodyWalker struct {
	dec      bodyTokens
	problems Problems
}

func (w *bodyWalker) errorf(path, format string, args ...any) {
	w.problems = append(w.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...), Severity: SeverityError})
}

func (w *bodyWalker) root() error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		if d, ok := tok.(json.Delim); ok {
			if err := w.skipRest(d); err != nil {
				return err
			}
		}
		w.errorf("", "the body must be a JSON object ({\"userId\": …}), not %s", describeToken(tok))
		return nil
	}
	return w.object(reflect.TypeFor[LinkTokenRequest](), "")
}

var decimalType = reflect.TypeFor[Decimal]()

// value checks the next value against the Go type that will hold it. null is
// always fine: Mesh's schema makes its fields nullable, and null is "unset".
func (w *bodyWalker) value(t reflect.Type, path string) error {
	tok, err := w.dec.Token()
	if err != nil || tok == nil {
		return err
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch v := tok.(type) {
	case json.Delim:
		switch {
		case v == '{' && t.Kind() == reflect.Struct:
			return w.object(t, path)
		case v == '[' && t.Kind() == reflect.Slice:
			for i := 0; w.dec.More(); i++ {
				if err := w.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
			_, err := w.dec.Token()
			return err
		}
		w.wrongKind(path, t, tok)
		return w.skipRest(v)
	case json.Number:
		if t == decimalType {
			w.decimal(path, v.String())
			return nil
		}
	case string:
		switch {
		case t == decimalType:
			w.decimal(path, v)
			return nil
		case t.Kind() == reflect.String:
			return nil
		}
	case bool:
		if t.Kind() == reflect.Bool {
			return nil
		}
	}
	w.wrongKind(path, t, tok)
	return nil
}

// decimal checks an amount's form; its range is Validate's, which names the
// field without decoding a million-digit number.
func (w *bodyWalker) decimal(path, s string) {
	if _, err := parseSyntax(s); err != nil {
		w.errorf(path, "%v", err)
	}
}

func (w *bodyWalker) wrongKind(path string, t reflect.Type, tok json.Token) {
	want := map[reflect.Kind]string{
		reflect.Struct: "an object ({…})",
		reflect.Slice:  "a list ([…])",
		reflect.String: "text in quotes",
		reflect.Bool:   "true or false",
	}[t.Kind()]
	if t == decimalType {
		want = "a number"
	}
	w.errorf(path, "must be %s, not %s", want, describeToken(tok))
}

func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	case string:
		return fmt.Sprintf("the text %q", truncate(v, 40))
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprint(v)
	}
	return "null"
}

// skipRest consumes what is left of an object or list whose opening
// delimiter was read.
func (w *bodyWalker) skipRest(open json.Delim) error {
	if open != '{' && open != '[' {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func (w *bodyWalker) object(t reflect.Type, path string) error {
	fields := fieldsOf(t)
	seen := map[string]string{} // field name -> the key as written
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		f, known := fields.lookup(key)
		switch {
		case !known:
			w.unknownKey(t, path, key)
		case seen[f.name] != "":
			w.duplicateKey(joinPath(path, f.name), seen[f.name], key)
		default:
			seen[f.name] = key
			if err := w.value(f.typ, joinPath(path, f.name)); err != nil {
				return err
			}
			continue
		}
		if _, err := w.dec.SkipValue(); err != nil {
			return err
		}
	}
	_, err := w.dec.Token()
	return err
}

func (w *bodyWalker) duplicateKey(path, first, again string) {
	if first == again {
		w.errorf(path, "is given twice; keep one (only one of them would count)")
		return
	}
	w.errorf(path, "%q and %q are the same key to Mesh, which reads keys in any case; keep one", first, again)
}

func (w *bodyWalker) unknownKey(t reflect.Type, path, key string) {
	at := joinPath(path, Inert(key)) // a key is anything a file holds
	if path == "" && strings.EqualFold(key, "configurationId") {
		w.errorf(at, "Mesh removed configurationId from its API in 2023 (its API reference example still shows it); use integrationId, the id of the integration Link should open")
		return
	}
	where := "the request"
	if path != "" {
		where = path
	}
	if home := homesOf(key); len(home) > 0 {
		w.errorf(at, "is not a field of %s; it belongs in %s", where, strings.Join(home, " or "))
		return
	}
	names := slices.DeleteFunc(slices.Clone(fieldsOf(t).names), func(n string) bool { return n == "accessTokens" }) // meshlink's, not Mesh's
	if near := Nearest(key, names); near != "" {
		w.errorf(at, "is not a field of %s; did you mean %s?", where, near)
		return
	}
	w.errorf(at, "is not a field of %s in Mesh's schema; its fields are %s", where, strings.Join(names, ", "))
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

type field struct {
	name string // as Mesh's schema spells it
	typ  reflect.Type
}

type fieldTable struct {
	byName  map[string]field // as Mesh's schema spells them: most keys
	byLower map[string]field
	names   []string
}

// lookup finds the field key names, in any ASCII case. A key that matches
// only through Unicode case folding (a Kelvin sign for a K) is not a match:
// Go's decoder would take it, Mesh's server would not.
func (ft fieldTable) lookup(key string) (field, bool) {
	if f, ok := ft.byName[key]; ok {
		return f, true
	}
	f, ok := ft.byLower[strings.ToLower(key)]
	if !ok || !asciiEqualFold(f.name, key) {
		return field{}, false
	}
	return f, true
}

func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

var fieldTables sync.Map // reflect.Type -> fieldTable

// fieldsOf lists the JSON fields of struct type t.
func fieldsOf(t reflect.Type) fieldTable {
	if ft, ok := fieldTables.Load(t); ok {
		return ft.(fieldTable)
	}
	ft := fieldTable{byName: map[string]field{}, byLower: map[string]field{}}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		f := field{name, t.Field(i).Type}
		ft.byName[name], ft.byLower[strings.ToLower(name)] = f, f
		ft.names = append(ft.names, name)
	}
	fieldTables.Store(t, ft)
	return ft
}

// fieldHomes maps each field name, lowercased, to the objects that have it
// ("transferOptions", "transferOptions.toAddresses"), so a key put at the
// wrong level can be sent home.
var fieldHomes = sync.OnceValue(func() map[string][]string {
	homes := map[string][]string{}
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == decimalType {
			return
		}
		where := path
		if where == "" {
			where = "the request's top level"
		}
		for _, name := range fieldsOf(t).names {
			lower := strings.ToLower(name)
			homes[lower] = append(homes[lower], where)
			walk(fieldsOf(t).byLower[lower].typ, joinPath(path, name))
		}
	}
	walk(reflect.TypeFor[LinkTokenRequest](), "")
	return homes
})

func homesOf(key string) []string {
	homes := fieldHomes()[strings.ToLower(key)]
	if len(homes) == 0 {
		return nil
	}
	return homes
}

// Nearest returns the candidate within a small edit distance of name (any
// case), or "" when none is close enough to be what was meant: the "did you
// mean" of a mistyped name.
func Nearest(name string, candidates []string) string {
	limit := max(min(len(name)/3, 3), 1)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(name), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes (field
// names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

package presets

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
	"time"

	"github.com/meshlink/meshlink/mesh"
	"github.com/meshlink/meshlink/mesh/jsontok"
)

// Version is the file format this meshlink writes, and the newest it reads.
const Version = 1

var (
	// ErrNewerVersion is a file written by a newer meshlink, in a format this
	// one does not know.
	ErrNewerVersion = errors.New("made by a newer meshlink")
	// ErrCorrupt is a file that is not a preset this meshlink can read.
	ErrCorrupt = errors.New("not a readable preset")
)

// fileV1 is a version 1 file; its fields are in the order the keys are
// written, which is the order a reader meets them.
type fileV1 struct {
	Version     int              `json:"version"`
	Name        string           `json:"name"`
	Description string           `json:"description,omitempty"`
	UseCase     mesh.UseCase     `json:"useCase"`
	Environment mesh.Environment `json:"environment,omitempty"`
	Fresh       []Field          `json:"fresh,omitempty"`
	Request     json.RawMessage  `json:"request"`
	Created     time.Time        `json:"created,omitzero"`
	Updated     time.Time        `json:"updated,omitzero"`
}

// readV1 is what a version 1 file decodes into. Version is a pointer so a
// file without it (version 0) can be told apart; the request is decoded by
// mesh.DecodeBody, as strictly as a --body.
type readV1 struct {
	Version     *int             `json:"version"`
	Name        string           `json:"name"`
	Description string           `json:"description"`
	UseCase     mesh.UseCase     `json:"useCase"`
	Environment mesh.Environment `json:"environment"`
	Fresh       []Field          `json:"fresh"`
	Request     json.RawMessage  `json:"request"`
	Created     time.Time        `json:"created"`
	Updated     time.Time        `json:"updated"`
}

// Encode renders p as a preset file of the current version. It does not
// validate p beyond what the format needs.
func Encode(p *Preset) ([]byte, error) {
	q := *p
	q.Request = *cloneRequest(&p.Request)
	q.Fresh = append([]Field(nil), p.Fresh...)
	q.normalizeFresh()
	if err := q.checkShape(); err != nil {
		return nil, err
	}
	req, err := marshal(q.Request, "")
	if err != nil {
		return nil, fmt.Errorf("encode preset %q: %w", p.Name, err)
	}
	if q.IsFresh(FreshUserID) {
		// userId has no omitempty (Mesh requires it), so drop the key by
		// hand: a fresh field is absent from the file, not empty.
		if req, err = withoutKey(req, "userId"); err != nil {
			return nil, fmt.Errorf("encode preset %q: %w", p.Name, err)
		}
	}
	f := fileV1{
		Version:     Version,
		Name:        q.Name,
		Description: q.Description,
		UseCase:     q.UseCase,
		Environment: q.Environment,
		Fresh:       q.Fresh,
		Request:     req,
		Created:     fileTime(q.Created),
		Updated:     fileTime(q.Updated),
	}
	out, err := marshal(f, "  ")
	if err != nil {
		return nil, fmt.Errorf("encode preset %q: %w", p.Name, err)
	}
	return out, nil
}

// fileTime is t as files keep it: UTC, to the second, so diffs stay quiet.
func fileTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

// marshal is json.Marshal without HTML escaping, so "Q&A" stays readable;
// with indent set it indents and ends with a newline.
func marshal(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if indent == "" {
		return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
	}
	return b.Bytes(), nil
}

// withoutKey removes a top-level key from a JSON object, keeping the order
// of the others.
func withoutKey(obj []byte, key string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("not a JSON object")
	}
	out := []byte{'{'}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		k, _ := t.(string)
		if k == key {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		kb, _ := json.Marshal(k)
		out = append(append(append(out, kb...), ':'), v...)
	}
	return append(out, '}'), nil
}

// Decode reads a preset file of any known version. name is the preset's
// name: the file name in a store, or the name an import asks for; when it is
// empty the name written in the file is used. Old versions are migrated in
// memory. The file is read strictly: a key the format or Mesh's request does
// not have is an error naming it (ErrCorrupt), as for a --body; the request
// is not checked against Mesh's rules or a catalog.
func Decode(data []byte, name string) (*Preset, error) {
	f, req, ok := decodeCurrent(data)
	if !ok {
		var err error
		if f, req, err = decodeAny(data, name); err != nil {
			return nil, err
		}
	}
	p := &Preset{
		Name:        f.Name,
		Description: f.Description,
		UseCase:     f.UseCase,
		Environment: f.Environment,
		Request:     *req,
		Fresh:       f.Fresh,
		Created:     f.Created,
		Updated:     f.Updated,
	}
	if name != "" {
		p.Name = name
	}
	if p.Name == "" {
		return nil, invalid(errors.New("the file does not name its preset: give it a name"))
	}
	if len(p.Request.AccessTokens) > 0 {
		return nil, fmt.Errorf(`remove "accessTokens" from its request: %w`, ErrAccessTokens)
	}
	if err := p.checkShape(); err != nil {
		return nil, corrupt(err)
	}
	p.normalizeFresh()
	return p, nil
}

// currentFile is a file of the current version, its request decoded too.
type currentFile struct {
	readV1
	Request mesh.LinkTokenRequest `json:"request"`
}

// fileKeys are the keys of a current file, as encoding/json matches them.
var fileKeys = sync.OnceValue(func() (keys []string) {
	t := reflect.TypeFor[readV1]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	return keys
})

// decodeCurrent reads, in one pass of encoding/json, a current file that is
// valid JSON with only known keys, each once, and a body DecodeBody takes:
// the usual file, which a list of thousands reads quickly this way. ok is
// false for any other, which decodeAny reads and explains.
func decodeCurrent(data []byte) (f readV1, req *mesh.LinkTokenRequest, ok bool) {
	var c currentFile
	if json.Unmarshal(data, &c) != nil || c.Version == nil || *c.Version != Version {
		return f, nil, false
	}
	r := jsontok.NewReader(data)
	if tok, _ := r.Token(); tok != json.Delim('{') {
		return f, nil, false
	}
	var seen uint64
	var body []byte
	for r.More() {
		tok, _ := r.Token()
		key, _ := tok.(string)
		i := slices.IndexFunc(fileKeys(), func(k string) bool { return strings.EqualFold(k, key) })
		if i < 0 || seen&(1<<i) != 0 {
			return f, nil, false // a key unknown or given twice: encoding/json would merge two requests
		}
		seen |= 1 << i
		v, _ := r.SkipValue()
		if fileKeys()[i] == "request" {
			body = v
		}
	}
	if body == nil || string(body) == "null" || mesh.CheckDecodedBody(body, &c.Request) != nil {
		return f, nil, false
	}
	return c.readV1, &c.Request, true
}

// decodeAny reads a file of any version, or says what is wrong with it.
func decodeAny(data []byte, name string) (readV1, *mesh.LinkTokenRequest, error) {
	var f readV1
	err := unmarshalStrict(data, &f)
	if err != nil || f.Version == nil || *f.Version != Version {
		// Find the version first, since a newer file may not even have
		// the shape of this one.
		v, verr := fileVersion(data)
		switch {
		case verr != nil:
			return f, nil, corrupt(verr)
		case v > Version:
			return f, nil, fmt.Errorf("%w (format version %d; this meshlink reads up to version %d): upgrade meshlink", ErrNewerVersion, v, Version)
		case v < Version:
			if err = migrateFile(data, v, name, &f); err != nil {
				return f, nil, err
			}
		case err != nil:
			return f, nil, corrupt(describeJSONError(data, err))
		}
	}
	if len(f.Request) == 0 || string(f.Request) == "null" {
		return f, nil, corrupt(errors.New(`it has no "request"`))
	}
	req, err := mesh.DecodeBody(f.Request)
	if err != nil {
		return f, nil, corrupt(fmt.Errorf("request: %w", err))
	}
	return f, req, nil
}

// unmarshalStrict is json.Unmarshal that refuses a key the format does not
// have: a misspelled "descripton" in a hand-edited file is named, not lost.
func unmarshalStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("there is more after the JSON object")
	}
	return nil
}

func corrupt(err error) error { return fmt.Errorf("%w: %v", ErrCorrupt, err) }

// fileVersion is the "version" of a file, 0 when it has none.
func fileVersion(data []byte) (int, error) {
	var h struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &h); err != nil {
		return 0, describeJSONError(data, err)
	}
	if h.Version == nil {
		return 0, nil
	}
	if *h.Version < 0 {
		return 0, fmt.Errorf("version %d is not a format version", *h.Version)
	}
	return *h.Version, nil
}

// describeJSONError adds the line and column to a syntax error, so a person
// can find the broken spot in a file they edited.
func describeJSONError(data []byte, err error) error {
	var offset int64
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
	default:
		return err
	}
	// Offset counts the offending byte; the column should point at it.
	line, col := 1, 1
	for _, c := range data[:max(0, min(int(offset)-1, len(data)))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Errorf("line %d, column %d: %v", line, col, err)
}

// migrations[v] turns a version v file, as a JSON object, into version v+1.
// Every format change adds one step, so a file of any age is read through
// all of them in turn, and each step is tested on its own.
var migrations = []func(m map[string]json.RawMessage, name string) error{
	0: migrate0to1,
}

func migrateFile(data []byte, from int, name string, f *readV1) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return corrupt(describeJSONError(data, err))
	}
	if m == nil {
		return corrupt(errors.New("it is not a JSON object"))
	}
	for v := from; v < Version; v++ {
		if err := migrations[v](m, name); err != nil {
			return corrupt(fmt.Errorf("upgrade from format version %d: %w", v, err))
		}
	}
	b, err := json.Marshal(m)
	if err == nil {
		*f = readV1{}
		err = unmarshalStrict(b, f)
	}
	if err != nil {
		return corrupt(err)
	}
	return nil
}

// migrate0to1 upgrades meshlink's first format: the same object without
// "version", "name" and "fresh", whose transactionId was always made new on
// every run. A bare link-token body (a file holding just what is sent) is
// read as a version 0 preset of the use case its body serves.
func migrate0to1(m map[string]json.RawMessage, name string) error {
	if _, ok := m["request"]; !ok {
		_, u := m["userId"]
		_, t := m["transferOptions"]
		_, v := m["verifyWalletOptions"]
		if !u && !t && !v {
			return errors.New(`it has no "request", and is not a link-token body either`)
		}
		body, err := json.Marshal(m)
		if err != nil {
			return err
		}
		clear(m)
		m["request"] = body
	}
	var r mesh.LinkTokenRequest
	if err := json.Unmarshal(m["request"], &r); err != nil {
		return fmt.Errorf("request: %w", err)
	}
	if _, ok := m["useCase"]; !ok {
		m["useCase"], _ = json.Marshal(mesh.UseCaseOf(&r))
	}
	if _, ok := m["name"]; !ok && name != "" {
		m["name"], _ = json.Marshal(name)
	}
	if r.TransferOptions != nil {
		m["fresh"], _ = json.Marshal([]Field{FreshTransactionID})
	}
	m["version"] = json.RawMessage("1")
	return nil
}

package mesh

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// SetField applies an assignment "path=value" to a copy of r and returns
// the copy: path names a field by its JSON path (like
// transferOptions.toAddresses[0].symbol, or accessTokens[0].accessToken to
// start a list), the value is read as JSON (true, 25, "text", {...}) and,
// failing that, as a string; an empty value removes the field. The result is
// decoded strictly, so a misspelled path is an error, never a field dropped.
func SetField(r *LinkTokenRequest, assignment string) (*LinkTokenRequest, error) {
	path, raw, ok := strings.Cut(assignment, "=")
	if !ok || path == "" {
		return nil, fmt.Errorf("%q: write path=value, like transferOptions.clientFee=0.025", assignment)
	}
	keys := strings.Split(path, ".")
	if err := checkPath(keys); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	doc, err := toMap(r)
	if err != nil {
		return nil, err
	}
	var values []any
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber() // 0.0000001 stays as typed, not 1e-07
	if raw != "" && dec.Decode(&v) == nil && !dec.More() {
		values = append(values, v)
	}
	values = append(values, raw)
	var lastErr error
	for _, v := range values {
		if raw == "" {
			v = nil
		}
		next, err := setIn(doc, keys, v, raw == "")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		b, _ := json.Marshal(next)
		out, err := DecodeBody(b)
		if err == nil {
			return out, nil
		}
		lastErr = err
	}
	return nil, fmt.Errorf("%s: %w", path, lastErr)
}

func toMap(r *LinkTokenRequest) (map[string]any, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	// Numbers stay json.Numbers: through float64, an amount of
	// 12345678901234567890.5 would come back as 12345678901234567000.
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	err = dec.Decode(&m)
	return m, err
}

// checkPath makes sure each key of a path is a field of the body, spelled
// exactly. Go's JSON decoder matches names in any case, so "userID" would
// pass the strict decode and then lose to the body's own "userId".
func checkPath(keys []string) error {
	t := reflect.TypeFor[LinkTokenRequest]()
	where := "the body"
	for _, key := range keys {
		name, index, err := splitIndex(key)
		if err != nil {
			return err
		}
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return fmt.Errorf("%s holds a value, not fields like %q", where, name)
		}
		f, near := fieldByJSONName(t, name)
		if f == nil {
			if near != "" {
				return fmt.Errorf("no field %q in %s; did you mean %q?", name, where, near)
			}
			return fmt.Errorf("no field %q in %s", name, where)
		}
		t, where = f.Type, name
		if index >= 0 {
			if t.Kind() != reflect.Slice {
				return fmt.Errorf("%s is not a list; drop the [%d]", name, index)
			}
			t, where = t.Elem(), key
		}
	}
	return nil
}

// fieldByJSONName finds the field of struct type t whose JSON name is name,
// or else the name that matches it in another case.
func fieldByJSONName(t reflect.Type, name string) (*reflect.StructField, string) {
	near := ""
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == name:
			return &f, ""
		case strings.EqualFold(tag, name):
			near = tag
		}
	}
	return nil, near
}

// setIn returns a copy of doc with keys (like ["accessTokens[0]",
// "accessToken"]) set to v, or removed.
func setIn(doc any, keys []string, v any, remove bool) (any, error) {
	if len(keys) == 0 {
		return v, nil
	}
	name, index, err := splitIndex(keys[0])
	if err != nil {
		return nil, err
	}
	m, _ := doc.(map[string]any)
	out := make(map[string]any, len(m)+1)
	for k, val := range m {
		out[k] = val
	}
	if index < 0 {
		if remove && len(keys) == 1 {
			delete(out, name)
			return out, nil
		}
		child, err := setIn(out[name], keys[1:], v, remove)
		if err != nil {
			return nil, err
		}
		out[name] = child
		return out, nil
	}
	list, _ := out[name].([]any)
	list = append([]any(nil), list...)
	if index > len(list) {
		items := "1 item"
		if len(list) != 1 {
			items = fmt.Sprintf("%d items", len(list))
		}
		return nil, fmt.Errorf("%s[%d]: the list has %s; the next one is [%d]", name, index, items, len(list))
	}
	if index == len(list) {
		list = append(list, map[string]any{})
	}
	if remove && len(keys) == 1 {
		list = append(list[:index], list[index+1:]...)
	} else {
		child, err := setIn(list[index], keys[1:], v, remove)
		if err != nil {
			return nil, err
		}
		list[index] = child
	}
	out[name] = list
	return out, nil
}

func splitIndex(key string) (string, int, error) {
	name, rest, ok := strings.Cut(key, "[")
	if !ok {
		return key, -1, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil || !strings.HasSuffix(rest, "]") || n < 0 {
		return "", 0, fmt.Errorf("%q: write an index like toAddresses[0]", key)
	}
	return name, n, nil
}

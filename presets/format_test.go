package presets

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/meshlink/meshlink/mesh"
)

// goldenPreset is the preset whose file is testdata/TestFileFormatGolden.golden.
func goldenPreset() *Preset {
	p := preset("qa-payment", mesh.UsePayment)
	p.Description = "10.50 USDC to the QA wallet on Base; Q&A <team>"
	p.Created = time.Date(2026, 11, 2, 8, 15, 0, 0, time.UTC)
	p.Updated = time.Date(2026, 11, 20, 9, 30, 0, 123456789, time.FixedZone("CET", 3600))
	return p
}

func TestFileFormatGolden(t *testing.T) {
	st := newStore(t)
	st.Now = func() time.Time { return goldenPreset().Updated }
	p := goldenPreset()
	if err := st.Save(p, false); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, readFile(t, filepath.Join(st.Dir, "qa-payment.json"))) // -update rewrites it
}

// What makes the file pleasant to read, diff and commit, asserted directly so
// a golden file regenerated carelessly cannot hide a regression.
func TestFileIsReadable(t *testing.T) {
	data, err := Encode(goldenPreset())
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	checks := []struct {
		name string
		ok   bool
	}{
		{"starts_with_the_version", strings.HasPrefix(text, "{\n  \"version\": 1,\n  \"name\": \"qa-payment\",\n")},
		{"indented_two_spaces", strings.Contains(text, "\n  \"request\": {\n    \"userId\": \"user-7f3a91\",\n")},
		{"ends_with_a_newline", strings.HasSuffix(text, "}\n")},
		{"no_html_escapes", strings.Contains(text, "Q&A <team>") && !strings.Contains(text, `\u00`)},
		{"fresh_listed_by_json_path", strings.Contains(text, "\"fresh\": [\n    \"transferOptions.transactionId\"\n  ],")},
		{"fresh_field_absent_from_request", !strings.Contains(text, "transactionId\":")},
		{"amounts_are_numbers_with_their_digits", strings.Contains(text, `"amount": 10.50,`)},
		{"times_in_utc_to_the_second", strings.Contains(text, `"updated": "2026-11-20T08:30:00Z"`)},
		{"no_last_used", !strings.Contains(text, "lastUsed")},
		{"one_key_per_line", !strings.Contains(text, ",\"")},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: not so in\n%s", c.name, text)
		}
	}
	keys := topLevelKeys(t, data)
	wantOrder := []string{"version", "name", "description", "useCase", "environment", "fresh", "request", "created", "updated"}
	if !slices.Equal(keys, wantOrder) {
		t.Errorf("keys %v, want %v", keys, wantOrder)
	}
	again, _ := Encode(goldenPreset())
	if !bytes.Equal(data, again) {
		t.Error("encoding the same preset twice gave different bytes")
	}
}

func topLevelKeys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestFreshUserIDIsAbsentFromTheFile(t *testing.T) {
	p := FromRequest("u", mesh.UseVerify, mesh.EnvDemo, request(mesh.UseVerify), FreshUserID)
	data, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Request map[string]json.RawMessage }
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if v, ok := f.Request["userId"]; ok {
		t.Errorf("the request stores userId %s; a fresh field must be absent", v)
	}
	if !strings.Contains(string(data), `"fresh": [`+"\n"+`    "userId"`) {
		t.Errorf("the file does not say userId is fresh:\n%s", data)
	}
	back, err := Decode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if !back.IsFresh(FreshUserID) || back.Body(nil).UserID == "" {
		t.Errorf("decoded preset lost its fresh userId: %+v", back)
	}
}

// A value written by hand into a fresh field is ignored, never sent twice.
func TestDecodeIgnoresAValueInAFreshField(t *testing.T) {
	data := []byte(`{"version":1,"name":"h","useCase":"deposit","fresh":["transferOptions.transactionId"],
		"request":{"userId":"u","transferOptions":{"transactionId":"typed-by-hand","transferType":"deposit"}}}`)
	p, err := Decode(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Request.TransferOptions.TransactionID != "" {
		t.Errorf("template kept %q", p.Request.TransferOptions.TransactionID)
	}
	if got := p.Body(nil).TransferOptions.TransactionID; got == "typed-by-hand" || !mesh.IsUUID(got) {
		t.Errorf("body transactionId = %q, want a new UUID", got)
	}
}

func TestMigrateVersion0(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		fileName  string
		want      func(p *Preset) []string // returns what is wrong
		wantFresh []Field
	}{
		{
			name:     "preset_without_version",
			fileName: "old-deposit",
			file: `{"useCase": "deposit", "environment": "sandbox", "description": "from meshlink 0.1",
				"request": {"userId": "u-1", "transferOptions": {"transactionId": "fixed-1", "transferType": "deposit",
				"toAddresses": [{"networkId": "` + netBase + `", "symbol": "USDC", "address": "0xabc"}]}}}`,
			wantFresh: []Field{FreshTransactionID},
			want: func(p *Preset) (bad []string) {
				if p.Name != "old-deposit" || p.UseCase != mesh.UseDeposit || p.Environment != mesh.EnvSandbox || p.Description != "from meshlink 0.1" {
					bad = append(bad, "header fields")
				}
				if p.Request.TransferOptions.TransactionID != "" {
					bad = append(bad, "the old fixed transactionId was kept")
				}
				return bad
			},
		},
		{
			name:      "bare_link_token_body",
			fileName:  "bare",
			file:      `{"userId": "u-2", "verifyWalletOptions": {"verificationMethods": ["signedMessage"], "networkId": "` + netEthereum + `"}}`,
			wantFresh: nil,
			want: func(p *Preset) (bad []string) {
				if p.UseCase != mesh.UseVerify || p.Request.UserID != "u-2" || p.Request.VerifyWalletOptions.NetworkID != netEthereum {
					bad = append(bad, "use case or request")
				}
				return bad
			},
		},
		{
			name:      "bare_payment_body_gets_use_case_from_transfer_type",
			fileName:  "bare-pay",
			file:      `{"userId": "u-3", "transferOptions": {"transferType": "payment", "toAddresses": [{"networkId": "` + netBase + `", "symbol": "USDC", "address": "0xdef", "amount": 5}]}}`,
			wantFresh: []Field{FreshTransactionID},
			want: func(p *Preset) (bad []string) {
				if p.UseCase != mesh.UsePayment || p.Request.TransferOptions.ToAddresses[0].Amount != "5" {
					bad = append(bad, "use case or amount")
				}
				return bad
			},
		},
		{
			name:      "explicit_version_0",
			fileName:  "zero",
			file:      `{"version": 0, "useCase": "withdrawal", "request": {"userId": "u-4"}}`,
			wantFresh: nil,
			want: func(p *Preset) (bad []string) {
				if p.UseCase != mesh.UseWithdrawal {
					bad = append(bad, "use case")
				}
				return bad
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newStore(t)
			path := filepath.Join(st.Dir, tt.fileName+".json")
			writeRaw(t, path, []byte(tt.file))
			p, err := st.Load(tt.fileName)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if bad := tt.want(p); len(bad) > 0 {
				t.Errorf("migrated preset is wrong (%v): %+v", bad, p)
			}
			if !slices.Equal(p.Fresh, tt.wantFresh) {
				t.Errorf("fresh = %v, want %v", p.Fresh, tt.wantFresh)
			}
			if got := readFile(t, path); string(got) != tt.file {
				t.Error("reading migrated the file on disk; it must change only when saved")
			}
			// Saving writes the current version, which then reads back the same.
			if err := st.Save(p, true); err != nil {
				t.Fatalf("Save: %v", err)
			}
			if v, _ := fileVersion(readFile(t, path)); v != Version {
				t.Errorf("saved file has version %d, want %d", v, Version)
			}
			again, err := st.Load(tt.fileName)
			if err != nil {
				t.Fatal(err)
			}
			p.Created, p.Updated = again.Created, again.Updated
			if !reflect.DeepEqual(p, again) {
				t.Errorf("after saving:\n got %+v\nwant %+v", again, p)
			}
		})
	}
}

// Each step of the migration chain is run in turn; a step in the middle
// cannot be skipped.
func TestMigrationsCoverEveryOlderVersion(t *testing.T) {
	if len(migrations) != Version {
		t.Fatalf("%d migration steps for format version %d: add one for every version", len(migrations), Version)
	}
	for v, m := range migrations {
		if m == nil {
			t.Errorf("no migration from version %d", v)
		}
	}
}

func TestDecodeRefusesANewerVersion(t *testing.T) {
	tests := []struct{ name, file string }{
		{"version_2_same_shape", `{"version": 2, "name": "n", "useCase": "deposit", "request": {"userId": "u"}}`},
		{"version_3_other_shape", `{"version": 3, "request": "stored elsewhere", "useCase": {"kind": "deposit"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newStore(t)
			path := filepath.Join(st.Dir, "future.json")
			writeRaw(t, path, []byte(tt.file))
			_, err := st.Load("future")
			if !errors.Is(err, ErrNewerVersion) {
				t.Fatalf("Load = %v, want ErrNewerVersion", err)
			}
			for _, want := range []string{path, "made by a newer meshlink", "upgrade meshlink"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if errors.Is(err, ErrCorrupt) {
				t.Error("a newer file is reported as corrupt")
			}
			if got := readFile(t, path); string(got) != tt.file {
				t.Error("the newer file was changed")
			}
		})
	}
}

func TestDecodeRejectsWhatIsNotAPreset(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"empty_file", ``, "unexpected end of JSON input"},
		{"half_written", `{"version": 1, "name": "x", "useCase": "dep`, "unexpected end"},
		{"syntax_error_with_position", "{\n  \"version\": 1,\n  \"name\": \"x\",,\n}", "line 3, column 15"},
		{"not_an_object", `["deposit"]`, "cannot unmarshal array"},
		{"null", `null`, "not a JSON object"},
		{"nothing_preset_like", `{"hello": "world"}`, `no "request"`},
		{"no_request", `{"version": 1, "name": "x", "useCase": "deposit"}`, `no "request"`},
		{"wrong_type", `{"version": 1, "name": "x", "useCase": "deposit", "request": {"userId": 42}}`, "userId: must be text in quotes, not the number 42"},
		{"bad_amount", `{"version": 1, "name": "x", "useCase": "payment", "request": {"userId": "u", "transferOptions": {"amountInFiat": "lots"}}}`, "is not a number"},
		{"unknown_use_case", `{"version": 1, "name": "x", "useCase": "refund", "request": {"userId": "u"}}`, `useCase "refund" is not a use case`},
		{"missing_use_case", `{"version": 1, "name": "x", "request": {"userId": "u"}}`, `useCase "" is not a use case`},
		{"unknown_environment", `{"version": 1, "name": "x", "useCase": "withdrawal", "environment": "staging", "request": {"userId": "u"}}`, "staging"},
		{"unknown_fresh_field", `{"version": 1, "name": "x", "useCase": "withdrawal", "fresh": ["integrationId"], "request": {"userId": "u"}}`, `fresh field "integrationId"`},
		// Decoded as strictly as a --body: a misspelled key in a hand-edited
		// preset is named, never dropped.
		{"misspelled_request_field", `{"version": 1, "name": "x", "useCase": "deposit", "request": {"userId": "u", "transferOptions": {"transferType": "deposit", "toAdresses": []}}}`, `toAdresses`},
		{"misspelled_key_of_the_file", `{"version": 1, "name": "x", "descripton": "d", "useCase": "withdrawal", "request": {"userId": "u"}}`, `unknown field "descripton"`},
		{"misspelled_field_of_a_bare_body", `{"userId": "u", "restrictMultipleAcounts": true}`, `restrictMultipleAcounts`},
		{"more_after_the_object", `{"version": 1, "name": "x", "useCase": "withdrawal", "request": {"userId": "u"}} {}`, "after"},
		{"null_request", `{"version": 1, "name": "x", "useCase": "withdrawal", "request": null}`, `no "request"`},
		{"negative_version", `{"version": -1, "request": {}}`, "version -1"},
		{"fractional_version", `{"version": 1.5, "request": {}}`, "cannot unmarshal number 1.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.file), "x")
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Decode = %v, want ErrCorrupt", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestDecodeRefusesAccessTokens(t *testing.T) {
	file := `{"version": 1, "name": "x", "useCase": "withdrawal", "request": {"userId": "u", "accessTokens": [{"accessToken": "tok"}]}}`
	_, err := Decode([]byte(file), "")
	if !errors.Is(err, ErrAccessTokens) || !strings.Contains(err.Error(), `remove "accessTokens"`) {
		t.Errorf("Decode = %v, want ErrAccessTokens saying what to remove", err)
	}
}

func TestDecodeName(t *testing.T) {
	data, err := Encode(goldenPreset())
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := Decode(data, ""); p == nil || p.Name != "qa-payment" {
		t.Errorf("with no name given, Decode should use the file's: %+v", p)
	}
	if p, _ := Decode(data, "renamed"); p == nil || p.Name != "renamed" {
		t.Errorf("a given name should win over the file's: %+v", p)
	}
	if _, err := Decode([]byte(`{"userId": "u"}`), ""); err == nil || !strings.Contains(err.Error(), "give it a name") {
		t.Errorf("a nameless file with no name given: %v", err)
	}
}

func TestWithoutKey(t *testing.T) {
	got, err := withoutKey([]byte(`{"userId":"","a":{"userId":1},"b":[1,2]}`), "userId")
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"a":{"userId":1},"b":[1,2]}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

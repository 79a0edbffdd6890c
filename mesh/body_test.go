package mesh_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// Mesh's server is .NET and matches keys in any case; Mesh's own example
// apps send PascalCase bodies.
func TestDecodeBody_keysInAnyCase(t *testing.T) {
	body := `{"UserId": "u-1", "RestrictMultipleAccounts": true,
		"TransferOptions": {"TransferType": "Payment", "AmountInFiat": 10, "ClientFee": 0.025,
			"fundingOptions": {"Enabled": true},
			"ToAddresses": [{"NetworkId": "` + solanaID + `", "Symbol": "USDC", "ADDRESS": "` + solAddr + `", "Amount": 5}]},
		"VerifyWalletOptions": {"VerificationMethods": ["SignedMessage"], "NetworkType": "Solana"}}`
	r, err := mesh.DecodeBody([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	to := r.TransferOptions
	if r.UserID != "u-1" || to.ClientFee != "0.025" || !to.FundingOptions.Enabled || to.ToAddresses[0].Address != solAddr || to.ToAddresses[0].Amount != "5" {
		t.Errorf("decoded %+v %+v", r, to)
	}
	// Enum values in another case are what Mesh reads them as.
	if to.TransferType != mesh.TransferPayment || r.VerifyWalletOptions.VerificationMethods[0] != mesh.VerifySignedMessage || r.VerifyWalletOptions.NetworkType != "solana" {
		t.Errorf("enums not made canonical: %q %q %q", to.TransferType, r.VerifyWalletOptions.VerificationMethods, r.VerifyWalletOptions.NetworkType)
	}
}

func TestDecodeBody_refuses(t *testing.T) {
	tests := []struct {
		name, body string
		path, says string // the first problem; path "" means a plain error
	}{
		{"duplicate_key", `{"userId": "a", "userId": "b"}`, "userId", "is given twice; keep one"},
		{"duplicate_key_in_another_case", `{"userId": "a", "UserId": "b"}`, "userId", `"userId" and "UserId" are the same key to Mesh`},
		{"duplicate_nested", `{"userId": "a", "transferOptions": {"toAddresses": [{"symbol": "A", "Symbol": "B"}]}}`,
			"transferOptions.toAddresses[0].symbol", "same key to Mesh"},
		{"misspelt_key", `{"userId": "a", "transferOptions": {"toAdresses": []}}`,
			"transferOptions.toAdresses", "is not a field of transferOptions; did you mean toAddresses?"},
		{"misspelt_top_level", `{"userID": "a", "integratonId": "x"}`, "integratonId", "did you mean integrationId?"},
		{"configurationId", `{"userId": "a", "configurationId": "18a20b11-e47f-43b9-8546-94284e9ee547"}`,
			"configurationId", "Mesh removed configurationId from its API in 2023 (its API reference example still shows it); use integrationId"},
		{"key_at_the_wrong_level", `{"userId": "a", "amountInFiat": 10}`, "amountInFiat", "is not a field of the request; it belongs in transferOptions"},
		{"address_key_at_the_wrong_level", `{"userId": "a", "transferOptions": {"symbol": "USDC"}}`,
			"transferOptions.symbol", "it belongs in transferOptions.toAddresses"},
		{"unknown_key_lists_fields", `{"userId": "a", "fundingOptions": null, "transferOptions": {"fundingOptions": {"zzz": 1}}}`,
			"fundingOptions", "belongs in transferOptions"},
		{"unknown_far_key", `{"userId": "a", "transferOptions": {"fundingOptions": {"zzzzzz": 1}}}`,
			"transferOptions.fundingOptions.zzzzzz", "its fields are enabled"},
		{"userEmail", `{"userId": "a", "userEmail": "x@y.z"}`, "userEmail", "is not a field of the request"},
		{"control_characters_in_a_key", `{"userId": "a", "\u001b[2J\u007f": 1}`, `\u001b[2J\u007f`, "is not a field"},
		{"kelvin_sign_is_not_k", `{"userId": "a", "bro\u212aerType": "x"}`, "bro\u212aerType", "is not a field"},
		{"wrong_kind_string", `{"userId": 5}`, "userId", "must be text in quotes, not the number 5"},
		{"wrong_kind_list", `{"userId": "a", "transferOptions": {"toAddresses": {"symbol": "x"}}}`, "transferOptions.toAddresses", "must be a list ([…]), not an object"},
		{"wrong_kind_bool", `{"userId": "a", "restrictMultipleAccounts": "yes"}`, "restrictMultipleAccounts", "must be true or false"},
		{"bad_amount", `{"userId": "a", "transferOptions": {"amountInFiat": "ten"}}`, "transferOptions.amountInFiat", `"ten" is not a number`},
		{"not_an_object", `["userId"]`, "", "must be a JSON object"},
		{"empty", "  \n", "", "the body is empty"},
		{"trailing", `{"userId": "a"} {}`, "", "there is more after the JSON object"},
		{"cut_off", `{"userId": "a"`, "", "ends too early"},
		{"guide_comment", "{\n  \"userId\": \"UNIQUE_USER_ID\", // Replace\n}", "", "line 2, column 31"},
		{"guide_comment_hint", "{\"userId\": \"u\" // Replace\n}", "", "JSON has no comments: remove the // notes"},
		{"guide_trailing_comma", "{\"userId\": \"u\",\n}", "", "no comma before a closing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := mesh.DecodeBody([]byte(tt.body))
			if err == nil {
				t.Fatalf("DecodeBody accepted it: %+v", r)
			}
			var ire *mesh.InvalidRequestError
			if tt.path == "" {
				if errors.As(err, &ire) && !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), tt.says) {
					t.Errorf("err = %v, want it to say %q", err, tt.says)
				}
				return
			}
			if !errors.As(err, &ire) {
				t.Fatalf("err = %T %v, want *mesh.InvalidRequestError", err, err)
			}
			p := ire.Problems[0]
			if p.Path != tt.path || !strings.Contains(p.Message, tt.says) {
				t.Errorf("first problem = %s, want path %q saying %q\nall: %v", p, tt.path, tt.says, err)
			}
			if !errors.Is(err, mesh.ErrInvalidRequest) {
				t.Error("the error does not match ErrInvalidRequest")
			}
		})
	}
}

// Every key problem comes back at once.
func TestDecodeBody_allProblemsAtOnce(t *testing.T) {
	_, err := mesh.DecodeBody([]byte(`{"userId": "a", "configurationId": "x", "transferOptions": {"toAdresses": [], "transactionID": 1}, "UserId": "b"}`))
	var ire *mesh.InvalidRequestError
	if !errors.As(err, &ire) || len(ire.Problems) != 4 {
		t.Fatalf("err = %v, want 4 problems", err)
	}
}

// description and goodsDetails (Binance Pay) and brokerType (deprecated)
// are real fields: they decode and come back out exactly.
func TestDecodeBody_roundTripsSchemaFields(t *testing.T) {
	body := `{
  "userId": "u-1",
  "integrationId": "` + binanceConnectID + `",
  "brokerType": "binancePay",
  "transferOptions": {
    "transactionId": "order-7",
    "transferType": "payment",
    "description": "Two tickets 🎟",
    "goodsDetails": [
      {
        "goodsType": "02",
        "goodsCategory": "Events",
        "referenceGoodsId": "sku-1",
        "goodsName": "Ticket",
        "goodsDetail": "Row 3"
      }
    ],
    "toAddresses": [
      {
        "networkId": "` + solanaID + `",
        "symbol": "USDC",
        "address": "` + solAddr + `",
        "amount": 20
      }
    ]
  }
}
`
	r, err := mesh.DecodeBody([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	out, err := mesh.EncodeBody(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != body {
		t.Errorf("round trip changed the body:\n%s\nwant\n%s", out, body)
	}
}

// accessTokens are accepted as input and kept on the request, but never sent.
func TestAccessTokensNeverInTheBody(t *testing.T) {
	r, err := mesh.DecodeBody([]byte(`{"userId": "u", "accessTokens": [{"accountId": "a", "accessToken": "returning-user-token", "brokerType": "coinbase"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.AccessTokens) != 1 || r.AccessTokens[0].AccessToken != "returning-user-token" {
		t.Fatalf("accessTokens not kept on the request: %+v", r.AccessTokens)
	}
	body, err := mesh.EncodeBody(r)
	if err != nil {
		t.Fatal(err)
	}
	curl, err := mesh.CurlCommand("https://example.test", r)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{string(body), curl} {
		if strings.Contains(s, "accessToken") || strings.Contains(s, "returning-user-token") {
			t.Errorf("accessTokens reached what is sent:\n%s", s)
		}
	}
	if len(r.AccessTokens) != 1 {
		t.Error("EncodeBody changed the request's accessTokens")
	}
}

func FuzzDecodeBody(f *testing.F) {
	for _, s := range []string{`{"userId":"u"}`, `{"UserId":"u","userId":"v"}`, `{"userId":"u","transferOptions":{"toAddresses":[{"amount":1e3}]}}`, `[`, `{"a":{"b":[1,{"c":null}]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := mesh.DecodeBody(data)
		if err != nil {
			return
		}
		// What decodes encodes, and decodes again to the same body.
		out, err := mesh.EncodeBody(r)
		if err != nil {
			return // an amount the encoder refuses (h7's bounds) is not this test's concern
		}
		r2, err := mesh.DecodeBody(out)
		if err != nil {
			t.Fatalf("re-decoding our own body failed: %v\n%s", err, out)
		}
		out2, _ := mesh.EncodeBody(r2)
		if string(out) != string(out2) {
			t.Fatalf("round trip unstable:\n%s\n%s", out, out2)
		}
	})
}

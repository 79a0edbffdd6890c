package mesh_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

// paymentBody is the request every --set case starts from.
func paymentBody() *mesh.LinkTokenRequest {
	r := mesh.NewRequest(mesh.UsePayment, "u1")
	r.TransferOptions.TransactionID = "tx-1"
	r.TransferOptions.ToAddresses = []mesh.ToAddress{{NetworkID: solanaID, Symbol: "USDC", Address: "addr", Amount: "25"}}
	return r
}

func TestSetField(t *testing.T) {
	cases := []struct {
		name   string
		assign string
		want   func(r *mesh.LinkTokenRequest) // what the assignment does to paymentBody
	}{
		{"top_level_field", "subClientId=4a1f0c3e-0000-4000-8000-000000000002",
			func(r *mesh.LinkTokenRequest) { r.SubClientID = "4a1f0c3e-0000-4000-8000-000000000002" }},
		{"nested_decimal_stays_exact", "transferOptions.clientFee=0.025",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ClientFee = "0.025" }},
		{"list_index_makes_the_first_entry", "accessTokens[0].accessToken=x",
			func(r *mesh.LinkTokenRequest) { r.AccessTokens = []mesh.AccessToken{{AccessToken: "x"}} }},
		{"list_index_changes_an_entry", "transferOptions.toAddresses[0].symbol=USDT",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ToAddresses[0].Symbol = "USDT" }},
		{"list_index_at_len_appends", "transferOptions.toAddresses[1].address=addr2",
			func(r *mesh.LinkTokenRequest) {
				r.TransferOptions.ToAddresses = append(r.TransferOptions.ToAddresses, mesh.ToAddress{Address: "addr2"})
			}},
		{"list_of_strings", "verifyWalletOptions.addresses[0]=0xabc",
			func(r *mesh.LinkTokenRequest) {
				r.VerifyWalletOptions = &mesh.VerifyWalletOptions{Addresses: []string{"0xabc"}}
			}},
		{"bool", "disableApiKeyGeneration=true",
			func(r *mesh.LinkTokenRequest) { r.DisableAPIKeyGeneration = mesh.Bool(true) }},
		{"bool_false_is_kept", "transferOptions.generatePayLink=false",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.GeneratePayLink = mesh.Bool(false) }},
		{"number_like_string_stays_a_string", "transferOptions.transactionId=12345",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.TransactionID = "12345" }},
		{"leading_zeros_stay_a_string", "userId=007",
			func(r *mesh.LinkTokenRequest) { r.UserID = "007" }},
		{"json_string_is_unquoted", `userId="u 3"`,
			func(r *mesh.LinkTokenRequest) { r.UserID = "u 3" }},
		{"json_object", `transferOptions.fundingOptions={"enabled":true}`,
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.FundingOptions = &mesh.FundingOptions{Enabled: true} }},
		{"value_holding_equals", "verifyWalletOptions.message=a=b",
			func(r *mesh.LinkTokenRequest) { r.VerifyWalletOptions = &mesh.VerifyWalletOptions{Message: "a=b"} }},
		{"empty_value_removes_the_field", "transferOptions.generatePayLink=",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.GeneratePayLink = nil }},
		{"empty_value_removes_an_object", "transferOptions=",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions = nil }},
		{"empty_value_removes_a_list_entry", "transferOptions.toAddresses[0]=",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ToAddresses = []mesh.ToAddress{} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := paymentBody()
			got, err := mesh.SetField(in, c.assign)
			if err != nil {
				t.Fatalf("SetField(%q): %v", c.assign, err)
			}
			want := paymentBody()
			c.want(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("SetField(%q)\n got %s\nwant %s", c.assign, encode(t, got), encode(t, want))
			}
			if !reflect.DeepEqual(in, paymentBody()) {
				t.Errorf("SetField(%q) changed its input", c.assign)
			}
		})
	}
}

// SetField goes through JSON maps; through float64 the amounts below would
// come back as 100.1, 12345678901234567000 and 1e-07.
func TestSetFieldKeepsAmountsAsTyped(t *testing.T) {
	body := func() *mesh.LinkTokenRequest {
		r := paymentBody()
		r.TransferOptions.ToAddresses[0].Amount = "100.10"
		r.TransferOptions.ToAddresses[0].MinAmount = "12345678901234567890.123"
		return r
	}
	cases := []struct {
		name   string
		assign string
		want   func(r *mesh.LinkTokenRequest)
	}{
		{"amounts_already_set_keep_their_digits", "userId=u2",
			func(r *mesh.LinkTokenRequest) { r.UserID = "u2" }},
		{"tiny_value_stays_as_typed", "transferOptions.clientFee=0.0000001",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ClientFee = "0.0000001" }},
		{"huge_value_stays_exact", "transferOptions.toAddresses[0].amount=12345678901234567890.5",
			func(r *mesh.LinkTokenRequest) { r.TransferOptions.ToAddresses[0].Amount = "12345678901234567890.5" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mesh.SetField(body(), c.assign)
			if err != nil {
				t.Fatal(err)
			}
			want := body()
			c.want(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("SetField(%q)\n got %s\nwant %s", c.assign, encode(t, got), encode(t, want))
			}
		})
	}
}

// Go's JSON decoder matches field names in any case, so before checkPath
// "userID=x" passed the strict decode and then lost to the body's own
// "userId": the value vanished without a word.
func TestSetFieldErrors(t *testing.T) {
	cases := []struct {
		name, assign string
		says         []string
	}{
		{"unknown_field", "foo=1", []string{`foo: no field "foo" in the body`}},
		{"field_in_the_wrong_case", "userID=x", []string{`no field "userID" in the body`, `did you mean "userId"`}},
		{"nested_field_in_the_wrong_case", "transferOptions.clientfee=0.1", []string{`no field "clientfee" in transferOptions`, `did you mean "clientFee"`}},
		{"field_in_a_list_entry_in_the_wrong_case", "transferOptions.toAddresses[0].Amount=1", []string{`no field "Amount" in toAddresses[0]`, `"amount"`}},
		{"unknown_nested_field", "transferOptions.colour=blue", []string{`no field "colour" in transferOptions`}},
		{"field_under_a_value", "userId.first=x", []string{`userId holds a value`}},
		{"index_on_an_object", "transferOptions[0].clientFee=1", []string{"transferOptions is not a list"}},
		{"index_beyond_the_end", "transferOptions.toAddresses[2].address=x", []string{"toAddresses[2]: the list has 1 item; the next one is [1]"}},
		{"index_not_a_number", "transferOptions.toAddresses[x].address=y", []string{`"toAddresses[x]": write an index like toAddresses[0]`}},
		{"index_negative", "accessTokens[-1].accessToken=y", []string{"write an index like"}},
		{"index_unclosed", "accessTokens[0.accessToken=y", []string{"write an index like"}},
		{"wrong_type", "transferOptions.generatePayLink=yes", []string{"transferOptions.generatePayLink: ", "must be true or false"}},
		{"not_a_number", "transferOptions.clientFee=much", []string{"transferOptions.clientFee: ", "not a number"}},
		{"no_equals", "subClientId", []string{"write path=value"}},
		{"no_path", "=1", []string{"write path=value"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := mesh.SetField(paymentBody(), c.assign)
			if err == nil {
				t.Fatalf("SetField(%q) = %s, want an error", c.assign, encode(t, got))
			}
			wantErr(t, err, c.says...)
		})
	}
}

func encode(t *testing.T, r *mesh.LinkTokenRequest) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

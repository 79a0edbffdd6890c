package mesh_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"osc52_clipboard_write", "Eth\x1b]52;c;ZXZpbA==\aereum", "Ethereum"},
		{"osc52_st_terminated", "Eth\x1b]52;c;ZXZpbA==\x1b\\ereum", "Ethereum"},
		{"sgr_colour", "\x1b[31mBase\x1b[0m", "Base"},
		{"cursor_and_clear", "a\x1b[2J\x1b[Hb", "ab"},
		{"hyperlink", "\x1b]8;;https://evil.example\x1b\\Solana\x1b]8;;\x1b\\", "Solana"},
		{"carriage_return_overwrite", "Bitcoin\rEvilcoin", "BitcoinEvilcoin"},
		{"newlines_become_spaces", "two\nlines\r\n", "two lines "},
		{"backspace_and_bell", "ab\bc\a", "abc"},
		{"c1_csi_loses_its_introducer", "x\u009b2Jy", "x2Jy"}, // without U+009B, "2J" is plain text
		{"nul", "a\x00b", "ab"},
		{"delete", "a\x7fb", "ab"},
		{"bidi_override", "usdc\u202Egpj.exe", "usdcgpj.exe"},
		{"bidi_isolates_and_marks", "\u2066a\u2069\u200eb\u200f\u061c", "ab"},
		{"tab_becomes_space", "Binance\tConnect", "Binance Connect"},
		{"plain_text_kept", "Base Sepolia", "Base Sepolia"},
		{"unicode_kept", "Zürich ✓ 日本", "Zürich ✓ 日本"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mesh.CleanText(tt.in); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

const hostile = "\x1b]52;c;ZXZpbA==\a\x1b[31m\r\u202e"

func TestClient_Networks_cleansHostileText(t *testing.T) {
	body := okBody(map[string]any{"networks": []map[string]any{{
		"id":              ethereumID + hostile,
		"name":            "Ether" + hostile + "eum",
		"chainId":         "1" + hostile,
		"networkType":     "evm\r",
		"nativeSymbol":    "ETH\x1b[0m",
		"supportedTokens": []string{"USDC" + hostile, "\u202eETH"},
	}}})
	f := newFakeMesh(t, answer(200, body))
	nets, err := newClient(f, &sleeps{}).Networks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := mesh.Network{ID: ethereumID, Name: "Ethereum", ChainID: "1", NetworkType: "evm", NativeSymbol: "ETH", SupportedTokens: []string{"USDC", "ETH"}}
	if len(nets) != 1 || !sameNetwork(nets[0], want) {
		t.Errorf("Networks() = %q, want %q", nets, want)
	}
}

func TestClient_Integrations_cleansHostileText(t *testing.T) {
	body := okBody(map[string]any{"integrations": []map[string]any{{"id": binanceConnectID + "\r", "name": "Binance" + hostile, "type": "binanceConnect\x1b[0m"}}})
	f := newFakeMesh(t, answer(200, body))
	ints, err := newClient(f, &sleeps{}).Integrations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := (mesh.Integration{ID: binanceConnectID, Name: "Binance", Type: "binanceConnect"}); len(ints) != 1 || !reflect.DeepEqual(ints[0], want) {
		t.Errorf("Integrations() = %+v, want %+v", ints, want)
	}
}

func TestClient_APIError_cleansHostileText(t *testing.T) {
	body, _ := json.Marshal(map[string]any{
		"status": "badRequest" + hostile, "errorType": "missingField\x1b[0m",
		"message": "bad \x1b[31muserId\x1b[0m" + hostile, "displayMessage": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
	})
	f := newFakeMesh(t, answer(400, string(body)))
	_, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validDeposit())
	var ae *mesh.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %T %v", err, err)
	}
	if ae.Message != "bad userId" || ae.Display != "click" || ae.Status != "badRequest" || ae.ErrorType != "missingField" {
		t.Errorf("APIError = %q", []string{ae.Status, ae.ErrorType, ae.Message, ae.Display})
	}
	if strings.ContainsAny(strings.ReplaceAll(err.Error(), "\n", ""), "\x1b\a\r\u202e") {
		t.Errorf("Error() holds control characters: %q", err)
	}
}

func TestClient_LinkToken_refusesControlCharacters(t *testing.T) {
	for name, token := range map[string]string{
		"escape":        b64(sandboxLink) + "\x1b[2J",
		"osc52":         "\x1b]52;c;ZXZpbA==\a" + b64(sandboxLink),
		"bidi_override": "\u202e" + b64(sandboxLink),
		"inner_newline": b64(sandboxLink)[:10] + "\n" + b64(sandboxLink)[10:],
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeMesh(t, answer(200, okBody(map[string]any{"linkToken": token})))
			lt, err := newClient(f, &sleeps{}).LinkToken(context.Background(), validDeposit())
			var ae *mesh.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("LinkToken = %+v, %v; want it refused", lt, err)
			}
			if !strings.Contains(ae.Message, "control characters; refusing to show it") {
				t.Errorf("Message = %q", ae.Message)
			}
			if strings.ContainsAny(err.Error(), "\x1b\a\u202e") {
				t.Errorf("Error() echoes the control characters: %q", err)
			}
		})
	}
}

func sameNetwork(a, b mesh.Network) bool {
	return a.ID == b.ID && a.Name == b.Name && a.ChainID == b.ChainID && a.NetworkType == b.NetworkType &&
		a.NativeSymbol == b.NativeSymbol && strings.Join(a.SupportedTokens, ",") == strings.Join(b.SupportedTokens, ",")
}

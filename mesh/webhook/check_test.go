package webhook_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh/webhook"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// rewrite decodes body and encodes it again as the named encoder would.
func rewrite(t *testing.T, body []byte, how string) []byte {
	t.Helper()
	var out bytes.Buffer
	switch how {
	case "indent=1": // Python's json.dumps(x, indent=1)
		if err := json.Indent(&out, body, "", " "); err != nil {
			t.Fatal(err)
		}
	case "sorted": // a map: jq -S, Go's map[string]any, sort_keys=True
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(m)
		out.Write(b)
	case "javascript": // JSON.stringify(JSON.parse(body))
		var v map[string]any
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		return bytes.TrimSuffix(out.Bytes(), []byte("\n"))
	}
	return out.Bytes()
}

func mistakes(c webhook.Check) []webhook.Mistake {
	var m []webhook.Mistake
	for _, f := range c.Findings {
		m = append(m, f.Mistake)
	}
	return m
}

// Every diagnosis, each from the mistake that makes it.
func TestCheckSignatureDiagnoses(t *testing.T) {
	body := []byte(exampleBody)
	nl := append(body[:len(body):len(body)], '\n')
	main := map[string]string{webhook.SecretEnv: exampleSecret}
	nonASCII := []byte(strings.Replace(exampleBody, "user-123", "jörg <&>", 1))
	goEscaped := []byte(strings.Replace(exampleBody, "user-123", `jörg \u003c\u0026\u003e`, 1))
	pyEscaped := []byte(strings.Replace(exampleBody, "user-123", `j\u00f6rg <&>`, 1))
	dotnetEscaped := []byte(strings.Replace(exampleBody, "user-123", `j\u00F6rg \u003C\u0026\u003E`, 1))
	const otherSecret = "sandbox_secret_DO_NOT_USE"
	for _, c := range []struct {
		name    string
		vars    map[string]string
		body    []byte
		sig     string
		verdict webhook.Verdict
		want    []webhook.Mistake
		says    string // in the first finding's message
	}{
		{"valid", main, body, exampleHeader, webhook.Valid, nil, ""},
		{"no header", main, body, "", webhook.Missing, nil, ""},
		{"blank header", main, body, "  ", webhook.Missing, nil, ""},
		{"no secret", nil, body, exampleHeader, webhook.Unchecked, nil, ""},
		{"hex instead of base64", main, body, exampleHex, webhook.Invalid, []webhook.Mistake{webhook.MistakeHex}, "base64"},
		{"hex in upper case", main, body, strings.ToUpper(exampleHex), webhook.Invalid, []webhook.Mistake{webhook.MistakeHex}, "hex"},
		{"sha256= prefix", main, body, "sha256=" + exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakePrefix}, "sha256="},
		{"sha256= and hex", main, body, "sha256=" + exampleHex, webhook.Invalid, []webhook.Mistake{webhook.MistakePrefix, webhook.MistakeHex}, "sha256="},
		{"no padding", main, body, strings.TrimRight(exampleHeader, "="), webhook.Invalid, []webhook.Mistake{webhook.MistakePadding}, "padding"},
		{"URL-safe base64", main, body, strings.NewReplacer("+", "-", "/", "_").Replace(exampleHeader), webhook.Invalid, []webhook.Mistake{webhook.MistakeBase64URL}, "URL-safe"},
		{"a trailing newline added to the body", main, nl, exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeTrailingNewline}, "ends with a newline"},
		{"CRLF added to the body", main, append(body[:len(body):len(body)], '\r', '\n'), exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeTrailingNewline}, "newline"},
		{"signed with a trailing newline", main, body, webhook.Sign(exampleSecret, nl), webhook.Invalid, []webhook.Mistake{webhook.MistakeTrailingNewline}, "with a newline at the end"},
		{"body re-indented (Python indent=1)", main, rewrite(t, body, "indent=1"), exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "different whitespace"},
		{"signature over the re-indented body", main, body, exampleIndent1Header, webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "different whitespace"},
		{"keys sorted", main, rewrite(t, body, "sorted"), exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "key order"},
		{"through JSON.parse and JSON.stringify (25.0 becomes 25)", main, rewrite(t, body, "javascript"), exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "number formatting"},
		{"signature over JSON.stringify's bytes", main, body, webhook.Sign(exampleSecret, rewrite(t, body, "javascript")), webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "number formatting"},
		{"strings escaped again (Go)", main, goEscaped, webhook.Sign(exampleSecret, nonASCII), webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "string escaping"},
		{"escapes undone (signed as Python writes it)", main, nonASCII, webhook.Sign(exampleSecret, pyEscaped), webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "string escaping"},
		{"escapes undone (signed as .NET writes it)", main, nonASCII, webhook.Sign(exampleSecret, dotnetEscaped), webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "string escaping"},
		{"escapes undone (signed as Go writes it)", main, nonASCII, webhook.Sign(exampleSecret, goEscaped), webhook.Invalid, []webhook.Mistake{webhook.MistakeReserialised}, "string escaping"},
		{"the other environment's secret", map[string]string{webhook.SecretEnv: otherSecret, webhook.ProductionSecretEnv: exampleSecret}, body, exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeOtherSecret}, "MESH_WEBHOOK_SECRET_PRODUCTION"},
		{"the other environment's secret and a newline", map[string]string{webhook.SecretEnv: otherSecret, webhook.SandboxSecretEnv: exampleSecret}, nl, exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeOtherSecret, webhook.MistakeTrailingNewline}, "MESH_WEBHOOK_SECRET_SANDBOX"},
		{"a different body", main, []byte(strings.Replace(exampleBody, "order-42", "order-43", 1)), exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeDifferentBody}, "different body"},
		{"a different body, other secrets tried", map[string]string{webhook.SecretEnv: exampleSecret, webhook.SandboxSecretEnv: otherSecret}, []byte("{}"), exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeDifferentBody}, "neither is MESH_WEBHOOK_SECRET_SANDBOX"},
		{"not a signature", main, body, "abc", webhook.Invalid, []webhook.Mistake{webhook.MistakeMalformed}, "44 characters"},
		{"not JSON, another body", main, []byte("hello"), exampleHeader, webhook.Invalid, []webhook.Mistake{webhook.MistakeDifferentBody}, "different body"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := webhook.CheckSignature(webhook.SecretsFromEnv(env(c.vars)), c.body, c.sig)
			if got.Verdict != c.verdict || !slices.Equal(mistakes(got), c.want) {
				t.Fatalf("CheckSignature = %s %v, want %s %v\n%+v", got.Verdict, mistakes(got), c.verdict, c.want, got.Findings)
			}
			if c.says != "" && !strings.Contains(got.Findings[0].Message, c.says) {
				t.Errorf("the finding says %q; want it to mention %q", got.Findings[0].Message, c.says)
			}
			for _, f := range got.Findings {
				for _, secret := range c.vars {
					if strings.Contains(f.Message, secret) {
						t.Errorf("a finding shows a secret: %q", f.Message)
					}
				}
			}
		})
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	s := webhook.SecretsFromEnv(env(map[string]string{webhook.SecretEnv: " " + exampleSecret + "\n", webhook.SandboxSecretEnv: exampleSecret, webhook.ProductionSecretEnv: "p"}))
	if len(s.Others) != 1 || s.Others[0].Name != webhook.ProductionSecretEnv {
		t.Errorf("Others = %v, want only the production secret (the sandbox one equals MESH_WEBHOOK_SECRET)", s.Others)
	}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmtSprintf(f, s); strings.Contains(out, exampleSecret) || strings.Contains(out, `"p"`) {
			t.Errorf("Printf(%s) shows a secret: %s", f, out)
		}
	}
	if !webhook.Verify(exampleSecret, []byte(exampleBody), s.Main.Sign([]byte(exampleBody))) {
		t.Error("the secret from the environment is not used trimmed")
	}
}

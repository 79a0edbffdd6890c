package webhook_test

import (
	"strings"
	"testing"

	"github.com/meshlink/meshlink/mesh/webhook"
)

func BenchmarkCheckValid(b *testing.B) {
	s := webhook.SecretsFromEnv(env(map[string]string{webhook.SecretEnv: exampleSecret}))
	body := []byte(exampleBody)
	for b.Loop() {
		webhook.CheckSignature(s, body, exampleHeader)
	}
}

// The worst case: no usual mistake explains it, so every one is tried.
func BenchmarkCheckDifferentBody(b *testing.B) {
	s := webhook.SecretsFromEnv(env(map[string]string{webhook.SecretEnv: exampleSecret, webhook.SandboxSecretEnv: "x"}))
	body := []byte(strings.Replace(exampleBody, "order-42", "order-43", 1))
	for b.Loop() {
		webhook.CheckSignature(s, body, exampleHeader)
	}
}

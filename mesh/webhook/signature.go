package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// SignatureHeader carries a delivery's signature.
const SignatureHeader = "X-Mesh-Signature-256"

// SecretEnv holds the secret Mesh gave when the webhook URI was registered.
// meshlink reads it from the environment only, never from a flag or a file.
const SecretEnv = "MESH_WEBHOOK_SECRET"

// Each environment registers its own URI and gets its own secret. When one
// of these is set too, a signature that fails with SecretEnv is tried with
// it, to tell "the other environment's secret" from a wrong body.
const (
	SandboxSecretEnv    = "MESH_WEBHOOK_SECRET_SANDBOX"
	ProductionSecretEnv = "MESH_WEBHOOK_SECRET_PRODUCTION"
)

// Sign is the X-Mesh-Signature-256 Mesh sends with body: HMAC-SHA256 keyed
// with the secret's UTF-8 bytes, over the raw body, in standard base64.
func Sign(secret string, body []byte) string {
	return base64.StdEncoding.EncodeToString(digest(secret, body))
}

func digest(secret string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return mac.Sum(nil)
}

// Verify reports whether signature (the header's value; spaces around it
// are ignored) is body's under secret, comparing in constant time. An
// empty secret verifies nothing.
func Verify(secret string, body []byte, signature string) bool {
	if secret == "" {
		return false
	}
	got, err := base64.StdEncoding.Strict().DecodeString(strings.TrimSpace(signature))
	if err != nil {
		return false
	}
	return hmac.Equal(got, digest(secret, body))
}

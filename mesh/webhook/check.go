package webhook

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strings"
)

// Verdict is what a receiver makes of a delivery's signature.
type Verdict string

const (
	Valid   Verdict = "valid"
	Invalid Verdict = "invalid"
	// Missing: the delivery has no X-Mesh-Signature-256.
	Missing Verdict = "missing"
	// Unchecked: no secret to check with (MESH_WEBHOOK_SECRET is not set).
	Unchecked Verdict = "unchecked"
)

// Secret is a webhook secret and the variable it came from; only the name
// is ever shown.
type Secret struct {
	Name  string
	value string
}

// Set reports whether the secret has a value.
func (s Secret) Set() bool { return s.value != "" }

// String is the variable's name: a stray Printf cannot show the value.
func (s Secret) String() string { return s.Name }

// GoString keeps %#v from showing the value too.
func (s Secret) GoString() string { return "webhook.Secret{" + s.Name + "}" }

// NewSecret is value under the name name (a variable's, for messages).
func NewSecret(name, value string) Secret { return Secret{Name: name, value: value} }

// Secrets are the secret deliveries must carry (Main, MESH_WEBHOOK_SECRET)
// and the others set, which only explain a failure.
type Secrets struct {
	Main   Secret
	Others []Secret
}

// SecretsFromEnv reads MESH_WEBHOOK_SECRET, then MESH_WEBHOOK_SECRET_SANDBOX
// and MESH_WEBHOOK_SECRET_PRODUCTION when they are set and differ from it.
func SecretsFromEnv(getenv func(string) string) Secrets {
	s := Secrets{Main: NewSecret(SecretEnv, strings.TrimSpace(getenv(SecretEnv)))}
	for _, name := range []string{SandboxSecretEnv, ProductionSecretEnv} {
		if v := strings.TrimSpace(getenv(name)); v != "" && v != s.Main.value {
			s.Others = append(s.Others, NewSecret(name, v))
		}
	}
	return s
}

// Sign is Sign with the secret's value.
func (s Secret) Sign(body []byte) string { return Sign(s.value, body) }

// Mistake is one usual reason a signature does not match.
type Mistake string

const (
	MistakeMalformed       Mistake = "malformed"        // not a base64 HMAC-SHA256 at all
	MistakeHex             Mistake = "hex"              // the digest in hex, not base64
	MistakePrefix          Mistake = "prefix"           // "sha256=" in front, as GitHub's webhooks have it
	MistakeBase64URL       Mistake = "base64url"        // - and _ for + and /
	MistakePadding         Mistake = "padding"          // the = at the end dropped
	MistakeTrailingNewline Mistake = "trailing-newline" // a newline added to the body or dropped from it
	MistakeReserialised    Mistake = "reserialised"     // the same JSON written again by a parser and encoder
	MistakeOtherSecret     Mistake = "other-secret"     // signed with the other environment's secret
	MistakeDifferentBody   Mistake = "different-body"   // none of these: another body, or another secret
)

// Finding is a mistake and what to do about it, in a sentence or two.
type Finding struct {
	Mistake Mistake `json:"mistake"`
	Message string  `json:"message"`
}

// Check is the verdict on one delivery and, when invalid, why.
type Check struct {
	Verdict  Verdict   `json:"signature"`
	Findings []Finding `json:"findings,omitempty"`
}

// maxRestyle bounds the body written again in every style (a few hundred
// HMACs of it): Mesh's deliveries are about half a KiB.
const maxRestyle = 64 << 10

// CheckSignature says whether signature (X-Mesh-Signature-256's value,
// "" when the header is absent) is body's under secrets.Main and, when it
// is not, which usual mistake explains it.
func CheckSignature(secrets Secrets, body []byte, signature string) Check {
	switch {
	case strings.TrimSpace(signature) == "":
		return Check{Verdict: Missing}
	case !secrets.Main.Set():
		return Check{Verdict: Unchecked}
	case Verify(secrets.Main.value, body, signature):
		return Check{Verdict: Valid}
	}
	return Check{Verdict: Invalid, Findings: diagnose(secrets, body, signature)}
}

func diagnose(secrets Secrets, body []byte, signature string) []Finding {
	sum, findings := decodeSignature(strings.TrimSpace(signature))
	if sum == nil {
		return findings
	}
	all := append([]Secret{secrets.Main}, secrets.Others...)
	macs := make([]hash.Hash, len(all))
	for i, s := range all {
		macs[i] = hmac.New(sha256.New, []byte(s.value))
	}
	var buf [sha256.Size]byte
	signed := func(i int, b []byte) bool {
		macs[i].Reset()
		macs[i].Write(b)
		return hmac.Equal(sum, macs[i].Sum(buf[:0]))
	}
	found := func(i int, f ...Finding) []Finding {
		if i > 0 {
			findings = append(findings, Finding{MistakeOtherSecret, fmt.Sprintf(
				"the signature is valid with %s, not %s: the delivery came from the other environment's webhook (each environment's URI has its own secret), or %s holds the wrong one",
				all[i].Name, secrets.Main.Name, secrets.Main.Name)})
		}
		return append(findings, f...)
	}
	trimmed := bytes.TrimRight(body, " \t\r\n")
	withNewline := append(body[:len(body):len(body)], '\n')
	for i := range all {
		switch {
		case signed(i, body):
			return found(i)
		case len(trimmed) < len(body) && signed(i, trimmed):
			return found(i, Finding{MistakeTrailingNewline, "the body ends with a newline that was not signed (an editor, echo or a capture added it): Mesh signs the body exactly as sent, without one; check the bytes as received"})
		case signed(i, withNewline):
			return found(i, Finding{MistakeTrailingNewline, "the signature is over this body with a newline at the end: whatever signed it added one (print or echo), or it was lost here; sign and check the bytes exactly as sent"})
		}
	}
	if body := bytes.TrimSpace(body); len(body) <= maxRestyle && json.Valid(body) {
		restyled := restyle(body)
		for i := range all {
			for _, r := range restyled {
				if signed(i, r.body) {
					return found(i, Finding{MistakeReserialised, fmt.Sprintf(
						"the body was re-serialised: the signature is over the same JSON with different %s. Mesh signs the raw bytes it sends; verify over the body as received, before any JSON parsing (not JSON.stringify(req.body) or json.dumps(payload))",
						joinAnd(r.style.changes(body)))})
				}
			}
		}
	}
	others := "MESH_WEBHOOK_SECRET_SANDBOX or MESH_WEBHOOK_SECRET_PRODUCTION, when set, is tried too"
	if len(secrets.Others) > 0 {
		names := make([]string, len(secrets.Others))
		for i, s := range secrets.Others {
			names[i] = s.Name
		}
		others = "neither is " + strings.Join(names, " nor ")
	}
	return append(findings, Finding{MistakeDifferentBody, fmt.Sprintf(
		"the signature is not over this body with %s, and no usual mistake explains it: it was made over a different body (another delivery's, or this one changed after it was signed) or with another secret (%s)",
		secrets.Main.Name, others)})
}

// decodeSignature reads the digest out of a signature, in base64 as Mesh
// writes it or in the encodings people mistake for it, saying which.
func decodeSignature(sig string) (sum []byte, findings []Finding) {
	if len(sig) > 7 && strings.EqualFold(sig[:7], "sha256=") {
		sig = sig[7:]
		findings = append(findings, Finding{MistakePrefix, `the signature starts with "sha256=": Mesh's X-Mesh-Signature-256 is the base64 digest alone (that prefix is GitHub's style)`})
	}
	if len(sig) == 64 {
		if b, err := hex.DecodeString(sig); err == nil {
			return b, append(findings, Finding{MistakeHex, "the signature is in hex: Mesh's X-Mesh-Signature-256 is the same digest in base64 (44 characters ending in =); encode the HMAC with base64, not hex, before comparing"})
		}
	}
	for _, enc := range []struct {
		enc     *base64.Encoding
		finding *Finding
	}{
		{base64.StdEncoding, nil},
		{base64.RawStdEncoding, &Finding{MistakePadding, "the signature lacks base64's = padding at the end: Mesh sends it with the padding, and a string comparison fails without it"}},
		{base64.URLEncoding, &Finding{MistakeBase64URL, "the signature is in URL-safe base64 (- and _): Mesh uses standard base64 (+ and /)"}},
		{base64.RawURLEncoding, &Finding{MistakeBase64URL, "the signature is in URL-safe base64 without padding (- and _, no =): Mesh uses standard base64 (+ and /, = at the end)"}},
	} {
		if b, err := enc.enc.Strict().DecodeString(sig); err == nil && len(b) == 32 {
			if enc.finding != nil {
				findings = append(findings, *enc.finding)
			}
			return b, findings
		}
	}
	return nil, append(findings, Finding{MistakeMalformed, fmt.Sprintf(
		"the signature is not an HMAC-SHA256 in base64: Mesh's are 44 characters like LYtbBmvRSMv/EVJIQiNEZoWGSXFJLpib3NYFQpjMmtI=, this one is %d; pass the X-Mesh-Signature-256 header's value alone", len(sig))})
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return "bytes"
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

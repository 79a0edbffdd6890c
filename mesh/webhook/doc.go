// Package webhook knows Mesh's transfer webhooks: the delivery Mesh posts
// (PascalCase fields, EventId kept across retries, Id new on each), its
// X-Mesh-Signature-256 (HMAC-SHA256 over the raw body, base64), checking it
// in constant time, and saying which usual mistake made a signature fail.
// It also keeps the bounded memory a receiver needs (which EventIds came,
// how each transfer's status moved) and posts deliveries as Mesh does.
//
// It serves no HTTP and prints nothing: ui/cli's webhooks commands and the
// demo server build on it. It imports only mesh.
package webhook

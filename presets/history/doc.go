// Package history keeps this machine's record of link-token fetches: one
// JSON line per fetch, in <state dir>/history.jsonl, for `meshlink history`,
// `meshlink report` and the wizard's first screen.
//
// It owns storage and nothing else: no terminal, no HTTP, no credentials. An
// entry never holds a link token, a pay link, a secret or a user's
// accessTokens; it holds what tells runs apart (time, environment, host, use
// case, userId, transactionId, expiry) and, for failures, what Mesh support
// asks for (HTTP status, errorType, errorHash, message, the body sent).
//
// The file is 0600. Read gives its newest MaxEntries lines; a fetch appends
// one line, and only once the file passes a KiB an entry is it rewritten
// with the newest MaxEntries. Writers take an exclusive lock on history.lock
// beside it, so concurrent runs neither interleave lines nor lose one to
// trimming.
package history

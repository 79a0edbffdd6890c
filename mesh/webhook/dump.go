package webhook

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/meshlink/meshlink/mesh"
)

// Captured is a delivery read from a dump of its HTTP request.
type Captured struct {
	Body []byte
	// Signature is X-Mesh-Signature-256's value, "" when the header is absent.
	Signature string
	// Notes say what about the capture itself may explain a failure: a
	// body longer or shorter than its Content-Length, two signatures.
	Notes []string
}

// isRequestLine reports whether line is like "POST /hook HTTP/1.1".
func isRequestLine(line []byte) bool {
	f := strings.Fields(string(line))
	return len(f) == 3 && f[0] == strings.ToUpper(f[0]) && strings.HasPrefix(f[2], "HTTP/")
}

// ReadRequest reads a raw HTTP request as a proxy, a tunnel's inspector or
// a log keeps it: an optional request line (POST /hook HTTP/1.1), header
// lines, a blank line, the body. Lines may end in CRLF or LF alone.
func ReadRequest(dump []byte) (Captured, error) {
	var c Captured
	if len(dump) > MaxBody+64<<10 {
		return c, fmt.Errorf("the capture is %s, over %s: a delivery is about half a KiB", mesh.FormatBytes(int64(len(dump))), mesh.FormatBytes(MaxBody))
	}
	rest := bytes.TrimLeft(dump, "\r\n")
	head, body, ok := cutBlankLine(rest)
	if !ok {
		return c, errors.New("no blank line after the headers: a captured request is its headers, a blank line, then the body")
	}
	if first, after, _ := bytes.Cut(head, []byte("\n")); isRequestLine(first) {
		head = after
	}
	header, err := textproto.NewReader(bufio.NewReader(io.MultiReader(bytes.NewReader(head), strings.NewReader("\r\n")))).ReadMIMEHeader()
	if err != nil {
		return c, fmt.Errorf("the headers cannot be read: %s", mesh.CleanText(err.Error()))
	}
	if sigs := header.Values(SignatureHeader); len(sigs) > 0 {
		c.Signature = sigs[0]
		if len(sigs) > 1 {
			c.Notes = append(c.Notes, fmt.Sprintf("the request has %d %s headers; the first is checked", len(sigs), SignatureHeader))
		}
	}
	if strings.EqualFold(strings.TrimSpace(header.Get("Transfer-Encoding")), "chunked") {
		decoded, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body)))
		if err != nil {
			c.Notes = append(c.Notes, "the chunked body cannot be decoded ("+mesh.CleanText(err.Error())+"); it is checked as captured")
			c.Body = body
			return c, nil
		}
		c.Body = decoded
		return c, nil
	}
	c.Body = body
	if cl := header.Get("Content-Length"); cl != "" {
		n, err := strconv.Atoi(strings.TrimSpace(cl))
		switch {
		case err != nil || n < 0:
			c.Notes = append(c.Notes, fmt.Sprintf("Content-Length %q is not a length; the whole body is checked", mesh.CleanText(cl)))
		case n < len(body) && len(bytes.TrimSpace(body[n:])) == 0:
			c.Body = body[:n]
			note := fmt.Sprintf("%d bytes of white space after the body's %d (Content-Length) were left out: the capture added them", len(body)-n, n)
			if len(body)-n == 1 {
				note = fmt.Sprintf("1 byte of white space after the body's %d (Content-Length) was left out: the capture added it", n)
			}
			c.Notes = append(c.Notes, note)
		case n < len(body):
			c.Notes = append(c.Notes, fmt.Sprintf("the body is %d bytes but Content-Length says %d: the capture holds more than the request, or the body was changed; all %d bytes are checked", len(body), n, len(body)))
		case n > len(body):
			c.Notes = append(c.Notes, fmt.Sprintf("the body is %d bytes but Content-Length says %d: the capture was cut short", len(body), n))
		}
	}
	return c, nil
}

// cutBlankLine splits at the first empty line (CRLF or LF endings).
func cutBlankLine(b []byte) (head, body []byte, ok bool) {
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '\n')
		if j < 0 {
			return nil, nil, false
		}
		line := b[i : i+j]
		if len(line) == 0 || (len(line) == 1 && line[0] == '\r') {
			return b[:i], b[i+j+1:], true
		}
		i += j + 1
	}
	return nil, nil, false
}

package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlink/meshlink/ui/qr/qrtest"
)

func decode(t *testing.T, b []byte) string {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	text, err := qrtest.Decode(img)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestWritePNGDecodesBackToTheLink(t *testing.T) {
	payLink := "https://paylink.meshconnect.com?linkToken=" + strings.Repeat("aHR0cHM6Ly93ZWIubWVzaGNvbm5lY3QuY29tL2IyYi1pZnJhbWUv", 9) + "%3D%3D"
	for _, link := range []string{"https://web.meshconnect.com/b2b-iframe/x/broker-connect?auth_code=abc", payLink} {
		path := filepath.Join(t.TempDir(), "pay.png")
		if err := WritePNG(path, link); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := decode(t, b); got != link {
			t.Errorf("decoded %q, want %q", got, link)
		}
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
		cfg, _, _ := image.DecodeConfig(bytes.NewReader(b))
		if cfg.Width < 200 || cfg.Width > 1200 {
			t.Errorf("a %d-pixel image for %d characters", cfg.Width, len(link))
		}
	}
}

func TestTooLongForAQRCode(t *testing.T) {
	if _, err := PNG(strings.Repeat("x", 5000)); err == nil {
		t.Error("5000 characters made a QR code")
	}
}

// render turns Blocks' text back into an image, module by module: drawn
// halves in one colour, the rest in the other, with pad light modules
// around (what a caller's padding adds).
func render(lines []string, drawnIsLight bool, pad int) image.Image {
	const px = 4
	width := len([]rune(lines[0]))
	height := 2 * len(lines)
	// A code of odd height leaves its last half-row empty: leave it out.
	if last := lines[len(lines)-1]; !strings.ContainsAny(last, "█▄") {
		height--
	}
	drawn, other := color.Gray{0}, color.Gray{255}
	if drawnIsLight {
		drawn, other = other, drawn
	}
	img := image.NewGray(image.Rect(0, 0, (width+2*pad)*px, (height+2*pad)*px))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	set := func(mx, my int, c color.Gray) {
		for dy := range px {
			for dx := range px {
				img.SetGray((mx+pad)*px+dx, (my+pad)*px+dy, c)
			}
		}
	}
	for y, line := range lines {
		for x, r := range []rune(line) {
			top, bottom := other, other
			if r == '█' || r == '▀' {
				top = drawn
			}
			if r == '█' || r == '▄' {
				bottom = drawn
			}
			set(x, 2*y, top)
			if 2*y+1 < height {
				set(x, 2*y+1, bottom)
			}
		}
	}
	return img
}

func TestBlocksDecodeBackToTheLink(t *testing.T) {
	link := "https://paylink.meshconnect.com?linkToken=" + strings.Repeat("aHR0cHM6Ly93ZWIubWVzaGNvbm5lY3QuY29tL2IyYi1pZnJhbWUv", 9)
	for _, darkOnLight := range []bool{true, false} {
		text, err := Blocks(link, darkOnLight)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(text, "\n")
		pad := 0
		if darkOnLight {
			pad = 2 // the caller's light padding
		}
		var b bytes.Buffer
		png.Encode(&b, render(lines, !darkOnLight, pad))
		if got := decode(t, b.Bytes()); got != link {
			t.Errorf("darkOnLight=%v: decoded %q", darkOnLight, got)
		}
		if w, h := len([]rune(lines[0]))+2*pad, len(lines)+pad; w > 93 || h > 47 {
			t.Errorf("darkOnLight=%v: %d×%d characters for a %d-character link", darkOnLight, w, h, len(link))
		}
	}
}

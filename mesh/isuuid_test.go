package mesh

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// IsUUID is hand-written for speed; it must agree with the pattern it
// replaced on any input.
func TestIsUUIDAgreesWithThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	const alphabet = "0123456789abcdefABCDEFgG-xé\n"
	rng := rand.New(rand.NewPCG(1, 2))
	valid := []byte("0291810a-5947-424d-9a59-e88bb33e999d")
	for range 200000 {
		var s []byte
		if rng.IntN(2) == 0 {
			s = append(s, valid...)
			for range 1 + rng.IntN(2) { // change one or two bytes
				s[rng.IntN(len(s))] = alphabet[rng.IntN(len(alphabet))]
			}
			if rng.IntN(8) == 0 {
				s = s[:rng.IntN(len(s))]
			}
		} else {
			for range 30 + rng.IntN(10) {
				s = append(s, alphabet[rng.IntN(len(alphabet))])
			}
		}
		if got, want := IsUUID(string(s)), pattern.Match(s); got != want {
			t.Fatalf("IsUUID(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}

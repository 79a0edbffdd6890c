package mesh

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles its pattern on first use: a run that never checks a
// value of its kind (most runs check no phone number) does not pay for it.
type lazyRegexp struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
}

func lazyMustCompile(pattern string) *lazyRegexp { return &lazyRegexp{pattern: pattern} }

func (l *lazyRegexp) MatchString(s string) bool {
	l.once.Do(func() { l.re = regexp.MustCompile(l.pattern) })
	return l.re.MatchString(s)
}

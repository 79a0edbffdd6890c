// Package regularfiletest helps tests put a named pipe (FIFO) where a file
// belongs, and bound what could block on it: a regression must fail the
// test, not hang the suite. It has Unix only.
package regularfiletest

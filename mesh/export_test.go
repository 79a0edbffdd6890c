package mesh

// Helpers for the tests of package mesh_test: exported only while testing.

// MustDecimal is ParseDecimal for literals in tests.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// In reports whether use case u has the field.
func (f Field) In(u UseCase) bool { return f.in(u) }

package order

import "testing"

func TestMajor(t *testing.T) {
	for _, c := range []struct {
		series string
		want   int
	}{
		{"17.0", 17}, {"saas~17.2", 17}, {"8.0", 8}, {"", 0}, {"master", 0}, {"saas~", 0}, {"123456.0", 0}, {"1234.0", 1234},
	} {
		if got := Major(c.series); got != c.want {
			t.Errorf("Major(%q) = %d, want %d", c.series, got, c.want)
		}
	}
}

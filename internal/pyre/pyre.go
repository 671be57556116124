// Package pyre holds what Go code standing in for Python's re module
// shares: re.escape, as the embedded host's re module exposes it and as
// upgrade-util's helpers use it to build PostgreSQL regular expressions.
// It owns no regular expression engine (the embedded host's re runs on
// RE2, in package pystdlib).
package pyre

import "strings"

// special is the set re.escape backslashes (CPython 3.7+).
const special = "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"

// Escape is CPython 3.7+'s re.escape.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

package phases

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ParseInstalledArg parses one MODULE=VERSION pair, as given to
// --installed. An empty version means "not installed".
func ParseInstalledArg(arg string) (module, version string, err error) {
	module, version, ok := strings.Cut(arg, "=")
	module, version = strings.TrimSpace(module), strings.TrimSpace(version)
	switch {
	case !ok:
		return "", "", fmt.Errorf("%q: want MODULE=VERSION, e.g. sale_custom=17.0.1.0", arg)
	case module == "" || strings.ContainsAny(module, " \t/\\"):
		return "", "", fmt.Errorf("%q: %q is not a module name", arg, module)
	case strings.ContainsAny(version, " \t"):
		return "", "", fmt.Errorf("%q: the version %q contains a space", arg, version)
	}
	return module, version, nil
}

// ParseInstalled reads MODULE=VERSION lines (blank lines and # comments
// allowed), such as the output of
//
//	psql -Atc "select name||'='||latest_version from ir_module_module where state in ('installed','to upgrade')"
//
// name is used in errors, which carry the line number.
func ParseInstalled(r io.Reader, name string, into map[string]string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		mod, ver, err := ParseInstalledArg(text)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if prev, dup := into[mod]; dup && prev != ver {
			return fmt.Errorf("%s:%d: module %s listed twice (%s and %s)", name, line, mod, prev, ver)
		}
		into[mod] = ver
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

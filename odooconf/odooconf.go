// Package odooconf reads an Odoo configuration file (odoo.conf, the file
// given to odoo-bin -c) the way Odoo's own config module does: an INI file
// read with Python's RawConfigParser, whose [options] section holds the
// database settings and the addons and upgrade paths.
//
// It owns parsing and the meaning of the few keys migrate-runner uses. It
// does not connect to anything (package sqlexec does).
package odooconf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Config is the [options] section of an Odoo configuration file.
type Config struct {
	Path    string
	Options map[string]string // keys lower-cased, values as written
	lines   map[string]int    // key -> line, for errors
}

// Error is a malformed configuration file, with the line to fix.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// Load reads and parses the file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("odoo config: %w", err)
	}
	return Parse(path, data)
}

// Parse reads data as Python's RawConfigParser (strict, the default)
// does: "[section]" headers, "key = value" or "key: value" lines, keys
// lower-cased, full-line comments starting with # or ;, indented lines
// continuing the previous value, and duplicate sections or keys refused.
// Only [options] is kept, as Odoo reads only that section.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path, Options: map[string]string{}, lines: map[string]int{}}
	sections := map[string]bool{}
	section, lastKey := "", ""
	seen := map[string]bool{}
	for n, raw := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
		line := strings.TrimRight(raw, "\r")
		lineNo := n + 1
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';':
			lastKey = "" // RawConfigParser ends a value at an empty line
			continue
		case line[0] == ' ' || line[0] == '\t':
			if lastKey == "" {
				return nil, &Error{path, lineNo, "indented line does not continue a value"}
			}
			if section == "options" {
				c.Options[lastKey] += "\n" + trimmed
			}
			continue
		case trimmed[0] == '[':
			end := strings.IndexByte(trimmed, ']')
			if end < 0 {
				return nil, &Error{path, lineNo, fmt.Sprintf("malformed section header %q", trimmed)}
			}
			section = trimmed[1:end]
			if sections[section] {
				return nil, &Error{path, lineNo, fmt.Sprintf("section [%s] appears twice", section)}
			}
			sections[section] = true
			seen = map[string]bool{}
			lastKey = ""
			continue
		}
		if section == "" {
			return nil, &Error{path, lineNo, "a setting before any [section] header"}
		}
		i := strings.IndexAny(line, "=:")
		if i < 0 {
			return nil, &Error{path, lineNo, fmt.Sprintf("%q is not a \"key = value\" line", trimmed)}
		}
		key := strings.ToLower(strings.TrimSpace(line[:i]))
		if key == "" {
			return nil, &Error{path, lineNo, "empty key"}
		}
		if seen[key] {
			return nil, &Error{path, lineNo, fmt.Sprintf("option %q appears twice in [%s]", key, section)}
		}
		seen[key] = true
		lastKey = key
		if section == "options" {
			c.Options[key] = strings.TrimSpace(line[i+1:])
			c.lines[key] = lineNo
		}
	}
	return c, nil
}

// Get returns an option's value, with Odoo's reading of "False" and
// "None" as unset.
func (c *Config) Get(key string) (string, bool) {
	v, ok := c.Options[key]
	if !ok || v == "False" || v == "None" || v == "" {
		return "", false
	}
	return v, true
}

// Paths returns a comma-separated path option (addons_path,
// upgrade_path) as Odoo resolves it: each entry with ~ and $VARS
// expanded, made absolute.
func (c *Config) Paths(key string) []string {
	v, ok := c.Get(key)
	if !ok {
		return nil
	}
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		p = os.ExpandEnv(p)
		if strings.HasPrefix(p, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, p[2:])
			}
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		out = append(out, p)
	}
	return out
}

// Line returns the line an option was set on, for messages (0 if unset).
func (c *Config) Line(key string) int { return c.lines[key] }

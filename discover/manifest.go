package discover

import (
	"fmt"

	"github.com/migrate-runner/migrate-runner/pyliteral"
)

// ManifestNames are the file names that make a directory a module, in
// Odoo's order of preference.
var ManifestNames = []string{"__manifest__.py", "__openerp__.py"}

// ManifestError is a manifest Odoo could not load, with the line to fix.
type ManifestError struct {
	Path string
	Line int
	Msg  string
}

func (e *ManifestError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// ParseManifest reads a manifest the way Odoo does (ast.literal_eval of the
// whole file) and keeps name, version, depends and installable, with Odoo's
// defaults for missing keys. path is used in errors only.
func ParseManifest(path string, src []byte) (Manifest, error) {
	m := Manifest{Version: "1.0", Installable: true, Depends: []string{}}
	root, err := pyliteral.Parse(src)
	if err != nil {
		if pe, ok := err.(*pyliteral.Error); ok {
			return m, &ManifestError{Path: path, Line: pe.Pos.Line, Msg: pe.Msg}
		}
		return m, &ManifestError{Path: path, Msg: err.Error()}
	}
	if root.Kind != pyliteral.Dict {
		return m, &ManifestError{Path: path, Line: root.Pos.Line, Msg: fmt.Sprintf("a manifest must be a dict literal, not a %s", root.Kind)}
	}
	if n := root.Lookup("name"); n != nil {
		m.Name = n.PyStr()
	}
	if n := root.Lookup("version"); n != nil {
		m.Version = n.PyStr() // Odoo adapts str(manifest['version'])
	}
	if n := root.Lookup("installable"); n != nil {
		m.Installable = n.Truthy()
	}
	if n := root.Lookup("depends"); n != nil {
		switch n.Kind {
		case pyliteral.List, pyliteral.Tuple, pyliteral.Set:
		default:
			return m, &ManifestError{Path: path, Line: n.Pos.Line, Msg: fmt.Sprintf("'depends' must be a list of module names, not a %s", n.Kind)}
		}
		for _, d := range n.Items {
			if d.Kind != pyliteral.Str || d.Str == "" {
				return m, &ManifestError{Path: path, Line: d.Pos.Line, Msg: fmt.Sprintf("'depends' entries must be module names, got %s", d.PyStr())}
			}
			m.Depends = append(m.Depends, d.Str)
		}
	}
	return m, nil
}

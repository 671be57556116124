package discover

import "github.com/migrate-runner/migrate-runner/order"

// Level grades a diagnostic.
type Level string

const (
	Error   Level = "error"   // Odoo would fail or skip a module
	Warning Level = "warning" // Odoo would silently skip a script or folder
	Info    Level = "info"    // worth knowing; nothing is lost
)

// Diagnostic is one finding about the tree, tied to a path.
type Diagnostic struct {
	Level   Level  `json:"level"`
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// SourceKind says where a script folder lives.
type SourceKind string

const (
	Migrations  SourceKind = "migrations"   // <module>/migrations
	Upgrades    SourceKind = "upgrades"     // <module>/upgrades
	UpgradePath SourceKind = "upgrade-path" // <upgrade-path>/<module>
)

// Source is one directory holding version folders for a module.
type Source struct {
	Kind SourceKind `json:"kind"`
	Dir  string     `json:"dir"`
}

// FolderStatus records what Odoo's folder filter makes of a name.
type FolderStatus string

const (
	FolderValid   FolderStatus = "valid"   // passes VERSION_RE
	FolderInvalid FolderStatus = "invalid" // fails VERSION_RE: ignored from 17.0 on
	FolderTests   FolderStatus = "tests"   // "tests": always skipped from 17.0 on
)

// Folder is one version folder of one source.
type Folder struct {
	Name   string       `json:"name"`
	Source int          `json:"source"` // index into Module.Sources
	Status FolderStatus `json:"status"`
	Files  []File       `json:"files"` // the *.py files Odoo's glob finds, in byte order
}

// File is one *.py file of a version folder.
type File struct {
	Name  string      `json:"name"`            // basename
	Path  string      `json:"path"`            // absolute, symlinks not resolved (as Odoo's glob)
	Stage order.Stage `json:"stage,omitempty"` // "" when the name has no pre-/post-/end- prefix
}

// Manifest keeps the manifest keys that matter for migrations.
type Manifest struct {
	Name string `json:"name,omitempty"`
	// Version is str(manifest['version']) before adapt_version; "1.0"
	// when absent, Odoo's default.
	Version     string   `json:"version"`
	Depends     []string `json:"depends"`
	Installable bool     `json:"installable"`
}

// Module is one addon found on the addons paths.
type Module struct {
	Name         string   `json:"name"`
	Path         string   `json:"path"`
	ManifestPath string   `json:"manifest_path"`
	Manifest     Manifest `json:"manifest"`
	// ManifestError is set when the manifest cannot be read; Odoo cannot
	// load such a module, so no script of it runs.
	ManifestError string   `json:"manifest_error,omitempty"`
	Sources       []Source `json:"sources"`
	// Folders are in Odoo's insertion order: source by source, and by
	// byte order of the name within one source.
	Folders []Folder `json:"folders"`
}

// Inventory is everything discovered.
type Inventory struct {
	AddonsPaths  []string     `json:"addons_paths"`
	UpgradePaths []string     `json:"upgrade_paths"`
	Modules      []*Module    `json:"modules"` // sorted by name
	Diagnostics  []Diagnostic `json:"diagnostics"`

	byName map[string]*Module
}

// Module returns the module named name, or nil.
func (inv *Inventory) Module(name string) *Module { return inv.byName[name] }

// HasErrors reports whether any diagnostic is error-level.
func (inv *Inventory) HasErrors() bool {
	for _, d := range inv.Diagnostics {
		if d.Level == Error {
			return true
		}
	}
	return false
}

package textout

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/migrate-runner/migrate-runner/discover"
)

// Inventory prints each module with its script files, then the
// diagnostics. short shortens paths for display (it may be nil).
func Inventory(out io.Writer, inv *discover.Inventory, short func(string) string) error {
	w := bufio.NewWriterSize(out, 64<<10)
	if short == nil {
		short = func(s string) string { return s }
	}
	pr := func(format string, args ...any) error {
		_, err := fmt.Fprintf(w, format, args...)
		return err
	}
	scripts := 0
	for _, m := range inv.Modules {
		for _, f := range m.Folders {
			scripts += len(f.Files)
		}
	}
	if err := pr("%d module(s), %d script file(s)\n", len(inv.Modules), scripts); err != nil {
		return err
	}
	for _, m := range inv.Modules {
		deps := "-"
		if len(m.Manifest.Depends) > 0 {
			deps = strings.Join(m.Manifest.Depends, ", ")
		}
		status := ""
		switch {
		case m.ManifestError != "":
			status = "  [malformed manifest]"
		case !m.Manifest.Installable:
			status = "  [not installable]"
		}
		if err := pr("\n%s  %s  depends: %s  %s%s\n", Safe(m.Name), Safe(m.Manifest.Version), Safe(deps), Safe(short(m.Path)), status); err != nil {
			return err
		}
		for _, f := range m.Folders {
			where := string(m.Sources[f.Source].Kind)
			if n := len(inv.UpgradePaths); n > 1 && f.Source >= 2 {
				where = fmt.Sprintf("%s#%d", where, f.Source-1) // which --upgrade-path
			}
			note := ""
			if f.Status != discover.FolderValid {
				note = "  (" + string(f.Status) + " folder)"
			}
			for _, file := range f.Files {
				stage := string(file.Stage)
				if stage == "" {
					stage = "-"
				}
				if err := pr("  %-4s  %-10s  %-14s  %s%s\n", stage, Safe(f.Name), where, Safe(file.Name), note); err != nil {
					return err
				}
			}
		}
	}
	if err := Diagnostics(w, inv.Diagnostics, short); err != nil {
		return err
	}
	return w.Flush()
}

package discover

import (
	"io"

	"github.com/migrate-runner/migrate-runner/internal/jsonout"
)

// WriteJSON writes the inventory with one module per line, streaming.
func (inv *Inventory) WriteJSON(w io.Writer) error {
	return jsonout.Write(w, []jsonout.Field{
		{Name: "addons_paths", Value: inv.AddonsPaths},
		{Name: "upgrade_paths", Value: nonNil(inv.UpgradePaths)},
		{Name: "modules", N: len(inv.Modules), Elem: func(i int) any { return inv.Modules[i] }},
		{Name: "diagnostics", N: len(inv.Diagnostics), Elem: func(i int) any { return inv.Diagnostics[i] }},
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

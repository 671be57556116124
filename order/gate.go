package order

import "fmt"

// Gate decides, for one module, which version folders run: Odoo's compare()
// closure in migrate_module, with the installed and target versions fixed.
type Gate struct {
	Series    Series
	Installed string // ir_module_module.latest_version, "" when unknown
	Target    string // the adapted manifest version

	inst, cur Version
}

// NewGate parses the installed and target versions once.
func NewGate(s Series, installed, target string) *Gate {
	return &Gate{
		Series: s, Installed: installed, Target: target,
		inst: ParseVersion(installed),
		cur:  ParseVersion(s.ConvertVersion(target)),
	}
}

// Runs reports whether scripts in folder run, and when they do not, why,
// in words a module developer can act on.
func (g *Gate) Runs(folder string) (bool, string) {
	if folder == "0.0.0" && g.inst.Less(g.cur) {
		return true, ""
	}
	v := g.Series.FolderKey(folder)
	inst, cur, note := g.inst, g.cur, ""
	if g.Series.Majorless(folder) {
		// A module-only folder must not re-run on a major upgrade: Odoo
		// compares the keys without their first two (series) parts.
		v, inst, cur = v.tail(), inst.tail(), cur.tail()
		note = " (module-only folder: the series is not compared)"
	}
	switch {
	case inst.Less(v) && v.Compare(cur) <= 0:
		return true, ""
	case folder == "0.0.0":
		return false, fmt.Sprintf("folder 0.0.0 runs only when the version increases; installed %s, target %s", g.installedText(), g.Target)
	case !inst.Less(v):
		return false, fmt.Sprintf("folder %s ≤ installed %s%s", folder, g.installedText(), note)
	default:
		return false, fmt.Sprintf("folder %s above target %s%s", folder, g.Target, note)
	}
}

func (g *Gate) installedText() string {
	if g.Installed == "" {
		return `""`
	}
	return g.Installed
}

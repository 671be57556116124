package phases

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/migrate-runner/migrate-runner/discover"
	"github.com/migrate-runner/migrate-runner/internal/parallel"
	"github.com/migrate-runner/migrate-runner/order"
)

// StepKind tells scripts from markers.
type StepKind string

const (
	ScriptStep StepKind = "script"
	// LoadStep marks where Odoo imports the module and updates its schema
	// and data, between its pre and post scripts.
	LoadStep StepKind = "load"
)

// Step is one entry of the schedule.
type Step struct {
	Kind    StepKind            `json:"kind"`
	Module  string              `json:"module"`
	Version string              `json:"version,omitempty"` // folder name as on disk
	Phase   string              `json:"phase"`             // pre, post, end, or load
	Script  string              `json:"script,omitempty"`  // basename
	Path    string              `json:"path,omitempty"`    // absolute
	Source  discover.SourceKind `json:"source,omitempty"`
	// Needs is what the script needs at run time, sorted: sql,
	// odoo.tools.sql, upgrade-util, openupgradelib, orm. Package needs
	// fills it, ORM and NeedsFallback when asked (plan --explain, --needs).
	Needs []string `json:"needs,omitempty"`
	// ORM lists the script's uses of Odoo's ORM.
	ORM []ORMUse `json:"orm,omitempty"`
	// NeedsFallback says why a token scan, not the parser, classified
	// the script.
	NeedsFallback string `json:"needs_fallback,omitempty"`
}

// ORMUse is one use of Odoo's ORM in a script: env["res.partner"] at line 12.
type ORMUse struct {
	Line      int    `json:"line"`
	Construct string `json:"construct"`
}

// State says whether and why a module takes part in the upgrade.
type State string

const (
	ToUpgrade     State = "to upgrade"
	NotInstalled  State = "not installed"
	NotSelected   State = "not selected"
	NotLoadable   State = "not loaded"
	BadManifest   State = "malformed manifest"
	ExternalState State = "external"
)

// ModulePlan describes one module of the graph.
type ModulePlan struct {
	Name      string `json:"name"`
	Installed string `json:"installed"`
	Target    string `json:"target"`
	Depth     int    `json:"depth"`
	State     State  `json:"state"`
	// Why is set when the module does not take part.
	Why  string `json:"why,omitempty"`
	Path string `json:"path,omitempty"`
}

// Skipped is a discovered script that will not run, and why.
type Skipped struct {
	Module  string `json:"module"`
	Version string `json:"version"`
	Script  string `json:"script"`
	Path    string `json:"path"`
	Reason  string `json:"reason"`
}

// Plan is the schedule and everything said about it.
type Plan struct {
	Series      string                `json:"series"`
	Modules     []ModulePlan          `json:"modules"` // graph order, then modules not loaded
	Steps       []Step                `json:"steps"`
	Skipped     []Skipped             `json:"skipped,omitempty"`
	Diagnostics []discover.Diagnostic `json:"diagnostics"`
	// UpgradePaths are the inventory's upgrade directories, in order:
	// where upgrade-util's import_script looks when a script runs.
	UpgradePaths []string `json:"-"`
}

// Scripts returns only the script steps.
func (p *Plan) Scripts() []Step {
	out := make([]Step, 0, len(p.Steps))
	for _, s := range p.Steps {
		if s.Kind == ScriptStep {
			out = append(out, s)
		}
	}
	return out
}

// Options are the inputs Odoo takes from the database and the command line.
type Options struct {
	// Series is the target Odoo series; empty means: infer it from the
	// manifests' full versions.
	Series string
	// Installed maps module names to ir_module_module.latest_version.
	// A module absent here is not installed and runs no scripts.
	Installed map[string]string
	// Modules, when not empty, selects modules like Odoo's -u: these, and
	// every installed module that depends on them, directly or not.
	Modules []string
	// Explain fills Plan.Skipped.
	Explain bool
}

// InputError is a problem with the options rather than the tree.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Build computes the plan.
func Build(inv *discover.Inventory, opts Options) (*Plan, error) {
	series, err := pickSeries(inv, opts.Series)
	if err != nil {
		return nil, err
	}
	p := &Plan{Series: series.String(), Diagnostics: append([]discover.Diagnostic(nil), inv.Diagnostics...),
		UpgradePaths: append([]string(nil), inv.UpgradePaths...)}
	b := builder{inv: inv, opts: opts, series: series, plan: p, mods: map[string]*modState{}}
	b.load()
	if err := b.graph(); err != nil {
		return nil, err
	}
	if err := b.selectModules(); err != nil {
		return nil, err
	}
	b.schedule()
	if opts.Explain {
		b.explain()
	}
	return p, nil
}

// pickSeries parses the given series or infers the single series that
// every full manifest version names.
func pickSeries(inv *discover.Inventory, given string) (order.Series, error) {
	if given != "" {
		s, err := order.ParseSeries(given)
		if err != nil {
			return s, &InputError{Msg: "--series: " + err.Error()}
		}
		return s, nil
	}
	seen := map[string][]string{}
	for _, m := range inv.Modules {
		if m.ManifestError != "" || !m.Manifest.Installable {
			continue
		}
		if s, ok := order.SeriesOf(m.Manifest.Version); ok {
			seen[s] = append(seen[s], m.Name)
		}
	}
	switch len(seen) {
	case 0:
		return order.Series{}, &InputError{Msg: "cannot infer the series: no manifest has a full version such as 17.0.1.0; pass --series"}
	case 1:
		for s := range seen {
			ser, err := order.ParseSeries(s)
			if err != nil {
				return ser, &InputError{Msg: fmt.Sprintf("series %s inferred from manifests (%s): %v", s, strings.Join(seen[s], ", "), err)}
			}
			return ser, nil
		}
	}
	var parts []string
	for s, mods := range seen {
		parts = append(parts, fmt.Sprintf("%s (%s)", s, abbreviate(mods)))
	}
	sort.Strings(parts)
	return order.Series{}, &InputError{Msg: "manifests name several series: " + strings.Join(parts, ", ") + "; pass --series"}
}

func abbreviate(names []string) string {
	if len(names) > 3 {
		return strings.Join(names[:3], ", ") + fmt.Sprintf(" and %d more", len(names)-3)
	}
	return strings.Join(names, ", ")
}

type modState struct {
	mod    *discover.Module
	target string
	state  State
	why    string
	depth  int
	gate   *order.Gate
}

type builder struct {
	inv    *discover.Inventory
	opts   Options
	series order.Series
	plan   *Plan
	mods   map[string]*modState
	nodes  []order.Node
}

func (b *builder) diag(level discover.Level, path, msg string) {
	b.plan.Diagnostics = append(b.plan.Diagnostics, discover.Diagnostic{Level: level, Path: path, Message: msg})
}

// load applies Odoo's manifest rules: which modules can be loaded at all.
func (b *builder) load() {
	for _, m := range b.inv.Modules {
		ms := &modState{mod: m, state: ToUpgrade}
		b.mods[m.Name] = ms
		switch {
		case m.ManifestError != "":
			ms.state, ms.why = BadManifest, "malformed manifest"
			continue
		case !m.Manifest.Installable:
			ms.state, ms.why = NotLoadable, "module not installable (installable: False)"
			continue
		}
		target, err := b.series.AdaptVersion(m.Manifest.Version)
		if err != nil {
			ms.state, ms.why = BadManifest, "invalid manifest version: "+err.Error()
			b.diag(discover.Error, m.ManifestPath, fmt.Sprintf("module %s: %s; Odoo %s refuses the manifest", m.Name, err, b.series))
			continue
		}
		ms.target = target
		if !b.series.CheckVersion(target) {
			ms.state = NotLoadable
			level, what := discover.Warning, "Odoo sets installable=False"
			if _, err := b.series.AdaptVersion(target); err != nil {
				// 17.0 and 18.0 adapt twice and raise on the second try.
				level, what = discover.Error, fmt.Sprintf("Odoo %s raises %q while reading manifests", b.series, err.Error())
			}
			ms.why = fmt.Sprintf("version %s does not belong to series %s: %s", m.Manifest.Version, b.series, what)
			b.diag(level, m.ManifestPath, fmt.Sprintf("module %s: %s", m.Name, ms.why))
		}
	}
	// A module whose dependency exists but cannot be loaded is not loaded
	// either ("Unmet dependencies" in Odoo's log). Repeat until stable.
	for changed := true; changed; {
		changed = false
		for _, m := range b.inv.Modules {
			ms := b.mods[m.Name]
			if ms.state != ToUpgrade {
				continue
			}
			for _, d := range m.Manifest.Depends {
				if dep := b.mods[d]; dep != nil && dep.state != ToUpgrade {
					ms.state, ms.why = NotLoadable, fmt.Sprintf("unmet dependency: %s (%s)", d, dep.why)
					b.diag(discover.Warning, m.ManifestPath, fmt.Sprintf("module %s is not loaded: %s", m.Name, ms.why))
					changed = true
					break
				}
			}
		}
	}
}

// graph orders the loadable modules.
func (b *builder) graph() error {
	deps := map[string][]string{}
	for _, m := range b.inv.Modules {
		if b.mods[m.Name].state == ToUpgrade {
			deps[m.Name] = m.Manifest.Depends
		}
	}
	nodes, err := order.Graph(deps)
	if err != nil {
		var ce *order.CycleError
		if errors.As(err, &ce) {
			return &InputError{Msg: err.Error() + " (fix the depends of these manifests)"}
		}
		return err
	}
	b.nodes = nodes
	users := map[string][]string{} // external dependency -> dependents
	for name, ds := range deps {
		for _, d := range ds {
			if _, ok := deps[d]; !ok {
				users[d] = append(users[d], name)
			}
		}
	}
	for _, n := range nodes {
		if n.External {
			u := users[n.Name]
			sort.Strings(u)
			b.diag(discover.Info, b.mods[u[0]].mod.ManifestPath, fmt.Sprintf("dependency %s (of %s) is not on the addons paths: treated as an external module at depth 0, like base", n.Name, abbreviate(u)))
			continue
		}
		b.mods[n.Name].depth = n.Depth
	}
	return nil
}

// selectModules marks what Odoo would upgrade: installed modules, narrowed by
// --modules the way -u does (named modules plus installed dependents).
func (b *builder) selectModules() error {
	var unknown []string
	for name, v := range b.opts.Installed {
		if b.mods[name] == nil {
			unknown = append(unknown, name)
		} else if _, full := order.SeriesOf(v); !full && v != "" {
			b.diag(discover.Warning, b.mods[name].mod.ManifestPath, fmt.Sprintf("installed version %q of %s is not a full version (latest_version looks like 17.0.1.0); compared as given", v, name))
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		b.diag(discover.Warning, name, fmt.Sprintf("installed module %s is not on the addons paths; ignored", name))
	}
	if len(b.opts.Installed) == 0 {
		b.diag(discover.Warning, "", "no installed versions given (--installed, --installed-file): every module counts as not installed and nothing runs")
	}
	var selected map[string]bool
	if len(b.opts.Modules) > 0 {
		selected = map[string]bool{}
		for _, name := range b.opts.Modules {
			if b.mods[name] == nil {
				return &InputError{Msg: fmt.Sprintf("--modules: no module %q on the addons paths", name)}
			}
			selected[name] = true
		}
		// Graph order puts dependencies first, so one pass reaches every
		// transitive dependent.
		for _, n := range b.nodes {
			if n.External || selected[n.Name] {
				continue
			}
			for _, d := range b.mods[n.Name].mod.Manifest.Depends {
				if selected[d] && b.installed(n.Name) {
					selected[n.Name] = true
					break
				}
			}
		}
	}
	for _, n := range b.nodes {
		if n.External {
			continue
		}
		ms := b.mods[n.Name]
		switch {
		case !b.installed(n.Name):
			ms.state, ms.why = NotInstalled, "module not installed"
		case selected != nil && !selected[n.Name]:
			ms.state, ms.why = NotSelected, "module not selected by --modules"
		default:
			ms.gate = order.NewGate(b.series, b.opts.Installed[n.Name], ms.target)
		}
	}
	return nil
}

func (b *builder) installed(name string) bool {
	v, ok := b.opts.Installed[name]
	return ok && v != ""
}

// usable reports whether Odoo's folder filter keeps a folder. Before the
// 17.0 rules any directory was a version folder.
func (b *builder) usable(f discover.Folder) bool {
	return f.Status == discover.FolderValid || !b.series.Modern()
}

// folderSet is one version folder name of a module: the folders that
// carry it (one per source, in source order) and whether compare() lets
// it run.
type folderSet struct {
	name    string
	folders []int // indices into Module.Folders
	runs    bool
}

// folderSets holds a module's version folder names in insertion order.
// A module has a handful, so lookups scan the list; an index is built only
// for large (or hostile) modules, which would otherwise cost quadratic time.
type folderSets struct {
	list  []folderSet
	index map[string]int
}

func (fs *folderSets) get(name string) *folderSet {
	if fs.index != nil {
		if k, ok := fs.index[name]; ok {
			return &fs.list[k]
		}
		return nil
	}
	for k := range fs.list {
		if fs.list[k].name == name {
			return &fs.list[k]
		}
	}
	return nil
}

// versions returns a module's usable folder names, each with its folders
// and whether it runs, in insertion order.
func (b *builder) versions(ms *modState) *folderSets {
	fs := &folderSets{}
	if len(ms.mod.Folders) > 32 {
		fs.index = map[string]int{}
	}
	for i, f := range ms.mod.Folders {
		if !b.usable(f) || len(f.Files) == 0 {
			continue
		}
		if set := fs.get(f.Name); set != nil {
			set.folders = append(set.folders, i)
			continue
		}
		runs, _ := ms.gate.Runs(f.Name)
		if fs.index != nil {
			fs.index[f.Name] = len(fs.list)
		}
		fs.list = append(fs.list, folderSet{name: f.Name, folders: []int{i}, runs: runs})
	}
	return fs
}

// appendStage appends one module's script steps for one stage, as Odoo's
// migrate_module picks them: versions in stage order, those compare()
// accepts, then the stage's files of each version across all sources in
// one basename sort where equal names keep source order. A folder's files
// are sorted by name, so one stage's files ("pre-…") form a contiguous
// run, and the sort is a merge of those runs.
func appendStage(dst []Step, m *discover.Module, stage order.Stage, versions []string, sets *folderSets) []Step {
	var runs [4][2]int // per folder of the version: next and end of the stage's run
	for _, v := range versions {
		set := sets.get(v)
		if !set.runs {
			continue
		}
		cur := runs[:0]
		if len(set.folders) > len(runs) {
			cur = make([][2]int, 0, len(set.folders))
		}
		for _, fi := range set.folders {
			lo, hi := stageRun(m.Folders[fi].Files, stage)
			cur = append(cur, [2]int{lo, hi})
		}
		for {
			best := -1
			var bestName string
			for k, fi := range set.folders {
				// Strictly smaller: on equal names the earlier source wins.
				if r := cur[k]; r[0] < r[1] {
					if name := m.Folders[fi].Files[r[0]].Name; best < 0 || name < bestName {
						best, bestName = k, name
					}
				}
			}
			if best < 0 {
				break
			}
			f := &m.Folders[set.folders[best]]
			file := &f.Files[cur[best][0]]
			dst = append(dst, Step{Kind: ScriptStep, Module: m.Name, Version: v, Phase: string(stage),
				Script: file.Name, Path: file.Path, Source: m.Sources[f.Source].Kind})
			cur[best][0]++
		}
	}
	return dst
}

// stageRun returns the run [lo, hi) of files whose names start with
// "<stage>-"; files are sorted by name, so they are contiguous.
func stageRun(files []discover.File, stage order.Stage) (lo, hi int) {
	prefix := string(stage) + "-"
	lo = sort.Search(len(files), func(i int) bool { return files[i].Name >= prefix })
	hi = lo
	for hi < len(files) && strings.HasPrefix(files[hi].Name, prefix) {
		hi++
	}
	return lo, hi
}

func (b *builder) schedule() {
	// Each module's steps depend on that module alone. A first parallel
	// pass orders its versions and counts its steps, a prefix sum places
	// them (pre, load and post in graph order, then every end step), and
	// a second parallel pass writes them in place: no step is copied twice.
	type modSteps struct {
		pre, later []string // version order for pre, and for post and end
		sets       *folderSets
		main, end  int // step counts: pre+load+post, and end
		at, endAt  int // offsets in b.plan.Steps
	}
	work := make([]modSteps, len(b.nodes))
	upgraded := func(n order.Node) bool { return !n.External && b.mods[n.Name].state == ToUpgrade }
	_ = parallel.For(context.Background(), len(b.nodes), func(i int) {
		if !upgraded(b.nodes[i]) {
			return
		}
		w := &work[i]
		w.sets = b.versions(b.mods[b.nodes[i].Name])
		names := make([]string, len(w.sets.list))
		for k := range w.sets.list {
			names[k] = w.sets.list[k].name
		}
		w.pre = order.SortFolders(b.series, order.Pre, names)
		w.later = order.SortFolders(b.series, order.Post, names) // 0.0.0 last
		m := b.mods[b.nodes[i].Name].mod
		w.main = 1 // the load marker
		for _, set := range w.sets.list {
			if !set.runs {
				continue
			}
			for _, fi := range set.folders {
				for _, file := range m.Folders[fi].Files {
					switch file.Stage {
					case order.Pre, order.Post:
						w.main++
					case order.End:
						w.end++
					}
				}
			}
		}
	})
	total := 0
	for i := range work {
		work[i].at = total
		total += work[i].main
	}
	for i := range work {
		work[i].endAt = total
		total += work[i].end
	}
	b.plan.Steps = make([]Step, total)
	_ = parallel.For(context.Background(), len(b.nodes), func(i int) {
		if !upgraded(b.nodes[i]) {
			return
		}
		w, m := &work[i], b.mods[b.nodes[i].Name].mod
		steps := b.plan.Steps[w.at : w.at : w.at+w.main]
		steps = appendStage(steps, m, order.Pre, w.pre, w.sets)
		steps = append(steps, Step{Kind: LoadStep, Module: m.Name, Phase: string(LoadStep)})
		steps = appendStage(steps, m, order.Post, w.later, w.sets)
		ends := appendStage(b.plan.Steps[w.endAt:w.endAt:w.endAt+w.end], m, order.End, w.later, w.sets)
		if len(steps) != w.main || len(ends) != w.end {
			panic("phases: step count mismatch") // the counting pass and appendStage disagree
		}
	})
	for _, n := range b.nodes {
		if n.External {
			b.plan.Modules = append(b.plan.Modules, ModulePlan{Name: n.Name, Depth: 0, State: ExternalState})
			continue
		}
		ms := b.mods[n.Name]
		b.plan.Modules = append(b.plan.Modules, ModulePlan{Name: n.Name, Installed: b.opts.Installed[n.Name],
			Target: ms.target, Depth: ms.depth, State: ms.state, Why: ms.why, Path: ms.mod.Path})
	}
	for _, m := range b.inv.Modules { // modules outside the graph, by name
		if ms := b.mods[m.Name]; ms.state == BadManifest || ms.state == NotLoadable {
			b.plan.Modules = append(b.plan.Modules, ModulePlan{Name: m.Name, Installed: b.opts.Installed[m.Name],
				Target: ms.target, Depth: -1, State: ms.state, Why: ms.why, Path: m.Path})
		}
	}
}

// explain gives a reason for every discovered file that is not scheduled.
func (b *builder) explain() {
	for _, m := range b.inv.Modules {
		ms := b.mods[m.Name]
		for _, f := range m.Folders {
			for _, file := range f.Files {
				why := b.reason(ms, f, file)
				if why == "" {
					continue
				}
				b.plan.Skipped = append(b.plan.Skipped, Skipped{Module: m.Name, Version: f.Name, Script: file.Name, Path: file.Path, Reason: why})
			}
		}
	}
}

func (b *builder) reason(ms *modState, f discover.Folder, file discover.File) string {
	switch {
	case ms.state != ToUpgrade:
		return ms.why
	case f.Status == discover.FolderTests && !b.usable(f):
		return "tests folder (skipped by Odoo)"
	case !b.usable(f):
		return "invalid version folder"
	case file.Stage == "":
		return "not a phase prefix"
	}
	_, why := ms.gate.Runs(f.Name)
	return why
}

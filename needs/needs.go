package needs

import (
	"context"
	"fmt"
	"os"
	"sort"

	"github.com/migrate-runner/migrate-runner/internal/parallel"
	"github.com/migrate-runner/migrate-runner/order"
)

// Need is one thing a script needs at run time.
type Need string

// The needs, in their sorted order.
const (
	ToolsSQL    Need = "odoo.tools.sql"
	OpenUpgrade Need = "openupgradelib"
	ORM         Need = "orm"
	SQL         Need = "sql"
	UpgradeUtil Need = "upgrade-util"
)

// Use is the evidence for a need: where and what.
type Use struct {
	Need      Need   `json:"need"`
	Line      int    `json:"line"`
	Construct string `json:"construct"` // as written, shortened: env["res.partner"], util.env(cr)
}

// String is "env["res.partner"] at line 12".
func (u Use) String() string { return fmt.Sprintf("%s at line %d", u.Construct, u.Line) }

// Method says how the script was read.
type Method string

const (
	// Parsed: gpython's parser read the script as written.
	Parsed Method = "ast"
	// ParsedAfterPrepass: gpython's parser read the script once the
	// embedded host's pre-pass lowered what it cannot parse (f-strings).
	ParsedAfterPrepass Method = "ast after pre-pass"
	// Scanned: the parser could not read the script; a token scan
	// classified it, without tracking where names come from.
	Scanned Method = "tokens"
)

// Result is what one script needs.
type Result struct {
	Needs []Need `json:"needs"` // sorted, no duplicates
	// Uses holds every ORM use, and the first use of each other need,
	// sorted by line.
	Uses   []Use  `json:"uses"`
	Method Method `json:"method"`
	// Fallback says why the parser was not used (Method Scanned).
	Fallback string `json:"fallback,omitempty"`
}

// Has reports whether the script needs n.
func (r Result) Has(n Need) bool {
	for _, x := range r.Needs {
		if x == n {
			return true
		}
	}
	return false
}

// ORM returns the ORM uses, in line order.
func (r Result) ORM() []Use {
	var out []Use
	for _, u := range r.Uses {
		if u.Need == ORM {
			out = append(out, u)
		}
	}
	return out
}

// Strings returns the needs as strings.
func (r Result) Strings() []string {
	out := make([]string, len(r.Needs))
	for i, n := range r.Needs {
		out[i] = string(n)
	}
	return out
}

// Options tune the analysis.
type Options struct {
	// Major is the target Odoo major version (17 for 17.0, saas~17.2),
	// 0 when unknown. It decides what @openupgrade.migrate() without
	// use_env passes: an Environment from 10 on, a cursor before; when
	// unknown, the parameter's name decides.
	Major int
}

// OptionsFor returns the options for a series such as "17.0" or
// "saas~17.2".
func OptionsFor(series string) Options { return Options{Major: order.Major(series)} }

// Analyze classifies one script's source. filename only labels messages.
// It never panics and never fails: a script the parser cannot read is
// scanned for tokens instead.
func Analyze(filename string, src []byte, opt Options) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			// A bug in the AST walk must not take the plan down: the
			// token scan still classifies the script.
			res = scanWith(src, opt)
			res.Fallback = fmt.Sprintf("internal error in the AST analysis of %s: %v", filename, r)
		}
	}()
	mod, method, perr := parse(filename, src)
	if perr != nil {
		res = scanWith(src, opt)
		res.Fallback = perr.Error()
		return res
	}
	res = analyzeModule(mod, opt)
	res.Method = method
	return res
}

// AnalyzeFile reads and classifies one script.
func AnalyzeFile(path string, opt Options) (Result, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Result{}, fmt.Errorf("needs: %w", err)
	}
	return Analyze(path, src, opt), nil
}

// AnalyzeFiles classifies many scripts on every CPU; results follow
// paths (a path given twice is read once). It stops at ctx's end and
// reports the first file it could not read.
func AnalyzeFiles(ctx context.Context, paths []string, opt Options) ([]Result, error) {
	first := map[string]int{} // path -> index of its first occurrence
	var unique []int
	for i, p := range paths {
		if _, ok := first[p]; !ok {
			first[p] = i
			unique = append(unique, i)
		}
	}
	out := make([]Result, len(paths))
	errs := make([]error, len(paths))
	if err := parallel.For(ctx, len(unique), func(k int) {
		i := unique[k]
		out[i], errs[i] = AnalyzeFile(paths[i], opt)
	}); err != nil {
		return nil, fmt.Errorf("needs: %w", err)
	}
	for i, p := range paths {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if j := first[p]; j != i {
			out[i] = out[j]
		}
	}
	return out, nil
}

// finish sorts and deduplicates uses and derives the need set.
func finish(uses []Use) Result {
	sort.SliceStable(uses, func(i, j int) bool {
		if uses[i].Line != uses[j].Line {
			return uses[i].Line < uses[j].Line
		}
		return uses[i].Construct < uses[j].Construct
	})
	var res Result
	seen := map[Need]bool{}
	type key struct {
		line int
		c    string
	}
	ormSeen := map[key]bool{}
	for _, u := range uses {
		if u.Need == ORM {
			k := key{u.Line, u.Construct}
			if ormSeen[k] {
				continue
			}
			ormSeen[k] = true
			res.Uses = append(res.Uses, u)
		} else if !seen[u.Need] {
			res.Uses = append(res.Uses, u)
		}
		seen[u.Need] = true
	}
	for n := range seen {
		res.Needs = append(res.Needs, n)
	}
	sort.Slice(res.Needs, func(i, j int) bool { return res.Needs[i] < res.Needs[j] })
	if res.Needs == nil {
		res.Needs = []Need{}
	}
	if res.Uses == nil {
		res.Uses = []Use{}
	}
	return res
}

package precheck

import (
	"fmt"
	"sort"
)

// Finding is one construct the embedded host cannot run correctly.
type Finding struct {
	Line, Col int    // 1-based; Col is 0 when only the line is known
	Construct string // short name, e.g. "walrus operator", "user __eq__"
	Message   string // one sentence: what, and why the embedded host cannot run it
}

// String formats the finding as "line:col: construct: message".
func (f Finding) String() string {
	return fmt.Sprintf("%d:%d: %s: %s", f.Line, f.Col, f.Construct, f.Message)
}

// Options carries what the host allows the script.
type Options struct {
	// Allowed says whether a dotted module name may be imported. Nil
	// allows no module (only SiblingModules).
	Allowed func(module string) bool
	// SiblingModules are the module names of the .py files next to the
	// script; `import x`, `from x import y`, `from . import x` and
	// `from .x import y` are allowed for them.
	SiblingModules []string
	// AllowOpen is --allow-fs: open() is available.
	AllowOpen bool
	// ExceptionAttrs are the attributes the host's exceptions answer
	// truthfully (pgcode, errno, __cause__, …), besides args and what a
	// class of the script sets on self.
	ExceptionAttrs []string
}

// Check parses src (already through the pre-pass) with gpython's parser
// and returns what the embedded host cannot run, sorted by line and
// column. An empty result means the embedded host can run the script.
// filename only labels messages. Check never panics: a crash of gpython's
// parser is a "syntax error" finding, and a crash of Check itself an
// "internal error" finding, so a script is refused rather than the host
// taken down.
func Check(filename string, src []byte, opt Options) (findings []Finding) {
	defer func() {
		if r := recover(); r != nil {
			findings = []Finding{{Line: 1, Construct: "internal error",
				Message: fmt.Sprintf("the pre-check of %s crashed (%v), so the script cannot be cleared for the embedded host", filename, r)}}
		}
	}()
	mod, err := parse(filename, src)
	if err != nil {
		return []Finding{syntaxFinding(src, err)}
	}
	c := newChecker(opt)
	c.module(mod)
	sortFindings(c.findings)
	return c.findings
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Line != fs[j].Line {
			return fs[i].Line < fs[j].Line
		}
		return fs[i].Col < fs[j].Col
	})
}

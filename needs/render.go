package needs

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-python/gpython/ast"
	"github.com/go-python/gpython/py"
)

// render writes an expression back, shortened, the way a report names a
// construct: env["res.partner"], env.ref("base.main_company"),
// util.env(cr), openupgrade.load_data(...).
func render(e ast.Expr) string {
	var b strings.Builder
	renderTo(&b, e, 0)
	return clip(b.String(), 80)
}

func renderTo(b *strings.Builder, e ast.Expr, depth int) {
	if depth > 8 || b.Len() > 120 {
		b.WriteString("...")
		return
	}
	switch e := e.(type) {
	case *ast.Name:
		b.WriteString(string(e.Id))
	case *ast.Attribute:
		renderTo(b, e.Value, depth+1)
		b.WriteString("." + string(e.Attr))
	case *ast.Subscript:
		renderTo(b, e.Value, depth+1)
		b.WriteString("[")
		if ix, ok := e.Slice.(*ast.Index); ok {
			renderArg(b, ix.Value, depth+1)
		} else {
			b.WriteString("...")
		}
		b.WriteString("]")
	case *ast.Call:
		if nm, ok := e.Func.(*ast.Name); ok && nm.Id == "__mr_id__" && len(e.Args) == 1 {
			renderTo(b, e.Args[0], depth+1)
			return
		}
		renderTo(b, e.Func, depth+1)
		b.WriteString("(")
		n := len(e.Args) + len(e.Keywords)
		if e.Starargs != nil {
			n++
		}
		if e.Kwargs != nil {
			n++
		}
		switch {
		case len(e.Args) > 0:
			renderArg(b, e.Args[0], depth+1)
		case n > 0:
			b.WriteString("...")
		}
		if len(e.Args) > 0 && n > 1 {
			b.WriteString(", ...")
		}
		b.WriteString(")")
	case *ast.Str:
		b.WriteString(quote(string(e.S)))
	default:
		b.WriteString("...")
	}
}

// renderArg shows simple arguments (names, dotted names, strings,
// numbers) and elides the rest.
func renderArg(b *strings.Builder, e ast.Expr, depth int) {
	switch x := e.(type) {
	case *ast.Name, *ast.Str:
		renderTo(b, e, depth)
	case *ast.Attribute:
		if simpleChain(x) {
			renderTo(b, e, depth)
		} else {
			b.WriteString("...")
		}
	case *ast.Num:
		switch n := x.N.(type) {
		case py.Int:
			b.WriteString(strconv.FormatInt(int64(n), 10))
		default:
			b.WriteString("...")
		}
	default:
		b.WriteString("...")
	}
}

func simpleChain(e ast.Expr) bool {
	for i := 0; i < 8; i++ {
		switch x := e.(type) {
		case *ast.Name:
			return true
		case *ast.Attribute:
			e = x.Value
		default:
			return false
		}
	}
	return false
}

// quote is a double-quoted Python string, shortened.
func quote(s string) string {
	s = clip(s, 40)
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// clip shortens s to n runes, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n-1 {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

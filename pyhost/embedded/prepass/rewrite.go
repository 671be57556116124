package prepass

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Names of the support builtins the rewritten code calls, with their
// calling conventions. The embedded host installs them per context; the
// pure-Python reference definitions are in cpython_test.go (prelude).
const (
	// FnFString(*parts) returns the concatenation of its str arguments
	// (literal pieces and FnFValue results); it is also the format spec of
	// a field whose spec has nested fields. Always called with one or more
	// arguments.
	FnFString = "__mr_fs__"
	// FnFValue(value, conv, spec) formats one replacement field: conv is
	// "", "r", "s" or "a" (apply repr/str/ascii first), spec a str; the
	// result is format(converted value, spec). `{x=}` arrives as the
	// literal 'x=' followed by FnFValue(x, "r", "").
	FnFValue = "__mr_fv__"
	// FnAdd(a, b) is the binary a + b; FnMod(a, b) the binary a % b.
	FnAdd = "__mr_add__"
	FnMod = "__mr_mod__"
	// FnIAdd(a, b) and FnIMod(a, b) are a += b and a %= b: they return
	// the new value (a itself when a mutates in place, as lists do), which
	// the rewrite assigns back to the target.
	FnIAdd = "__mr_iadd__"
	FnIMod = "__mr_imod__"
	// FnLt(a, b), FnLe(a, b), FnGt(a, b) and FnGe(a, b) are the unchained
	// comparisons a < b, a <= b, a > b and a >= b, with CPython's
	// semantics (lexicographic tuples and lists, user __lt__ and friends,
	// reflected operands).
	FnLt = "__mr_lt__"
	FnLe = "__mr_le__"
	FnGt = "__mr_gt__"
	FnGe = "__mr_ge__"
	// FnID(x) returns x. A dotted decorator `@a.b(args)` becomes
	// `@__mr_id__(a.b(args))`: gpython's grammar accepts only a dotted
	// name there, and compiles the name `a.b` as one (undefined) name.
	FnID = "__mr_id__"
	// FnIter(x) returns the iterator a for loop over x uses. Every for
	// statement and comprehension clause `for T in E` becomes
	// `for T in __mr_iter__(E)`: gpython ends a loop on ANY error from
	// the iterator, and the host's iterator refuses to end silently.
	FnIter = "__mr_iter__"
	// FnDict(*pairs) builds an insertion-ordered dict with any hashable
	// keys. A display `{k1: v1, k2: v2}` becomes
	// `__mr_dict__((k1, v1), (k2, v2))`, `{}` becomes `__mr_dict__()` and
	// a comprehension `{k: v for ...}` `__mr_dict__((k, v) for ...)`: a
	// lone non-tuple argument is an iterable of pairs. Keys and values
	// are evaluated left to right, key first, as in CPython.
	FnDict = "__mr_dict__"
	// FnKw(m) returns m as the str-keyed dict gpython's calls accept:
	// `f(**e)` becomes `f(**__mr_kw__(e))`.
	FnKw = "__mr_kw__"
)

// superPrefix is inserted into `super()`, followed by the instance name.
const superPrefix = "__class__, "

// SyntaxError reports source the pre-pass cannot lower (a malformed
// f-string, an unterminated string, unbalanced brackets). Line and Col are
// 1-based; Col counts bytes.
type SyntaxError struct {
	Line, Col int
	Msg       string
}

func (e *SyntaxError) Error() string { return "line " + itoa(e.Line) + ": " + e.Msg }

// Rewrite returns src with f-strings, binary `+`/`%`, `+=`/`%=`,
// unchained ordering comparisons, dotted decorators and zero-argument
// super() lowered, and for-loop iterables wrapped in __mr_iter__ (see
// the package documentation). The
// output has exactly as many '\n' as src and every original token stays
// on its line. When there is nothing to lower, src itself is returned.
// The error is a *SyntaxError for malformed source; Rewrite never panics.
func Rewrite(src []byte) (out []byte, err error) {
	defer func() {
		// Belt and braces: the fuzz test exercises rewrite without this.
		if p := recover(); p != nil {
			out, err = src, fmt.Errorf("prepass: internal error: %v", p)
		}
	}()
	return rewrite(src)
}

func rewrite(src []byte) ([]byte, error) { return rewriteNesting(src, maxNesting) }

// rewriteNesting is rewrite with a bracket nesting limit. Lowered chains
// nest one call per operator (gpython compiles thousands of levels), so
// tests that re-read the output lift CPython's limit of 200.
func rewriteNesting(src []byte, nesting int) ([]byte, error) {
	if len(src) > 1<<30 {
		return src, &SyntaxError{Line: 1, Col: 1, Msg: "source too large"}
	}
	r := getRewriter(src, nil, nesting, 0)
	defer putRewriter(r)
	if err := r.tokenize(0, len(src), 0); err != nil {
		return src, err
	}
	r.walk(0, len(r.toks), true)
	if r.err != nil {
		return src, r.err
	}
	if len(r.edits) == 0 && len(r.augs) == 0 {
		return src, nil
	}
	r.finishAugAssign()
	out, _ := r.render(make([]byte, 0, r.outputSize()), 0, len(r.toks), 0, len(src), false)
	return out, nil
}

// outputSize bounds the rendered length: the source, every inserted
// text, and a separating space per edit.
func (r *rewriter) outputSize() int {
	n := len(r.src)
	for i := range r.edits {
		n += len(r.edits[i].text) + 1
	}
	return n
}

// Rewriters are pooled: their slices are the pass's only sizeable
// allocations.
var rewriters = sync.Pool{New: func() any { return new(rewriter) }}

// getRewriter returns a reset rewriter for src. sc is the scope stack
// of the enclosing pass (nil for a new pass).
func getRewriter(src []byte, sc *scopes, nesting, depth int) *rewriter {
	r := rewriters.Get().(*rewriter)
	r.src, r.nesting, r.depth, r.err = src, nesting, depth, nil
	r.sc = sc
	if sc == nil {
		r.own.s = r.own.s[:0]
		r.sc = &r.own
	}
	if r.toks == nil {
		r.toks = make([]token, 0, len(src)/5+8)
	}
	return r
}

func putRewriter(r *rewriter) {
	const keep = 1 << 14 // do not pin the slices of a huge script
	clear(r.edits)       // drop references to lowered text
	if cap(r.toks) > keep || cap(r.edits) > keep || cap(r.parts) > keep {
		*r = rewriter{}
	} else {
		r.toks, r.parts, r.edits, r.augs, r.piece = r.toks[:0], r.parts[:0], r.edits[:0], r.augs[:0], r.piece[:0]
		r.src, r.sc, r.err = nil, nil, nil
	}
	rewriters.Put(r)
}

// Edit slots: the order in which edits attached to the same token are
// rendered. Openers of an outer chain must precede those of an inner one.
const (
	slotDropGap   uint8 = iota // drop the blank gap before the token
	slotKwOpen                 // __mr_kw__( of a `**` argument, "(" of a dict item
	slotDecoOpen               // __mr_id__( of a decorator
	slotIterOpen               // __mr_iter__( of a for-loop iterable
	slotWrapOpen               // "(" around a `+=` right-hand side
	slotCmpOpen                // __mr_lt__( and the other comparisons
	slotArithOpen              // __mr_add__(
	slotTermOpen               // __mr_mod__(
	slotRepl                   // replaces the token's text
	slotPost                   // after the token
)

type edit struct {
	tok  int32
	slot uint8
	text string
}

type augSite struct {
	stmt, op, first, last int32
	wrap                  bool
}

type rewriter struct {
	src     []byte
	toks    []token
	parts   []strPart
	edits   []edit
	augs    []augSite
	sc      *scopes // the pass's scope stack, shared with field sub-rewriters
	own     scopes  // the stack itself, when this rewriter runs the pass
	err     error
	piece   []byte // scratch for f-string literal pieces
	depth   int    // recursion guard for nested f-strings
	nesting int    // bracket nesting limit
}

func (r *rewriter) add(tok int, slot uint8, text string) {
	r.edits = append(r.edits, edit{tok: int32(tok), slot: slot, text: text})
}

func (r *rewriter) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *rewriter) errAt(off int, msg string) *SyntaxError {
	return &SyntaxError{Line: lineOf(r.src, off), Col: colOf(r.src, off), Msg: msg}
}

// walk processes toks[i:end]: one bracket's contents, or the whole module
// when top is set (then it also tracks statements, scopes and `+=`).
func (r *rewriter) walk(i, end int, top bool) {
	stmt := i
	indent := int32(0)
	for i < end && r.err == nil {
		t := &r.toks[i]
		if t.bol {
			r.sc.dedent(t.indent)
			indent = t.indent
			stmt = i
			switch {
			case t.code == nmMatch && r.isMatchStmt(i):
				r.sc.push(scope{indent: indent, kind: scopeMatch})
				i++
				continue
			case t.code == nmCase && r.sc.innermost() == scopeMatch:
				// Case patterns are not expressions (`case -1 + 2j:`):
				// leave them alone up to the guard or the colon.
				r.sc.push(scope{indent: indent, kind: scopeCase})
				i = r.skipPattern(i+1, end)
				continue
			}
		}
		if r.startsExpr(i) {
			j, _ := r.parseComparison(i, end)
			if j <= i {
				j = i + 1
			}
			i = j
			continue
		}
		if t.code == kwFor {
			i = r.forClause(i, end, top)
			continue
		}
		if top {
			switch t.code {
			case opAt:
				if t.bol {
					i = r.decorator(i, end)
					continue
				}
			case opSemi, opColon:
				stmt = i + 1
			case opPlusEq, opPercentEq:
				r.augAssign(stmt, i, end)
			case kwDef:
				r.noteDef(i, indent)
				i++
				if i < end && r.toks[i].kind == kName {
					i++ // the function's name is not an expression
				}
				continue
			case kwClass:
				r.sc.push(scope{indent: indent, kind: scopeClass})
				i++
				if i < end && r.toks[i].kind == kName {
					i++
				}
				continue
			}
			if t.kind == kNewline {
				stmt = i + 1
			}
		}
		i++
	}
}

func (r *rewriter) startsExpr(i int) bool {
	t := &r.toks[i]
	switch t.kind {
	case kNumber, kString:
		return true
	case kName:
		return !isKeyword(t.code)
	case kOp:
		switch t.code {
		case opLParen, opLBrack, opLBrace, opEllipsis, opPlus, opMinus, opTilde:
			return true
		}
	}
	return false
}

// parseComparison parses comparison: bitwise_or (comp_op bitwise_or)*.
// A comparison with exactly one operator, and that one < <= > or >=, is
// lowered to a call; chained and equality/membership/identity
// comparisons are left as written (only their operands are lowered).
func (r *rewriter) parseComparison(i, end int) (int, bool) {
	j, ok := r.parseBitOr(i, end)
	if !ok {
		return j, false
	}
	nops, op := 0, -1
	for j < end {
		n := r.compOp(j, end)
		if n == 0 {
			break
		}
		k, ok2 := r.parseBitOr(j+n, end)
		if !ok2 {
			return max(k, j), false
		}
		if nops == 0 {
			op = j
		}
		nops++
		j = k
	}
	if nops == 1 && r.toks[op].code == opOrder {
		r.add(i, slotCmpOpen, orderFn(r.src[r.toks[op].start:r.toks[op].end])+"(")
		if isBlank(r.src[r.toks[op-1].end:r.toks[op].start]) {
			r.add(op, slotDropGap, "")
		}
		r.add(op, slotRepl, ",")
		r.add(j-1, slotPost, ")")
	}
	return j, true
}

// compOp returns the number of tokens of the comparison operator at
// toks[j] (`not in` and `is not` take two), or 0 if there is none.
func (r *rewriter) compOp(j, end int) int {
	switch r.toks[j].code {
	case opOrder, opCompare, kwIn:
		return 1
	case kwIs:
		if j+1 < end && r.toks[j+1].code == kwNot {
			return 2
		}
		return 1
	case kwNot:
		if j+1 < end && r.toks[j+1].code == kwIn {
			return 2
		}
	}
	return 0
}

// orderFn names the builtin of an ordering operator.
func orderFn(op []byte) string {
	switch string(op) {
	case "<":
		return FnLt
	case "<=":
		return FnLe
	case ">":
		return FnGt
	}
	return FnGe
}

// parseBitOr parses bitwise_or: arithmetic chains joined by | ^ & << >>
// (none of which is lowered, so their relative precedence is moot).
func (r *rewriter) parseBitOr(i, end int) (int, bool) {
	j, ok := r.parseArith(i, end)
	for ok && j < end && (r.toks[j].code == opBitop || r.toks[j].code == opShift) {
		k, ok2 := r.parseArith(j+1, end)
		if !ok2 {
			return max(k, j), false
		}
		j = k
	}
	return j, ok
}

// forTarget walks the target list of a `for` (statement or
// comprehension clause) that starts at toks[i] and returns the index of
// its `in`. Targets are parsed at the bitwise-or level, so that this
// `in` is not taken for a comparison (`for x in a < b`).
func (r *rewriter) forTarget(i, end int) int {
	for i < end {
		t := &r.toks[i]
		if t.kind == kNewline || t.kind == kName && isKeyword(t.code) || t.kind == kOp && (t.code == opColon || t.code == opSemi) {
			return i
		}
		if r.startsExpr(i) {
			j, _ := r.parseBitOr(i, end)
			i = max(j, i+1)
			continue
		}
		i++
	}
	return i
}

// forClause handles the `for` at toks[i]: a for statement when top is
// set, a comprehension clause inside brackets otherwise. It walks the
// target and the iterable, wraps the iterable in __mr_iter__(...), and
// returns the index of the token after the iterable. `async for` is
// left alone (gpython has no async), and so is an iterable whose extent
// is not well formed, for the compiler to reject.
func (r *rewriter) forClause(i, end int, top bool) int {
	in := r.forTarget(i+1, end)
	if in >= end || r.toks[in].code != kwIn || in == i+1 {
		return in
	}
	if i > 0 && r.isName(i-1, "async") || top && !r.toks[i].bol {
		return in + 1
	}
	first := in + 1
	stop, tuple, ok := r.iterableEnd(first, end, top)
	if !ok || stop == first || r.alreadyIter(first, stop) {
		return first
	}
	open, close := FnIter+"(", ")"
	if tuple {
		open, close = FnIter+"((", "))"
	}
	r.add(first, slotIterOpen, open)
	r.walk(first, stop, false)
	if r.err == nil {
		// After the walk: inner chains close on the same token first.
		r.add(stop-1, slotPost, close)
	}
	return stop
}

// iterableEnd finds where the iterable starting at toks[i] ends. For a
// statement it is the ':' opening the body (a lambda in the iterable
// takes its own ':'), for a comprehension clause the next `if`, `for`,
// `async for` or the end of the bracket; ok is false for any other
// terminator. tuple reports a top-level comma or a leading '*'
// (`for x in a, b:` iterates the tuple (a, b)).
func (r *rewriter) iterableEnd(i, end int, stmt bool) (stop int, tuple, ok bool) {
	lambdas := 0
	tuple = i < end && r.toks[i].kind == kOp && r.toks[i].code == opStar
	for j := i; j < end; j++ {
		t := &r.toks[j]
		switch t.kind {
		case kNewline:
			return j, tuple, false
		case kName:
			switch t.code {
			case kwIf, kwFor:
				if !stmt {
					return j, tuple, true
				}
			case kwOther:
				switch r.text(j) {
				case "lambda":
					if !stmt {
						return j, tuple, false // not a disjunction
					}
					lambdas++
				case "async":
					if !stmt {
						return j, tuple, true
					}
				case "and", "or":
				default:
					if !stmt {
						return j, tuple, false // else, yield, ...: not a disjunction
					}
				}
			case kwDef, kwClass:
				return j, tuple, false
			}
		case kOp:
			switch t.code {
			case opLParen, opLBrack, opLBrace:
				m := int(t.match)
				if m <= j || m >= end {
					return j, tuple, false
				}
				j = m
			case opColon:
				if lambdas > 0 {
					lambdas--
					continue
				}
				return j, tuple, stmt
			case opComma:
				if !stmt {
					return j, tuple, false
				}
				tuple = true
			case opSemi, opAssign, opPlusEq, opPercentEq, opAugOther, opWalrus, opRParen, opRBrack, opRBrace:
				return j, tuple, false
			}
		}
	}
	return end, tuple, !stmt
}

// alreadyIter reports whether toks[i:stop] is one call of FnIter, as in
// the pre-pass's own output: rewriting stays idempotent.
func (r *rewriter) alreadyIter(i, stop int) bool {
	return stop-i >= 3 && r.isName(i, FnIter) && r.toks[i+1].kind == kOp && r.toks[i+1].code == opLParen &&
		int(r.toks[i+1].match) == stop-1
}

func (r *rewriter) isName(i int, name string) bool {
	t := &r.toks[i]
	return t.kind == kName && int(t.end-t.start) == len(name) && string(r.src[t.start:t.end]) == name
}

// decorator handles the decorator whose '@' is toks[i] (first on its
// line) and returns the index of the NEWLINE (or ';') ending it.
// gpython's grammar reads `@a.b` and `@a.b(args)` as a lookup of the one
// name "a.b", so a decorator with a dot outside brackets becomes
// `@__mr_id__(EXPR)`, which gpython compiles as a call of a plain name.
// A dot only inside brackets (`@dec(a.b)`) needs nothing: gpython gets
// that right. Other decorators are only walked.
func (r *rewriter) decorator(i, end int) int {
	first, nl := i+1, i+1
	dotted := false
	for ; nl < end && r.toks[nl].kind != kNewline && r.toks[nl].code != opSemi; nl++ {
		switch t := &r.toks[nl]; t.code {
		case opDot:
			dotted = true
		case opLParen, opLBrack, opLBrace:
			if m := int(t.match); m > nl && m < end {
				nl = m
			}
		}
	}
	if nl < end && r.toks[nl].code == opSemi {
		dotted = false // `@a.b; x` is a syntax error: leave it to the compiler
	}
	if dotted && nl > first {
		r.add(first, slotDecoOpen, FnID+"(")
	}
	r.walk(first, nl, false)
	if dotted && nl > first && r.err == nil {
		r.add(nl-1, slotPost, ")")
	}
	return nl
}

// parseArith parses arith_expr: term (('+'|'-') term)*. It returns the
// index after what it consumed and whether the chain was well formed;
// it never consumes a token twice, so a malformed chain cannot produce
// unbalanced edits.
func (r *rewriter) parseArith(i, end int) (int, bool) {
	j, ok := r.parseTerm(i, end)
	if !ok {
		return j, false
	}
	var opsBuf, lastBuf [8]int32
	ops, lasts := opsBuf[:0], lastBuf[:0]
	for j < end && (r.toks[j].code == opPlus || r.toks[j].code == opMinus) && r.toks[j].kind == kOp {
		k, ok2 := r.parseTerm(j+1, end)
		if !ok2 {
			ok = false
			j = max(k, j)
			break
		}
		if r.toks[j].code == opPlus {
			ops = append(ops, int32(j))
			lasts = append(lasts, int32(k-1))
		}
		j = k
	}
	r.chain(i, ops, lasts, slotArithOpen, FnAdd+"(")
	return j, ok
}

// parseTerm parses term: factor (('*'|'/'|'//'|'%'|'@') factor)*.
func (r *rewriter) parseTerm(i, end int) (int, bool) {
	j, ok := r.parseFactor(i, end)
	if !ok {
		return j, false
	}
	var opsBuf, lastBuf [8]int32
	ops, lasts := opsBuf[:0], lastBuf[:0]
	for j < end && r.toks[j].kind == kOp {
		c := r.toks[j].code
		if c != opStar && c != opSlash && c != opDSlash && c != opPercent && c != opAt {
			break
		}
		k, ok2 := r.parseFactor(j+1, end)
		if !ok2 {
			ok = false
			j = max(k, j)
			break
		}
		if c == opPercent {
			ops = append(ops, int32(j))
			lasts = append(lasts, int32(k-1))
		}
		j = k
	}
	r.chain(i, ops, lasts, slotTermOpen, FnMod+"(")
	return j, ok
}

// chain records the edits of a left-associative chain starting at token
// first: `a OP b OP c` -> `F(F(a, b), c)`.
func (r *rewriter) chain(first int, ops, lasts []int32, slot uint8, opener string) {
	for k := len(ops) - 1; k >= 0; k-- {
		r.add(first, slot, opener)
	}
	for k, op := range ops {
		o := int(op)
		if isBlank(r.src[r.toks[o-1].end:r.toks[o].start]) {
			r.add(o, slotDropGap, "")
		}
		r.add(o, slotRepl, ",")
		r.add(int(lasts[k]), slotPost, ")")
	}
}

// parseFactor parses factor: ('+'|'-'|'~')* power, where power is
// ['await'] primary ['**' factor]; iterative so that long chains of
// prefixes or `**` cannot exhaust the stack.
func (r *rewriter) parseFactor(i, end int) (int, bool) {
	for {
		for i < end && (r.toks[i].kind == kOp && (r.toks[i].code == opPlus || r.toks[i].code == opMinus || r.toks[i].code == opTilde) ||
			r.toks[i].code == kwAwait && r.toks[i].kind == kName) {
			i++
		}
		j, ok := r.parsePrimary(i, end)
		if !ok {
			return j, false
		}
		if j < end && r.toks[j].code == opPow && r.toks[j].kind == kOp {
			i = j + 1
			continue
		}
		return j, true
	}
}

// parsePrimary parses an atom and its trailers (.name, (...), [...]).
func (r *rewriter) parsePrimary(i, end int) (int, bool) {
	if i >= end {
		return i, false
	}
	t := &r.toks[i]
	j := i + 1
	switch t.kind {
	case kNumber:
	case kString:
		r.lowerString(i)
	case kName:
		switch t.code {
		case nmSuper:
			r.superCall(i)
		default:
			if isKeyword(t.code) || t.code == kwAwait {
				return i, false
			}
		}
	case kOp:
		switch t.code {
		case opEllipsis:
		case opLParen, opLBrack, opLBrace:
			m := int(t.match)
			if m <= i || m >= end {
				return i, false
			}
			r.walk(i+1, m, false)
			if t.code == opLBrace {
				r.dictDisplay(i, m)
			}
			j = m + 1
		default:
			return i, false
		}
	default:
		return i, false
	}
	for j < end && r.toks[j].kind == kOp && r.err == nil {
		switch r.toks[j].code {
		case opDot:
			if j+1 < end && r.toks[j+1].kind == kName {
				j += 2
				continue
			}
		case opLParen, opLBrack:
			m := int(r.toks[j].match)
			if m <= j || m >= end {
				return j, false
			}
			r.walk(j+1, m, false)
			if r.toks[j].code == opLParen {
				r.callKwargs(j, m)
			}
			j = m + 1
			continue
		}
		break
	}
	return j, true
}

// augAssign records `TARGET += EXPR` (or `%=`) at toks[op]; the edits are
// made once every edit inside TARGET is known (finishAugAssign).
func (r *rewriter) augAssign(stmt, op, end int) {
	if stmt >= op {
		return
	}
	// The target must be NAME, or a primary ending in .NAME or [...]; any
	// other shape is a syntax error best left to the compiler (and
	// `0% += x` would fuse into `%=`).
	if !r.isAugTarget(stmt, op) {
		return
	}
	// `a += b += 1` and `x += y = 2` are syntax errors: rewriting them
	// would overlap, so the right-hand side must hold no assignment.
	j := op + 1
	wrap, lambdas := false, 0
	for j < end {
		t := &r.toks[j]
		if t.kind == kNewline || t.code == opSemi && t.kind == kOp {
			break
		}
		switch {
		case t.kind == kOp && (t.code == opLParen || t.code == opLBrack || t.code == opLBrace) && int(t.match) > j:
			j = int(t.match)
		case t.kind == kOp && (t.code == opComma || t.code == opStar && j == op+1):
			wrap = true
		case t.kind == kName && t.code == kwOther:
			switch r.text(j) {
			case "yield":
				wrap = wrap || j == op+1
			case "lambda":
				lambdas++ // its defaults may use '='
			}
		case t.kind == kOp && t.code == opColon && lambdas > 0:
			lambdas--
		case isAssignOp(t) && (lambdas == 0 || t.code != opAssign):
			return
		}
		j++
	}
	if j == op+1 {
		return
	}
	r.augs = append(r.augs, augSite{stmt: int32(stmt), op: int32(op), first: int32(op + 1), last: int32(j - 1), wrap: wrap})
}

// isAugTarget reports whether toks[i:end] is a name followed by trailers
// and ends with a name or a subscript.
func (r *rewriter) isAugTarget(i, end int) bool {
	if t := &r.toks[i]; t.kind != kName || t.code != nmPlain && t.code != nmSuper && t.code != nmMatch && t.code != nmCase {
		return false
	}
	i++
	lastOK := true
	for i < end {
		t := &r.toks[i]
		switch {
		case t.kind == kOp && t.code == opDot && i+1 < end && r.toks[i+1].kind == kName:
			i += 2
			lastOK = true
		case t.kind == kOp && (t.code == opLParen || t.code == opLBrack) && int(t.match) > i && int(t.match) < end:
			lastOK = t.code == opLBrack
			i = int(t.match) + 1
		default:
			return false
		}
	}
	return lastOK
}

func isAssignOp(t *token) bool {
	return t.kind == kOp && (t.code == opAssign || t.code == opPlusEq || t.code == opPercentEq || t.code == opAugOther)
}

func (r *rewriter) finishAugAssign() {
	slices.SortStableFunc(r.edits, cmpEdit)
	if len(r.augs) == 0 {
		return
	}
	var tb []byte
	for _, a := range r.augs {
		fn := FnIAdd
		if r.toks[a.op].code == opPercentEq {
			fn = FnIMod
		}
		tb = append(append(tb[:0], "= "...), fn...)
		tb = append(tb, '(')
		t0 := r.toks[a.stmt]
		var ok bool
		if tb, ok = r.render(tb, int(a.stmt), int(a.op), int(t0.start), int(r.toks[a.op-1].end), true); !ok {
			continue // the target spans lines inside a literal: leave `+=` alone
		}
		r.add(int(a.op), slotRepl, string(append(tb, ',')))
		if a.wrap {
			r.add(int(a.first), slotWrapOpen, "(")
			r.add(int(a.last), slotPost, ")")
		}
		r.add(int(a.last), slotPost, ")")
	}
	slices.SortStableFunc(r.edits, cmpEdit)
}

func cmpEdit(a, b edit) int {
	if a.tok != b.tok {
		return int(a.tok - b.tok)
	}
	return int(a.slot) - int(b.slot)
}

// render appends src[from:to] for tokens [ta, tb) with the (sorted) edits
// applied. With flatten, gaps that hold newlines or comments become one
// space, and it reports false if a token's text itself spans lines.
func (r *rewriter) render(dst []byte, ta, tb, from, to int, flatten bool) ([]byte, bool) {
	e, _ := slices.BinarySearchFunc(r.edits, int32(ta), func(x edit, t int32) int { return int(x.tok - t) })
	out := renderer{b: dst}
	if len(dst) > 0 {
		out.last = dst[len(dst)-1]
	}
	pos := from
	for k := ta; k < tb; k++ {
		t := &r.toks[k]
		gap := r.src[pos:t.start]
		var repl *string
		drop := false
		first := e
		for e < len(r.edits) && int(r.edits[e].tok) == k {
			switch r.edits[e].slot {
			case slotDropGap:
				drop = true
			case slotRepl:
				repl = &r.edits[e].text
			}
			e++
		}
		if !drop {
			if flatten && bytes.ContainsAny(gap, "\n#\\") {
				out.text(" ")
			} else {
				out.src(gap)
			}
		}
		post := first
		for ; post < e && r.edits[post].slot < slotRepl; post++ {
			out.insert(r.edits[post].text)
		}
		if repl != nil {
			if flatten && strings.IndexByte(*repl, '\n') >= 0 {
				return out.b, false
			}
			out.insert(*repl)
		} else {
			txt := r.src[t.start:t.end]
			if flatten && bytes.IndexByte(txt, '\n') >= 0 {
				return out.b, false
			}
			out.src(txt)
		}
		for ; post < e; post++ {
			if r.edits[post].slot == slotPost {
				out.insert(r.edits[post].text)
			}
		}
		pos = int(t.end)
	}
	if !flatten {
		out.src(r.src[pos:to])
	}
	return out.b, true
}

// renderer tracks the last byte written so that inserted text never fuses
// with a preceding identifier or number (`else-1+2` must not become
// `else__mr_add__(-1,2)`, nor `1.` turn into `1.__mr_add__`).
type renderer struct {
	b    []byte
	last byte
}

func (w *renderer) src(p []byte) {
	if len(p) > 0 {
		w.b = append(w.b, p...)
		w.last = p[len(p)-1]
	}
}

func (w *renderer) text(s string) {
	if len(s) > 0 {
		w.b = append(w.b, s...)
		w.last = s[len(s)-1]
	}
}

func (w *renderer) insert(s string) {
	if len(s) > 0 && isIdentChar(s[0]) && (isIdentChar(w.last) || w.last == '.') {
		w.b = append(w.b, ' ')
	}
	w.text(s)
}

// isMatchStmt reports whether the `match` at toks[i] (a bol token) starts
// a match statement: its line ends with ':' and the next line is an
// indented `case`.
func (r *rewriter) isMatchStmt(i int) bool {
	j := i + 1
	for j < len(r.toks) && r.toks[j].kind != kNewline {
		if t := &r.toks[j]; t.kind == kOp && (t.code == opLParen || t.code == opLBrack || t.code == opLBrace) && int(t.match) > j {
			j = int(t.match)
		}
		j++
	}
	if j+1 >= len(r.toks) || j-1 <= i+1 || r.toks[j-1].code != opColon || r.toks[j-1].kind != kOp {
		return false
	}
	n := &r.toks[j+1]
	return n.bol && n.code == nmCase && n.indent > r.toks[i].indent
}

// skipPattern returns the index of the guard's `if` or the ':' ending the
// case pattern that starts at i.
func (r *rewriter) skipPattern(i, end int) int {
	for i < end {
		t := &r.toks[i]
		if t.kind == kNewline || t.kind == kOp && t.code == opColon || t.kind == kName && t.code == kwIf {
			return i
		}
		if t.kind == kOp && (t.code == opLParen || t.code == opLBrack || t.code == opLBrace) && int(t.match) > i && int(t.match) < end {
			i = int(t.match)
		}
		i++
	}
	return i
}

func (r *rewriter) text(i int) string { return string(r.src[r.toks[i].start:r.toks[i].end]) }

// --- super() -------------------------------------------------------------

const (
	scopeDef uint8 = iota + 1
	scopeClass
	scopeMatch
	scopeCase
)

type scope struct {
	indent int32
	kind   uint8
	param  string // scopeDef: the first parameter, "" if none
}

// scopes is the lexical stack of def/class/match blocks, maintained from
// the indentation of logical lines.
type scopes struct{ s []scope }

func (s *scopes) push(sc scope) { s.s = append(s.s, sc) }

func (s *scopes) dedent(indent int32) {
	for len(s.s) > 0 && s.s[len(s.s)-1].indent >= indent {
		s.s = s.s[:len(s.s)-1]
	}
}

func (s *scopes) innermost() uint8 {
	if len(s.s) == 0 {
		return 0
	}
	return s.s[len(s.s)-1].kind
}

// superArg returns the instance argument for a zero-argument super() at
// the current position: the first parameter of the innermost enclosing
// def, provided that def is (transitively) inside a class. CPython would
// fail at run time otherwise, and so does the untouched super().
func (s *scopes) superArg() string {
	for k := len(s.s) - 1; k >= 0; k-- {
		switch s.s[k].kind {
		case scopeMatch, scopeCase:
			continue
		case scopeClass:
			return ""
		}
		if s.s[k].param == "" {
			return ""
		}
		for c := k - 1; c >= 0; c-- {
			if s.s[c].kind == scopeClass {
				return s.s[k].param
			}
		}
		return ""
	}
	return ""
}

func (r *rewriter) noteDef(i int, indent int32) {
	sc := scope{indent: indent, kind: scopeDef}
	if i+3 < len(r.toks) && r.toks[i+1].kind == kName && r.toks[i+2].code == opLParen && r.toks[i+2].kind == kOp {
		if p := &r.toks[i+3]; p.kind == kName && (p.code == nmPlain || p.code == nmMatch || p.code == nmCase || p.code == nmSuper) {
			sc.param = r.text(i + 3)
		}
	}
	r.sc.push(sc)
}

// superCall rewrites `super()` at toks[i] when a method encloses it.
func (r *rewriter) superCall(i int) {
	if i+2 >= len(r.toks) || r.toks[i+1].code != opLParen || r.toks[i+1].kind != kOp || int(r.toks[i+1].match) != i+2 {
		return
	}
	if p := r.sc.superArg(); p != "" {
		r.add(i+1, slotPost, superPrefix+p)
	}
}

// --- small helpers -----------------------------------------------------

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\f' {
			return false
		}
	}
	return true
}

func lineOf(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return bytes.Count(src[:off], []byte{'\n'}) + 1
}

func colOf(src []byte, off int) int {
	if off > len(src) {
		off = len(src)
	}
	return off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
}

func itoa(n int) string { return strconv.Itoa(n) }

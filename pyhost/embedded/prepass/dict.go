package prepass

import "strings"

// Dict displays, dict comprehensions and `**` call arguments (FnDict and
// FnKw). gpython's dict is a Go map of str keys: it loses insertion order
// and rejects int and tuple keys, so displays build the host's ordered
// dict instead; and gpython's calls take only its own dict after `**`.

// lowerDicts switches the lowering of dict displays and `**` arguments.
// It exists so that the lowering can be turned off without removing it.
const lowerDicts = true

// dictItem is one `key: value` item of a display: the indexes of its
// first token, its ':' and the ',' or '}' that ends it.
type dictItem struct{ start, colon, stop int }

// dictDisplay lowers the braces toks[open] .. toks[close] (their contents
// already walked) when they hold a dict display or comprehension. Sets,
// `{**d}` and anything malformed are left to the compiler.
func (r *rewriter) dictDisplay(open, close int) {
	if !lowerDicts || r.err != nil {
		return
	}
	if close == open+1 {
		r.add(open, slotRepl, FnDict+"(")
		r.add(close, slotRepl, ")")
		return
	}
	var items []dictItem
	compFor := -1 // the `for` (or `async`) of a comprehension
	item := dictItem{start: open + 1, colon: -1}
	lambdas := 0
	for j := open + 1; j < close; j++ {
		t := &r.toks[j]
		switch t.kind {
		case kNewline:
			return
		case kName:
			switch {
			case t.code == kwFor || t.code == kwOther && r.text(j) == "async" && j+1 < close && r.toks[j+1].code == kwFor:
				if item.colon < 0 || len(items) > 0 || j == item.colon+1 {
					return
				}
				compFor = j
			case t.code == kwOther && r.text(j) == "lambda":
				if item.colon < 0 {
					return // a lambda in a key: rare, left alone
				}
				lambdas++
			}
		case kOp:
			switch t.code {
			case opLParen, opLBrack, opLBrace:
				m := int(t.match)
				if m <= j || m >= close {
					return
				}
				j = m
			case opPow, opStar:
				if j == item.start {
					return // {**d} and {*s}: not lowered
				}
			case opColon:
				if item.colon < 0 {
					if j == item.start {
						return
					}
					item.colon = j
				} else if lambdas > 0 {
					lambdas--
				}
			case opComma:
				if lambdas > 0 {
					continue // a lambda's parameters
				}
				if item.colon < 0 || item.colon == j-1 {
					return // a set, or a malformed item
				}
				item.stop = j
				items = append(items, item)
				item = dictItem{start: j + 1, colon: -1}
			}
		}
		if compFor >= 0 {
			break
		}
	}
	if compFor >= 0 {
		r.add(open, slotRepl, FnDict+"((")
		r.add(item.colon, slotRepl, ",")
		r.add(compFor-1, slotPost, ")")
		r.add(close, slotRepl, ")")
		return
	}
	if item.start < close { // the last item, with no trailing comma
		if item.colon < 0 || item.colon == close-1 {
			return
		}
		item.stop = close
		items = append(items, item)
	}
	if len(items) == 0 {
		return
	}
	r.add(open, slotRepl, FnDict+"((")
	for k, it := range items {
		r.add(it.colon, slotRepl, ",")
		switch {
		case it.stop == close:
			r.add(close, slotRepl, "))")
		case k == len(items)-1: // trailing comma
			r.add(it.stop, slotRepl, ")")
			r.add(close, slotRepl, ")")
		default:
			r.add(it.stop, slotRepl, "),")
			r.add(it.stop+1, slotKwOpen, "(")
		}
	}
}

// callKwargs wraps every `**expr` argument of the call whose parentheses
// are toks[open] .. toks[close] (contents already walked) in FnKw.
func (r *rewriter) callKwargs(open, close int) {
	if !lowerDicts || r.err != nil {
		return
	}
	// The pre-pass's own calls take no `**`: one there came from
	// malformed source (`a %= **b`), and wrapping it on a second pass
	// would break idempotence.
	if open > 0 && r.toks[open-1].kind == kName && strings.HasPrefix(r.text(open-1), "__mr_") {
		return
	}
	argStart, lambdas := open+1, 0
	for j := open + 1; j <= close; j++ {
		t := &r.toks[j]
		if j < close {
			switch {
			case t.kind == kNewline:
				return
			case t.kind == kName && t.code == kwOther && r.text(j) == "lambda":
				lambdas++
				continue
			case t.kind != kOp:
				continue
			}
			switch t.code {
			case opLParen, opLBrack, opLBrace:
				if m := int(t.match); m > j && m < close {
					j = m
				}
				continue
			case opColon:
				if lambdas > 0 {
					lambdas--
				}
				continue
			case opComma:
				if lambdas > 0 {
					continue
				}
			default:
				continue
			}
		}
		// toks[argStart:j] is one argument.
		if j-argStart >= 2 && r.toks[argStart].kind == kOp && r.toks[argStart].code == opPow {
			first, last := argStart+1, j-1
			if !r.isKwCall(first, last) {
				r.add(first, slotKwOpen, FnKw+"(")
				r.add(last, slotPost, ")")
			}
		}
		argStart = j + 1
	}
}

// isKwCall reports whether toks[first..last] is already one FnKw call
// (the pre-pass's own output), so that rewriting stays idempotent.
func (r *rewriter) isKwCall(first, last int) bool {
	return last-first >= 2 && r.isName(first, FnKw) && r.toks[first+1].kind == kOp &&
		r.toks[first+1].code == opLParen && int(r.toks[first+1].match) == last
}

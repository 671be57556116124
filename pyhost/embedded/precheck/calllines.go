package precheck

// CallLines maps each physical line of src that begins inside the
// arguments of a call opened on an earlier line to the line of the
// innermost such call's opening bracket.
//
// gpython attributes a call that spans lines to the line where its last
// argument starts; CPython (3.11) to the line where the call starts. The
// embedded host reads a frame's line through this map when it prints a
// traceback, so that "cr.execute(\n    query,\n    params,\n)" fails at the
// cr.execute line in both hosts. A line inside brackets that are not a
// call (a list, a parenthesised expression) keeps its own line, as in
// CPython.
func CallLines(src []byte) map[int]int {
	out := map[int]int{}
	for _, ll := range logicalLines(src) {
		type open struct {
			line int
			call bool
		}
		var stack []open
		prevLine := 0
		for i, t := range ll.toks {
			if t.line != prevLine && i > 0 {
				for j := len(stack) - 1; j >= 0; j-- {
					if stack[j].call {
						if stack[j].line < t.line {
							out[t.line] = stack[j].line
						}
						break
					}
				}
			}
			prevLine = t.line
			if t.kind != tOp {
				continue
			}
			switch t.text {
			case "(", "[", "{":
				call := false
				if t.text == "(" && i > 0 {
					p := ll.toks[i-1]
					call = p.kind == tName && !keywords[p.text] || p.kind == tOp && (p.text == ")" || p.text == "]")
				}
				stack = append(stack, open{t.line, call})
			case ")", "]", "}":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			}
		}
	}
	return out
}

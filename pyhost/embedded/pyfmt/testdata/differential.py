"""Reference side of TestDifferentialCPython: evaluates each case with
CPython and prints one JSON-encoded outcome per line, "OK:<text>" or
"ERR:<ExceptionType>: <message>" (see helpers_test.go's outcome)."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
ns = {"__name__": "__main__"}
exec(doc["prelude"], ns)

CONV = {"": lambda v: v, "r": repr, "s": str, "a": ascii}


def run(c):
    k, a, b, cc = c["k"], c.get("a", ""), c.get("b", ""), c.get("c", "")
    if k == "repr":
        return repr(eval(a, ns))
    if k == "str":
        return str(eval(a, ns))
    if k == "ascii":
        return ascii(eval(a, ns))
    if k == "format":
        return format(eval(a, ns), b)
    if k == "fv":
        return format(CONV[b](eval(a, ns)), cc)
    if k == "pct":
        return a % eval(b, ns)
    if k == "bpct":
        return (a.encode("latin-1") % eval(b, ns)).decode("latin-1")
    if k == "sfmt":
        return a.format(*eval(b, ns), **eval(cc, ns))
    if k == "sfmap":
        return a.format_map(eval(b, ns))
    raise SystemExit("unknown case kind " + k)


for c in doc["cases"]:
    try:
        out = "OK:" + run(c)
    except Exception as e:  # every failure is part of the comparison
        out = "ERR:" + type(e).__name__ + ": " + str(e)
    print(json.dumps(out))

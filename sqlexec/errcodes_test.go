package sqlexec

import (
	"sort"
	"testing"
)

//go:generate sh -c "go run ./internal/generrcodes /usr/share/postgresql/15/errcodes.txt > errcodes.go"

// TestErrorClassesMatchPsycopg2 checks every SQLSTATE's psycopg2.errors
// class name and its DBAPI base class against psycopg2 itself.
func TestErrorClassesMatchPsycopg2(t *testing.T) {
	codes := make([]string, 0, len(errorNames))
	for c := range errorNames {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var want [][2]string
	psycopg2Oracle(t, `
import psycopg2.errors as errors
dbapi = {c.__name__ for c in (psycopg2.DataError, psycopg2.OperationalError, psycopg2.IntegrityError,
    psycopg2.InternalError, psycopg2.ProgrammingError, psycopg2.NotSupportedError, psycopg2.DatabaseError,
    ext.TransactionRollbackError, ext.QueryCanceledError)}
out = []
for code in json.load(sys.stdin):
    try:
        cls = errors.lookup(code)
    except KeyError:
        out.append(["", ""])
        continue
    base = next(b.__name__ for b in cls.__mro__[1:] if b.__name__ in dbapi)
    out.append([cls.__name__, base])
json.dump(out, sys.stdout)
`, codes, &want)
	for i, code := range codes {
		if want[i][0] == "" {
			continue // newer than this psycopg2's table
		}
		if got := ErrorName(code); got != want[i][0] {
			t.Errorf("ErrorName(%s) = %q, psycopg2 %q", code, got, want[i][0])
		}
		if got := ClassForSQLState(code); got != want[i][1] {
			t.Errorf("ClassForSQLState(%s) = %q, psycopg2 %q", code, got, want[i][1])
		}
	}
	if ErrorName("01004") != "" {
		t.Error("warnings have no psycopg2.errors class")
	}
}

// psycopg2.errorcodes' constants are psycopg2's own, for every code both
// errcodes.txt versions have (psycopg2 2.9.5 was built from an older
// one: a code only one side knows is not compared).
func TestErrorCodeConstantsMatchPsycopg2(t *testing.T) {
	var theirs map[string]string
	psycopg2Oracle(t, `
import psycopg2.errorcodes as e
print(json.dumps({k: v for k, v in vars(e).items() if k.isupper()}))
`, nil, &theirs)
	ours := map[string]string{}
	for _, c := range ErrorCodeConstants() {
		ours[c[0]] = c[1]
	}
	codes := func(m map[string]string) map[string]bool {
		out := map[string]bool{}
		for _, v := range m {
			out[v] = true
		}
		return out
	}
	ourCodes, theirCodes := codes(ours), codes(theirs)
	for name, code := range theirs {
		if !ourCodes[code] {
			continue // a code this server's errcodes.txt no longer has
		}
		if ours[name] != code {
			t.Errorf("%s: %q, psycopg2 has %q", name, ours[name], code)
		}
	}
	for name, code := range ours {
		if theirCodes[code] && theirs[name] != code {
			t.Errorf("%s = %q is not psycopg2's", name, code)
		}
	}
	if len(ours) < 300 {
		t.Errorf("%d constants", len(ours))
	}
}

package pydatetime

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/go-python/gpython/py"
)

// Whole programs, as migration scripts use the module.
func TestScripts(t *testing.T) {
	tests := []struct {
		name, src string
	}{
		{"import styles", `
import datetime
from datetime import datetime as D, date, timedelta
assert datetime.datetime.now().year >= 2024
assert D.now().year >= 2024
assert D.utcnow().year >= 2024
assert datetime.date.today() == date.today()
assert datetime.datetime(2024, 5, 1) == D(2024, 5, 1)
assert D(2024, 5, 1, 12).now().year >= 2024       # class method through an instance
`},
		{"unbound methods", `
from datetime import date, datetime
assert date.isoformat(date(2024, 5, 1)) == "2024-05-01"
assert date.isoformat(datetime(2024, 5, 1, 3)) == "2024-05-01"
assert list(map(date.isoformat, [date(2024, 1, 2)])) == ["2024-01-02"]
assert date.weekday(datetime(2024, 1, 1)) == 0
`},
		{"unpacking and iteration", `
from datetime import date
y, w, d = date(2024, 5, 1).isocalendar()
assert (y, w, d) == (2024, 18, 3)
assert date(2024, 5, 1).isocalendar()[-1] == 3
assert len(date(2024, 5, 1).isocalendar()) == 3
`},
		{"sets and sorting", `
from datetime import date, datetime, timedelta
s = {date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 2)}
assert len(s) == 2
assert date(2024, 1, 2) in s
days = sorted([date(2024, 1, 3), date(2024, 1, 1), date(2024, 1, 2)])
assert days[0] == date(2024, 1, 1) and days[-1] == date(2024, 1, 3)
assert max(timedelta(1), timedelta(hours=30)) == timedelta(hours=30)
`},
		{"migration style", `
from datetime import datetime, timedelta
cutoff = datetime(2024, 5, 1) - timedelta(days=30)
rows = [(1, datetime(2024, 4, 30, 9)), (2, datetime(2024, 3, 1))]
recent = [r for r in rows if r[1] > cutoff]
assert [r[0] for r in recent] == [1]
label = cutoff.strftime("%Y-%m-%d %H:%M:%S")
assert label == "2024-04-01 00:00:00", label
assert str(datetime(2024, 5, 1) - datetime(2024, 4, 29, 22)) == "1 day, 2:00:00"
assert "%s" not in cutoff.isoformat()
total = timedelta()
for r in rows:
    total += datetime(2024, 5, 1) - r[1]
assert total == timedelta(days=61, hours=15), total
assert (datetime(2024, 5, 1) - datetime(2024, 4, 1)).days == 30
assert not timedelta(0)
if timedelta(seconds=1):
    pass
else:
    raise AssertionError("timedelta(seconds=1) is false")
`},
		{"errors are catchable", `
from datetime import datetime, date
try:
    datetime.strptime("2024-13-01", "%Y-%m-%d")
    raise AssertionError("no error")
except ValueError as e:
    assert "does not match format" in str(e), str(e)
try:
    date(2024, 1, 1) < 1
    raise AssertionError("no error")
except TypeError:
    pass
try:
    datetime(2024, 1, 1) < datetime.now(__import__("datetime").timezone.utc)
    raise AssertionError("no error")
except TypeError as e:
    assert "offset-naive and offset-aware" in str(e)
`},
		{"class attribute", `
from datetime import datetime, date
assert datetime(2024, 1, 1).__class__ is datetime
assert date(2024, 1, 1).__class__.__name__ == "date"
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			if _, err := e.exec(strings.TrimPrefix(tc.src, "\n")); err != nil {
				t.Fatal(formatErr(err))
			}
		})
	}
}

// TestConcurrentContexts runs the module in parallel contexts (the race
// detector checks the shared strptime cache and types).
func TestConcurrentContexts(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			e := newEnv(t)
			for i := 0; i < 50; i++ {
				src := fmt.Sprintf("r = datetime.strptime('2024-05-%02d %d', '%%Y-%%m-%%d %%H').strftime('%%c %%j') + str(datetime(2024,1,1) + timedelta(hours=%d))\n", i%28+1, g, i)
				if _, err := e.exec(src); err != nil {
					errs <- err
					return
				}
				if _, ok := e.globals["r"].(py.String); !ok {
					errs <- fmt.Errorf("r = %v", e.globals["r"])
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(formatErr(err))
	}
}

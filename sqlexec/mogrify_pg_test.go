package sqlexec

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/migrate-runner/migrate-runner/internal/pgtest"
)

// Every adapted literal goes to the real server, as psycopg2 sends it: one
// simple-protocol query string.
func TestMogrifiedSQLOnPostgres(t *testing.T) {
	conn := pgtest.Conn(t)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	one := func(q string, p *Value) (string, error) {
		sql, err := Mogrify(q, p)
		if err != nil {
			return "", err
		}
		var s *string
		err = conn.QueryRow(ctx, sql, pgx.QueryExecModeSimpleProtocol).Scan(&s)
		if s == nil {
			return "<NULL>", err
		}
		return *s, err
	}
	tests := []struct {
		query  string
		params *Value
		want   string
	}{
		{"SELECT (1 - %s)::text", tup(IntValue(-1)), "2"},
		{"SELECT (2 - %s)::text", tup(FloatValue(-0.5)), "2.5"},
		{"SELECT %s::text", tup(FloatValue(math.Inf(1))), "Infinity"},
		{"SELECT %s::text", tup(FloatValue(math.NaN())), "NaN"},
		{"SELECT %s", tup(StrValue(`it's \ x é "q" %s`)), `it's \ x é "q" %s`},
		{"SELECT %s::text", tup(BytesValue([]byte("hi\x00"))), `\x686900`},
		{"SELECT %s::text", tup(DateValue(time.Date(2024, 1, 2, 0, 0, 0, 0, utc))), "2024-01-02"},
		{"SELECT %s::text", tup(DateTimeValue(time.Date(2024, 1, 2, 3, 4, 5, 123456000, utc), false)), "2024-01-02 03:04:05.123456"},
		{"SELECT %s::text", tup(DateTimeValue(time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("", 3600)), true)), "2024-01-02 02:04:05+00"},
		{"SELECT %s::text", tup(TimedeltaValue(-1_000_000)), "-1 days +23:59:59"},
		{"SELECT (%s)::text", tup(DecimalValue("-1.50")), "-1.50"}, // unparenthesised, -1.50::text fails as in psycopg2
		{"SELECT (2 IN %s)::text", tup(TupleValue(IntValue(1), IntValue(2))), "true"},
		{"SELECT (2 = ANY(%s))::text", tup(ListValue(IntValue(1), IntValue(2))), "true"},
		{"SELECT (1 = ANY(%s))::text", tup(ListValue()), "false"},
		{"SELECT %s::text", tup(ListValue(ListValue(IntValue(1), IntValue(2)), ListValue(IntValue(3), IntValue(4)))), "{{1,2},{3,4}}"},
		{"SELECT %s::jsonb->>'a'", tup(JSONValue(`{"a": "it's"}`)), "it's"},
		{"SELECT %(x)s || %(x)s", ptr(DictValue(map[string]Value{"x": StrValue("ab")})), "abab"},
		{"SELECT %s::text", tup(NoneValue()), "<NULL>"},
		// The verbatim rule: without parameters %% reaches the server.
		{"SELECT 'a%%'", nil, "a%%"},
		{"SELECT 'a%%' || %s", tup(StrValue("b")), "a%b"},
	}
	for _, tt := range tests {
		got, err := one(tt.query, tt.params)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.query, got, err, tt.want)
		}
	}

	// An empty tuple renders IN (), which PostgreSQL rejects, as with psycopg2.
	if _, err := one("SELECT (1 IN %s)::text", tup(TupleValue())); err == nil || !strings.Contains(err.Error(), "syntax error") {
		t.Errorf("empty tuple: want a syntax error, got %v", err)
	}

	// Several statements in one string, as scripts send them.
	sql, err := Mogrify("CREATE TABLE t (v int); INSERT INTO t VALUES (%s); INSERT INTO t VALUES (%s)", tup(IntValue(1), IntValue(2)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, sql, pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatal(err)
	}
	var sum int
	if err := conn.QueryRow(ctx, "SELECT sum(v) FROM t").Scan(&sum); err != nil || sum != 3 {
		t.Errorf("multi-statement: sum %d, %v", sum, err)
	}
}

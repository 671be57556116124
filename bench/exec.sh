#!/usr/bin/env bash
# bench/exec.sh: the execution benchmarks of `make bench`, side by side.
#
#   1. 10,000 single-row UPDATEs in one script, through `migrate-runner run`
#      with the external host and with the embedded host (gpython), against
#      the same loop straight on psycopg2
#      (bench/psycopg2_updates.py under /usr/bin/python3). Both are pinned
#      to the same CPU set ($EXEC_CPUS, default: CPU 1) and run in turn,
#      $EXEC_RUNS times (default 5); the best of each counts. The runner's
#      figure is the script's own duration from --report-json, so neither
#      side counts interpreter start-up or connecting.
#      Both update the same regular table, vacuumed before each loop.
#      Target: runner <= 1.3 x psycopg2.
#   2. 1,000 trivial scripts (def migrate(cr, version): pass) in one run,
#      through each host: the wall time of the run, less the same run with
#      no scripts, per script. Target: < 1 ms per script.
#
# Environment: EXEC_DSN (default: the local test server), EXEC_RUNS,
# EXEC_CPUS, BENCH_RUNNER (a prebuilt binary).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${EXEC_RUNS:-5}
CPUS=${EXEC_CPUS:-1}
ADMIN=${EXEC_DSN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
say() { printf '==> %s\n' "$*" >&2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/migrate-runner-exec.XXXXXX")
db=mrbench_$$
trap 'psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
dsn=${ADMIN/\/postgres\?/\/$db?}

if [[ -n ${BENCH_RUNNER:-} ]]; then runner=$BENCH_RUNNER; else
	go build -o "$tmp/migrate-runner" ./cmd/migrate-runner
	runner=$tmp/migrate-runner
fi
python=$(python3 -I -c 'import sys; print(sys.executable)')
if ! /usr/bin/python3 -c 'import psycopg2' 2>/dev/null; then
	echo "exec.sh: /usr/bin/python3 has no psycopg2 (apt-get install python3-psycopg2)" >&2
	exit 1
fi

psql -q "$ADMIN" -c "CREATE DATABASE $db"
psql -q "$dsn" -c "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, 0 FROM generate_series(0, 99) g"

# --- 1. 10,000 UPDATEs ----------------------------------------------------------
mkdir -p "$tmp/a/upd/migrations/1.1"
echo "{'version': '17.0.1.1'}" >"$tmp/a/upd/__manifest__.py"
cat >"$tmp/a/upd/migrations/1.1/post-updates.py" <<'PY'
def migrate(cr, version):
    for i in range(10000):
        cr.execute("UPDATE t SET v = v + 1 WHERE id = %s", (i % 100,))
PY
min() { if [[ -z $1 ]] || (($(echo "$2 < $1" | bc))); then echo "$2"; else echo "$1"; fi; }
verdict() { if (($(echo "$1" | bc))); then echo PASS; else echo FAIL; fi; }
best_ext="" best_emb="" best_psycopg2=""
# Every timed loop starts from a vacuumed table: each loop leaves 10,000
# dead row versions behind (it is rolled back), which would otherwise slow
# down whichever side runs later.
vacuum() { psql -q "$dsn" -c "VACUUM t" >/dev/null; }
script_time() {
	vacuum
	taskset -c "$CPUS" "$runner" run --dsn "$dsn" --addons-path "$tmp/a" --installed upd=17.0.1.0 \
		--python "$python" --host "$1" --dry-run --report-json "$tmp/r.json" >/dev/null
	python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["scripts"][0]["duration_ns"] / 1e9))' "$tmp/r.json"
}
for i in $(seq "$RUNS"); do
	x=$(script_time external)
	e=$(script_time embedded)
	vacuum
	p=$(taskset -c "$CPUS" /usr/bin/python3 bench/psycopg2_updates.py "$dsn" 1 | sed -E 's/.*: ([0-9.]+) s for.*/\1/')
	say "run $i: external ${x} s, embedded ${e} s, psycopg2 ${p} s"
	best_ext=$(min "$best_ext" "$x")
	best_emb=$(min "$best_emb" "$e")
	best_psycopg2=$(min "$best_psycopg2" "$p")
done
ok=true
for host in external embedded; do
	if [[ $host == external ]]; then best=$best_ext; else best=$best_emb; fi
	ratio=$(echo "scale=2; $best / $best_psycopg2" | bc)
	v=$(verdict "$ratio <= 1.3")
	[[ $v == PASS ]] || ok=false
	printf '%s 10,000 UPDATEs, %s host (best of %d, CPUs %s): migrate-runner %s s (%.0f µs/statement), psycopg2 %s s (%.0f µs/statement): %sx (target <= 1.3x)\n' \
		"$v" "$host" "$RUNS" "$CPUS" "$best" "$(echo "$best * 100" | bc)" "$best_psycopg2" "$(echo "$best_psycopg2 * 100" | bc)" "$ratio"
done

# --- 2. 1,000 trivial scripts ---------------------------------------------------
mkdir -p "$tmp/b/triv/migrations/1.1" "$tmp/c/triv"
echo "{'version': '17.0.1.1'}" >"$tmp/b/triv/__manifest__.py"
echo "{'version': '17.0.1.1'}" >"$tmp/c/triv/__manifest__.py"
for n in $(seq -w 1000); do
	printf 'def migrate(cr, version):\n    pass\n' >"$tmp/b/triv/migrations/1.1/post-$n.py"
done
for host in external embedded; do
	best_full="" best_empty=""
	for i in $(seq "$RUNS"); do
		s=$(date +%s.%N)
		"$runner" run --dsn "$dsn" --addons-path "$tmp/b" --installed triv=17.0.1.0 --python "$python" --host "$host" --dry-run >/dev/null
		m=$(date +%s.%N)
		"$runner" run --dsn "$dsn" --addons-path "$tmp/c" --installed triv=17.0.1.0 --python "$python" --host "$host" --dry-run >/dev/null
		e=$(date +%s.%N)
		best_full=$(min "$best_full" "$(echo "$m - $s" | bc)")
		best_empty=$(min "$best_empty" "$(echo "$e - $m" | bc)")
	done
	per=$(echo "scale=3; ($best_full - $best_empty) * 1000 / 1000" | bc)
	v=$(verdict "$per < 1")
	[[ $v == PASS ]] || ok=false
	printf '%s 1,000 trivial scripts, %s host (best of %d): run %.3f s, empty run %.3f s: %s ms per script (target < 1 ms)\n' \
		"$v" "$host" "$RUNS" "$best_full" "$best_empty" "$per"
done
$ok

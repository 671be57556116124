#!/usr/bin/env bash
# bench/run.sh: the body of `make bench`, migrate-runner's end-to-end
# speed and memory comparison.
#
#   1. build migrate-runner and generate a 5000 x 3 x 10 synthetic tree
#      (150,000 scripts) with bench/gentree, or reuse $BENCH_TREE;
#   2. go test -bench for every package (Go micro-benchmarks), on that tree;
#   3. time, best of $BENCH_RUNS (default 5) wall-clock runs after a warm-up:
#        find TREE -name '*.py'
#        migrate-runner plan ... --json
#        python3 bench/odoo_plan.py ...   (the plain-Python reference)
#   4. measure migrate-runner's peak RSS;
#   5. check that migrate-runner and the Python reference plan the same
#      scripts in the same order.
#
# Targets: plan/find <= 3, python/plan >= 10, peak RSS < 200 MB, plans agree.
# Exit status is non-zero when any target fails.
#
# Environment: BENCH_TREE (a directory to generate into, or that already
# holds a generated tree), BENCH_RUNNER (a prebuilt binary instead of
# building ./cmd/migrate-runner), BENCH_RUNS, BENCH_MODULES, BENCH_VERSIONS,
# BENCH_SCRIPTS, BENCH_SERIES, BENCH_SEED, BENCH_SKIP_GOBENCH=1.
set -euo pipefail

cd "$(dirname "$0")/.."

RUNS=${BENCH_RUNS:-5}
MODULES=${BENCH_MODULES:-5000}
VERSIONS=${BENCH_VERSIONS:-3}
SCRIPTS=${BENCH_SCRIPTS:-10}
SERIES=${BENCH_SERIES:-17.0}
SEED=${BENCH_SEED:-1}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/migrate-runner-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail=0
results=() # "target|PASS/FAIL/SKIP|detail"
record() { results+=("$1|$2|$3"); if [[ $2 == FAIL ]]; then fail=1; fi; }

say() { printf '==> %s\n' "$*" >&2; }

# --- 1. build and tree --------------------------------------------------------
if [[ -n ${BENCH_RUNNER:-} ]]; then
	runner=$BENCH_RUNNER
	say "using the migrate-runner binary $runner"
else
	say "go build -o $tmp/migrate-runner ./cmd/migrate-runner"
	go build -o "$tmp/migrate-runner" ./cmd/migrate-runner
	runner=$tmp/migrate-runner
fi

tree=${BENCH_TREE:-$tmp/tree}
if [[ -f $tree/installed.txt && -d $tree/addons ]]; then
	say "reusing the tree in $tree"
else
	say "generating ${MODULES}x${VERSIONS}x${SCRIPTS} tree in $tree"
	go run ./bench/gentree -modules "$MODULES" -versions "$VERSIONS" -scripts "$SCRIPTS" \
		-series "$SERIES" -seed "$SEED" "$tree"
fi
tree=$(cd "$tree" && pwd)

# --- 2. Go benchmarks (on the same tree) ---------------------------------------
if [[ ${BENCH_SKIP_GOBENCH:-0} != 1 ]]; then
	say "go test -run '^\$' -bench . -benchmem ./..."
	if BENCH_TREE=$tree go test -run '^$' -bench . -benchmem ./...; then
		record "go benchmarks run" PASS ""
	else
		record "go benchmarks run" FAIL "go test -bench failed"
	fi
fi


plan_args=(--addons-path "$tree/addons" --upgrade-path "$tree/upgrade" --series "$SERIES"
	--installed-file "$tree/installed.txt")

say "warming the page cache"
find "$tree" -type f -print0 | xargs -0 cat >/dev/null

# --- 3. timings ---------------------------------------------------------------
now_ns() { # wall clock in nanoseconds, without a fork where bash allows
	if [[ -n ${EPOCHREALTIME:-} ]]; then
		local t=${EPOCHREALTIME/[.,]/}
		echo "${t}000"
	else
		date +%s%N
	fi
}

# best_of NAME CMD...: runs CMD (stdout to /dev/null) once to warm up, then
# RUNS times; sets BEST to the fastest wall-clock time in seconds.
best_of() {
	local name=$1
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		local q="" a
		for a in "$@"; do q+=" $(printf '%q' "$a")"; done
		hyperfine --warmup 1 --runs "$RUNS" --style none \
			--export-json "$tmp/hf.json" -- "${q# }" >&2
		BEST=$(python3 -c 'import json,sys; print("%.6f" % min(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$tmp/hf.json")
	else
		"$@" >/dev/null
		local i start end ns best_ns=""
		for ((i = 0; i < RUNS; i++)); do
			start=$(now_ns)
			"$@" >/dev/null
			end=$(now_ns)
			ns=$((end - start))
			if [[ -z $best_ns || $ns -lt $best_ns ]]; then best_ns=$ns; fi
		done
		BEST=$(awk -v ns="$best_ns" 'BEGIN { printf "%.6f", ns / 1e9 }')
	fi
	say "$name: best of $RUNS: ${BEST}s"
}

say "timing (best of $RUNS)"
best_of find find "$tree" -name '*.py'
t_find=$BEST
best_of migrate-runner "$runner" plan "${plan_args[@]}" --json
t_plan=$BEST
best_of python3 python3 bench/odoo_plan.py "${plan_args[@]}"
t_py=$BEST

# --- 4. peak RSS --------------------------------------------------------------
rss_kb=""
if [[ -x /usr/bin/time ]]; then
	/usr/bin/time -f %M -o "$tmp/rss" "$runner" plan "${plan_args[@]}" --json >/dev/null
	rss_kb=$(tail -n 1 "$tmp/rss")
elif command time -v true >/dev/null 2>&1; then
	command time -v "$runner" plan "${plan_args[@]}" --json >/dev/null 2>"$tmp/rss"
	rss_kb=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$tmp/rss")
fi

# --- 5. differential check ----------------------------------------------------
say "comparing plans"
python3 bench/odoo_plan.py "${plan_args[@]}" >"$tmp/python.tsv"
"$runner" plan "${plan_args[@]}" --json >"$tmp/plan.json"
# Every JSON object whose "phase" is pre/post/end is a step, in document
# order, wherever the CLI nests the list.
python3 -c '
import json, os, sys
def walk(x):
    if isinstance(x, dict):
        if x.get("phase") in ("pre", "post", "end"):
            yield x
        else:
            for v in x.values():
                yield from walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v)
for s in walk(json.load(open(sys.argv[1]))):
    print("\t".join(str(v) for v in (s.get("module"), s.get("phase"), s.get("version"),
                                     os.path.basename(str(s.get("script"))), s.get("path"))))
' "$tmp/plan.json" >"$tmp/plan.tsv"
n_py=$(wc -l <"$tmp/python.tsv")
n_plan=$(wc -l <"$tmp/plan.tsv")
if [[ $n_py -eq 0 ]]; then
	record "plans agree" FAIL "the Python reference planned no scripts"
elif cmp -s "$tmp/python.tsv" "$tmp/plan.tsv"; then
	record "plans agree" PASS "$n_py steps"
else
	record "plans agree" FAIL "python $n_py steps, migrate-runner $n_plan"
	echo "first differences (< python reference, > migrate-runner):"
	diff "$tmp/python.tsv" "$tmp/plan.tsv" | head -n 20 || true
fi

# --- report -------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }
check() { # NAME VALUE OP LIMIT
	if awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN { exit !((op == "<=" && v <= l) || (op == ">=" && v >= l) || (op == "<" && v < l)) }'; then
		record "$1 $3 $4" PASS "$2"
	else
		record "$1 $3 $4" FAIL "$2"
	fi
}

r_plan=$(ratio "$t_plan" "$t_find")
r_py_find=$(ratio "$t_py" "$t_find")
r_py_plan=$(ratio "$t_py" "$t_plan")
check "plan/find" "$r_plan" "<=" 3
check "python/plan" "$r_py_plan" ">=" 10
if [[ -n $rss_kb ]]; then
	rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
	check "peak RSS MB" "$rss_mb" "<" 200
else
	rss_mb=n/a
	record "peak RSS MB < 200" SKIP "n/a (no /usr/bin/time or time -v)"
fi

echo
echo "tree: $tree ($(wc -l <"$tree/installed.txt") modules)"
printf '%-16s %12s %10s\n' command "best (s)" "vs find"
printf '%-16s %12s %10s\n' find "$t_find" 1.00
printf '%-16s %12s %10s\n' migrate-runner "$t_plan" "$r_plan"
printf '%-16s %12s %10s\n' "python3 ref" "$t_py" "$r_py_find"
echo "python/plan: $r_py_plan   migrate-runner peak RSS: $rss_mb MB"
echo
for r in "${results[@]}"; do
	IFS='|' read -r name status detail <<<"$r"
	printf '%-4s  %-22s %s\n' "$status" "$name" "$detail"
done
exit "$fail"

#!/usr/bin/env bash
# bench/explode.sh: upgrade-util's explode_execute against one plain UPDATE
# (the speed section of issue 5), from the Go benchmarks of package
# odoolib/upgradeutil/parallel:
#
#   1. UPDATE of every row of a 2,000,000-row table: one plain UPDATE (timed
#      to its COMMIT), then explode_execute (200 buckets of 10,000 ids) with
#      --jobs 1 and --jobs 2. The table is built once, in a fresh database,
#      and brought to a steady state (updated once, VACUUMed); each mode then
#      runs $EXPLODE_COUNT times (default 3), with a VACUUM outside the timer
#      after every run. The best run of each mode counts.
#   2. The per-bucket overhead: explode_execute over 1,000 one-row buckets
#      on one connection, with the server's synchronous_commit and with it
#      off on the bucket connections (how much of it is the WAL flush).
#
# Environment: EXPLODE_COUNT, MIGRATE_RUNNER_TEST_DSN (the server; default
# the local test server).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${EXPLODE_COUNT:-3}
DSN=${MIGRATE_RUNNER_TEST_DSN:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
say() { printf '==> %s\n' "$*" >&2; }

out=$(mktemp "${TMPDIR:-/tmp}/migrate-runner-explode.XXXXXX")
trap 'rm -f "$out"' EXIT
say "go test -bench 'BenchmarkExplodeExecute|BenchmarkBucketOverhead' -benchtime 1x -count $COUNT (a few minutes)"
go test -run '^$' -bench 'BenchmarkExplodeExecute|BenchmarkBucketOverhead' -benchtime 1x -count "$COUNT" \
	-timeout 2h ./odoolib/upgradeutil/parallel/ | tee "$out" >&2

sync_commit=$(psql -At "$DSN" -c 'SHOW synchronous_commit' 2>/dev/null || echo '?')
printf '\nexplode_execute vs one UPDATE, 2,000,000 rows (best of %s; %s CPUs, load average %s; synchronous_commit %s)\n\n' \
	"$COUNT" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$sync_commit"

# The best ns/op of each benchmark, by name without the -GOMAXPROCS suffix.
awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	if (!(name in best) || $3 < best[name]) best[name] = $3
}
END {
	plain = best["BenchmarkExplodeExecute/plain"]
	j1 = best["BenchmarkExplodeExecute/explode/jobs=1"]
	j2 = best["BenchmarkExplodeExecute/explode/jobs=2"]
	on = best["BenchmarkBucketOverhead/synchronous_commit=on"]
	off = best["BenchmarkBucketOverhead/synchronous_commit=off"]
	if (plain == "" || j1 == "" || j2 == "" || on == "" || off == "") { print "explode.sh: missing results" > "/dev/stderr"; exit 1 }
	printf "| %-34s | %8s | %12s | %16s |\n", "mode", "seconds", "rows/s", "vs plain UPDATE"
	printf "|%s|%s|%s|%s|\n", "------------------------------------", "----------", "--------------", "------------------"
	printf "| %-34s | %8.2f | %12.0f | %16s |\n", "plain UPDATE (one transaction)", plain / 1e9, 2e6 / (plain / 1e9), "1.00x"
	printf "| %-34s | %8.2f | %12.0f | %15.2fx |\n", "explode_execute --jobs 1", j1 / 1e9, 2e6 / (j1 / 1e9), plain / j1
	printf "| %-34s | %8.2f | %12.0f | %15.2fx |\n", "explode_execute --jobs 2", j2 / 1e9, 2e6 / (j2 / 1e9), plain / j2
	printf "\n--jobs 2 vs --jobs 1: %.2fx\n", j1 / j2
	printf "per bucket (1,000 one-row buckets, 1 connection): %.0f us with synchronous_commit on, %.0f us with it off (the rest of the difference is the WAL flush of each bucket commit)\n", on / 1000 / 1000, off / 1000 / 1000
	printf "200 buckets of the 2,000,000-row run at that cost: %.2f s of its %.2f s (--jobs 1)\n", 200 * on / 1000 / 1e9, j1 / 1e9
}' "$out"

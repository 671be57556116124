#!/usr/bin/env bash
# bench/transfer.sh: the transfer speed of `migrate-runner upgrade` (the
# speed section of issue 6), against curl, over loopback.
#
# A file of $TRANSFER_MB MiB (default 1024) of random bytes goes to the
# test platform (upgradeapi/internal/fakeupgrade, a separate process on a
# free port of 127.0.0.1, which streams uploads to disk and serves them
# back as the request's original archive). Each of $TRANSFER_RUNS runs
# (default 3) does, in turn:
#
#   1. `migrate-runner upgrade upload` of the file, then
#      `curl --data-binary @file` to the same URL. That curl loads the whole
#      file into memory and refuses a file of 1 GiB or more; when it fails,
#      `curl -T file` (streaming) is measured instead and the ratio uses it.
#      The server's copy is compared with the file after each upload.
#   2. `migrate-runner upgrade download --what original-archive`, then
#      `curl -o` of the same URL; the sha256 of both files must be the
#      source's. migrate-runner syncs its file before renaming it into
#      place, so curl is also shown with a sync of its file afterwards.
#
# The best wall time of each counts; peak RSS (/usr/bin/time %M) is the
# highest of the runs. Targets: upload >= 0.7x curl's throughput, peak RSS
# < 64 MB for upload and download. MB = 10^6 bytes.
#
# Environment: TRANSFER_MB, TRANSFER_RUNS, BENCH_RUNNER (a prebuilt
# binary), GO (default go).
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${TRANSFER_MB:-1024}
RUNS=${TRANSFER_RUNS:-3}
GO=${GO:-go}
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'transfer.sh: %s\n' "$*" >&2; exit 1; }
[[ $MB =~ ^[1-9][0-9]*$ ]] || die "TRANSFER_MB=$MB: want a whole number of MiB >= 1"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "TRANSFER_RUNS=$RUNS: want a whole number >= 1"
command -v curl >/dev/null || die "curl is not installed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/migrate-runner-transfer.XXXXXX")
srv_pid=""
cleanup() {
	if [[ -n $srv_pid ]]; then
		# SIGINT: fakeupgrade closes and removes its upload directory.
		kill -INT "$srv_pid" 2>/dev/null || true
		wait "$srv_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n ${BENCH_RUNNER:-} ]]; then runner=$BENCH_RUNNER; else
	say "building migrate-runner"
	"$GO" build -o "$tmp/migrate-runner" ./cmd/migrate-runner
	runner=$tmp/migrate-runner
fi
say "building fakeupgrade"
"$GO" build -o "$tmp/fakeupgrade" ./upgradeapi/internal/fakeupgrade

have_time=true
if [[ ! -x /usr/bin/time ]]; then
	have_time=false
	echo "no /usr/bin/time on this machine: peak RSS is not measured (the RSS targets are skipped)"
fi

size=$((MB * 1048576))
src=$tmp/source.bin
say "writing $MB MiB of random bytes"
head -c "$size" /dev/urandom >"$src"
sync "$src" # its write-back must not run during the first measurement
src_sha=$(sha256sum "$src" | cut -d' ' -f1)

# The server's uploads go under $tmp/srv (its TMPDIR); port 0 picks a free
# port, which it prints.
mkdir "$tmp/srv"
TMPDIR=$tmp/srv "$tmp/fakeupgrade" -addr 127.0.0.1:0 >"$tmp/srv.out" 2>&1 &
srv_pid=$!
url=""
for _ in $(seq 100); do
	url=$(sed -n 's/^fake upgrade platform on //p' "$tmp/srv.out")
	[[ -n $url ]] && break
	kill -0 "$srv_pid" 2>/dev/null || { cat "$tmp/srv.out" >&2; die "fakeupgrade exited"; }
	sleep 0.1
done
[[ -n $url ]] || die "fakeupgrade did not start in 10 s"
say "fakeupgrade (pid $srv_pid) on $url"

state=$tmp/req.json
"$runner" upgrade create --url "$url" --contract M000000-bench --email bench@example.com --target 17.0 --aim test \
	--filename source.bin --state "$state" -q >"$tmp/create.json" || { cat "$tmp/create.json" >&2; die "create failed"; }
read -r req key_q < <(python3 -c 'import json, sys, urllib.parse
s = json.load(open(sys.argv[1]))
print(s["request"], urllib.parse.quote(s["key"], safe=""))' "$state")
upload_url="$url/database/v1/upload?key=$key_q&request=$req"

# timed CMD...: runs CMD, setting ns (wall time), kb (peak RSS, KiB) and rc.
timed() {
	local t0 t1
	t0=$(date +%s%N)
	if $have_time; then
		/usr/bin/time -f %M -o "$tmp/rss" "$@" && rc=0 || rc=$?
	else
		"$@" && rc=0 || rc=$?
	fi
	t1=$(date +%s%N)
	ns=$((t1 - t0))
	kb=0
	if $have_time; then kb=$(tail -n 1 "$tmp/rss"); fi
}
declare -A best_ns peak_kb
record() {
	if [[ -z ${best_ns[$1]:-} ]] || ((ns < best_ns[$1])); then best_ns[$1]=$ns; fi
	if [[ -z ${peak_kb[$1]:-} ]] || ((kb > peak_kb[$1])); then peak_kb[$1]=$kb; fi
}
secs() { awk -v n="$1" 'BEGIN { printf "%.2f", n / 1e9 }'; }
mbps() { awk -v n="$1" -v b="$size" 'BEGIN { printf "%.0f", b / (n / 1e9) / 1e6 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
fail_cmd() {
	echo "--- $1 (exit $rc):" >&2
	cat "$tmp/out" "$tmp/err" >&2 2>/dev/null || true
	exit 1
}
# check_upload NAME: the server's copy must be the source, byte for byte.
check_upload() {
	local copy
	copy=$(ls "$tmp"/srv/upgradetest*/"$req".dump 2>/dev/null) || die "$1: the server kept no upload"
	cmp -s "$src" "$copy" || die "$1: the server's copy differs from the source"
	sync "$copy"
}
# check_download NAME FILE
check_download() {
	local got
	got=$(sha256sum "$2" | cut -d' ' -f1)
	[[ $got == "$src_sha" ]] || die "$1: sha256 $got, want $src_sha"
}

data_binary=true data_binary_err="" data_binary_kb=0 data_binary_rc=0
for i in $(seq "$RUNS"); do
	# --- upload ----------------------------------------------------------------
	timed "$runner" upgrade upload --state "$state" --dbdump "$src" -q >"$tmp/out" 2>"$tmp/err"
	((rc == 0)) || fail_cmd "migrate-runner upgrade upload"
	check_upload "migrate-runner upgrade upload"
	record up_runner
	if [[ -z ${dl_url:-} ]]; then
		# The URL the runner downloads from; it masks the key in what it prints.
		"$runner" upgrade status --state "$state" -q >"$tmp/status.json"
		dl_url=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["upgrade_response"]["request"]["original_dump_url"])' "$tmp/status.json")
	fi
	line="run $i/$RUNS: upload: migrate-runner $(secs $ns) s"
	if $data_binary; then
		timed curl -sS -f -o "$tmp/out" -H 'Content-Type: application/octet-stream' --data-binary "@$src" "$upload_url" 2>"$tmp/err"
		if ((rc == 0)); then
			grep -q '"failures":\[\]' "$tmp/out" || fail_cmd "curl --data-binary"
			check_upload "curl --data-binary"
			record up_curl_data
			line+=", curl --data-binary $(secs $ns) s"
		else
			data_binary=false data_binary_err=$(head -n 1 "$tmp/err") data_binary_kb=$kb data_binary_rc=$rc
			say "curl --data-binary failed (exit $rc, peak RSS $(mb "$kb") MB): $data_binary_err; measuring curl -T instead"
		fi
	fi
	if ! $data_binary; then
		timed curl -sS -f -o "$tmp/out" -H 'Content-Type: application/octet-stream' -X POST -T "$src" "$upload_url" 2>"$tmp/err"
		((rc == 0)) || fail_cmd "curl -T"
		grep -q '"failures":\[\]' "$tmp/out" || fail_cmd "curl -T"
		check_upload "curl -T"
		record up_curl_T
		line+=", curl -T $(secs $ns) s"
	fi

	# --- download --------------------------------------------------------------
	out=$tmp/dl-runner.bin
	rm -f "$out" "$out".part "$out".part.json
	timed "$runner" upgrade download --state "$state" --what original-archive -o "$out" -q >"$tmp/out" 2>"$tmp/err"
	((rc == 0)) || fail_cmd "migrate-runner upgrade download"
	check_download "migrate-runner upgrade download" "$out"
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["download"]
sys.exit(0 if d["sha256"] == sys.argv[2] and d["size"] == int(sys.argv[3]) and d["attempts"] == 1 else
         "migrate-runner upgrade download reported %r" % d)' "$tmp/out" "$src_sha" "$size"
	record dl_runner
	line+="; download: migrate-runner $(secs $ns) s"
	rm -f "$out"

	out=$tmp/dl-curl.bin
	rm -f "$out"
	timed curl -sS -f -o "$out" "$dl_url" 2>"$tmp/err"
	((rc == 0)) || fail_cmd "curl -o"
	s0=$(date +%s%N)
	sync "$out"
	s1=$(date +%s%N)
	check_download "curl -o" "$out"
	record dl_curl
	line+=", curl -o $(secs $ns) s (+sync $(secs $((s1 - s0))) s)"
	ns=$((ns + s1 - s0))
	record dl_curl_sync
	rm -f "$out"
	say "$line"
done

# --- results -----------------------------------------------------------------------
rss() { if $have_time; then printf '%6s MB' "$(mb "${peak_kb[$1]}")"; else printf '%9s' '-'; fi; }
row() { printf '%-9s %-42s %7s s %6s MB/s   %s\n' "$1" "$2" "$(secs "${best_ns[$3]}")" "$(mbps "${best_ns[$3]}")" "$(rss "$3")"; }
printf '\n%d MiB (%d bytes) over loopback to fakeupgrade, best of %d runs; peak RSS is the highest run (%s CPUs, load average %s; MB = 10^6 bytes; curl %s)\n\n' \
	"$MB" "$size" "$RUNS" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(curl --version | head -n 1 | cut -d' ' -f2)"
printf '%-9s %-42s %9s %11s   %9s\n' direction command "wall" throughput "peak RSS"
row upload "migrate-runner upgrade upload" up_runner
if [[ -n ${best_ns[up_curl_data]:-} ]]; then row upload "curl --data-binary @file" up_curl_data; fi
if [[ -n ${best_ns[up_curl_T]:-} ]]; then row upload "curl -T file (streaming)" up_curl_T; fi
row download "migrate-runner upgrade download (+sync)" dl_runner
row download "curl -o" dl_curl
row download "curl -o, then sync of the file" dl_curl_sync
printf '\nsha256 of the source, of every server copy and of every download: %s\n' "$src_sha"

if $data_binary; then
	ref=up_curl_data ref_name="curl --data-binary"
else
	ref=up_curl_T ref_name="curl -T"
	avail=$(awk '/^MemAvailable:/ { printf "%.0f", $2 * 1024 / 1e6 }' /proc/meminfo)
	printf '\ncurl --data-binary @file failed: "%s" (exit code %d, after reaching %s MB of RSS, with %s MB of memory available).\n' \
		"$data_binary_err" "$data_binary_rc" "$(mb "$data_binary_kb")" "$avail"
	if [[ $data_binary_err == *"out of memory"* ]]; then
		printf 'It reads the whole file into memory, and curl caps that buffer at 1 GiB including a terminating NUL, so a\n'
		printf 'file of 1 GiB or more is refused whatever the free memory.\n'
	fi
	printf 'The upload ratio therefore uses curl -T, curl'"'"'s streaming upload.\n'
fi
echo
ok=true
verdict() { if (($(echo "$1" | bc))); then echo PASS; else echo FAIL; fi; }
ratio=$(awk -v a="${best_ns[$ref]}" -v b="${best_ns[up_runner]}" 'BEGIN { printf "%.2f", a / b }')
v=$(verdict "$ratio >= 0.7")
[[ $v == PASS ]] || ok=false
printf '%s upload throughput: migrate-runner %s MB/s, %s %s MB/s: %sx (target >= 0.7x)\n' \
	"$v" "$(mbps "${best_ns[up_runner]}")" "$ref_name" "$(mbps "${best_ns[$ref]}")" "$ratio"
if $have_time; then
	for d in upload download; do
		if [[ $d == upload ]]; then k=${peak_kb[up_runner]}; else k=${peak_kb[dl_runner]}; fi
		v=$(verdict "$k * 1024 < 64000000")
		[[ $v == PASS ]] || ok=false
		printf '%s %s peak RSS: migrate-runner %s MB (target < 64 MB)\n' "$v" "$d" "$(mb "$k")"
	done
else
	echo "SKIP upload and download peak RSS: no /usr/bin/time"
fi
$ok

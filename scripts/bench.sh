#!/usr/bin/env bash
# bench.sh — run the pipeline's Go benchmarks and print a table of medians.
#
# usage: scripts/bench.sh [COUNT]          (default 5 runs of each benchmark)
#        DOSSIER_BENCH_LARGE=1 scripts/bench.sh   adds the 10,000-source builds
#
# Benchmarks (see internal/site/bench_test.go, internal/serve/bench_test.go):
#   Build/sources=N/memory   the whole pipeline into memory
#   Build/sources=N/disk     the whole pipeline written to a folder, as `dossier build`
#   Stages/sources=N/STAGE   load, model (anchoring included), render, write, each alone
#   EditToReload             `dossier serve`: save a claim file -> reload event (debounce included)
# Temporary files go to $TMPDIR (a tmpfs such as /dev/shm keeps the disk out of the numbers).
set -euo pipefail
count=${1:-5}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
go test ./internal/site -run '^$' -bench 'Build|Stages' -benchtime 1x -count "$count" >>"$out"
go test ./internal/serve -run '^$' -bench EditToReload -benchtime 20x -count "$count" >>"$out"
# Median of each benchmark's ns/op (and of its extra metrics) over the runs.
awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	if (!(name in seen)) { seen[name] = 1; order[++n] = name }
	for (i = 3; i + 1 <= NF; i += 2) { k = name SUBSEP $(i+1); vals[k] = vals[k] " " $i; units[name] = units[name] (index(units[name], $(i+1)) ? "" : " " $(i+1)) }
}
function median(list,   a, m, j, t, x, y) {
	m = split(list, a, " ")
	for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
	return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
	printf "%-40s %12s  %s\n", "benchmark", "median", "other medians"
	for (j = 1; j <= n; j++) {
		name = order[j]; ns = median(vals[name SUBSEP "ns/op"])
		extra = ""
		u = split(units[name], us, " ")
		for (i = 1; i <= u; i++) if (us[i] != "ns/op") extra = extra sprintf("%s %s  ", median(vals[name SUBSEP us[i]]), us[i])
		printf "%-40s %10.1f ms  %s\n", substr(name, 10), ns / 1e6, extra
	}
}' "$out"

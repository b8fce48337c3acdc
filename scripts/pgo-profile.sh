#!/usr/bin/env bash
# pgo-profile.sh — remake cmd/dossier/default.pgo, the processor profile
# that `go build ./cmd/dossier` uses for profile-guided optimisation.
#
# usage: scripts/pgo-profile.sh [RUNS]     (default 10 builds)
#
# The profile is of BenchmarkBuild/sources=1000/disk: a generated dossier
# of 1,000 sources read, modelled, rendered and written, as `dossier build`
# does, RUNS times, on a tmpfs when /dev/shm is there so that the disk's
# waiting stays out of it. Go inlines and lays out the hot paths it names
# (https://go.dev/doc/pgo): about 4 % less processor time per build. Remake
# it when the pipeline's hot code changes much; a stale profile costs
# nothing but the gain.
set -euo pipefail
runs=${1:-10}
case "$runs" in *[!0-9]*|'') echo "usage: $0 [RUNS]" >&2; exit 2 ;; esac
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/pgo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
TMPDIR=$tmp go test ./internal/site -run '^$' -bench 'BenchmarkBuild/sources=1000/disk$' \
	-benchtime "${runs}x" -cpuprofile "$tmp/cpu.pprof" -o "$tmp/site.test" >&2
mv "$tmp/cpu.pprof" cmd/dossier/default.pgo
echo "wrote cmd/dossier/default.pgo" >&2

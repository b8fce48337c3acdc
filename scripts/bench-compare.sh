#!/usr/bin/env bash
# bench-compare.sh — build one generated dossier with Hugo, with the
# Markdown floor (tools/floor: bare goldmark, one page per file, all cores)
# and with dossier, and compare their wall time and peak memory.
#
# usage: scripts/bench-compare.sh [SOURCES [ROUNDS]]    (default 1000 5)
#        BENCH_KEEP=1 scripts/bench-compare.sh …         keeps the temporary folder
#        BENCH_NO_HUGO=1 scripts/bench-compare.sh …      floor and dossier only
#
# The three builds run alternately within each round, so that a slow patch
# of the machine slows all three alike; each is timed by /usr/bin/time
# (wall seconds, peak RSS) into a fresh output folder, and the table shows
# medians. Hugo and time are installed with apt-get when missing; without
# Hugo the script compares the floor and dossier only.
#
# Hugo gets the same Markdown files as plain pages. Only front matter keys
# that mean something else to Hugo are renamed in its copy (url would set
# the page's address, aliases would write redirect pages, date and
# published would make pages dated or hidden as future posts, kind is the
# page kind); the bodies are the same bytes.
set -euo pipefail

sources=${1:-1000}
rounds=${2:-5}
case "$sources$rounds" in *[!0-9]*|'') echo "usage: $0 [SOURCES [ROUNDS]]" >&2; exit 2 ;; esac
[ "$rounds" -ge 1 ] || { echo "$0: ROUNDS must be at least 1" >&2; exit 2; }

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '%s\n' "$*" >&2; }

# apt_install PACKAGE: install a Debian package, updating the lists first
# if the package is not found; fails quietly when apt cannot be used.
apt_install() {
	local sudo=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 || return 1
		sudo="sudo -n"
	fi
	command -v apt-get >/dev/null 2>&1 || return 1
	# --no-install-recommends: hugo recommends golang-go, an old Go that
	# would land in PATH beside the one this repository needs.
	$sudo apt-get install -y -qq --no-install-recommends "$1" >/dev/null 2>&1 && return 0
	$sudo apt-get update -qq >/dev/null 2>&1 || return 1
	$sudo apt-get install -y -qq --no-install-recommends "$1" >/dev/null 2>&1
}

if [ ! -x /usr/bin/time ]; then
	say "installing time (for /usr/bin/time) with apt-get…"
	apt_install time || { say "$0: /usr/bin/time is missing and could not be installed: apt-get install time"; exit 1; }
fi
have_hugo=yes
if [ -n "${BENCH_NO_HUGO:-}" ]; then
	have_hugo=no
elif ! command -v hugo >/dev/null 2>&1; then
	say "installing hugo with apt-get…"
	if ! apt_install hugo || ! command -v hugo >/dev/null 2>&1; then
		say "hugo could not be installed (apt-get install hugo failed): comparing the floor and dossier only"
		have_hugo=no
	fi
fi

# Input and outputs go to memory (tmpfs) when there is room: a virtual
# machine's disk makes metadata-heavy writes of thousands of small files
# slow and erratic (on this project's machines the same floor run takes
# 0.9 s, then 3 s, then 4 s), which would measure the disk, not the three
# builders. BENCH_TMP=/some/dir measures on that file system instead.
base=${BENCH_TMP:-}
if [ -z "$base" ]; then
	base=${TMPDIR:-/tmp}
	if [ -d /dev/shm ] && [ -w /dev/shm ] &&
		[ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt $((sources * 400)) ]; then
		base=/dev/shm
	fi
fi
tmp=$(mktemp -d "$base/bench-compare.XXXXXX")
if [ -n "${BENCH_KEEP:-}" ]; then
	say "keeping $tmp (BENCH_KEEP is set)"
else
	trap 'rm -rf "$tmp"' EXIT
fi

say "building dossier, floor and gendossier…"
mkdir -p "$tmp/bin"
go build -o "$tmp/bin/dossier" ./cmd/dossier
go build -o "$tmp/bin/floor" ./tools/floor
go build -o "$tmp/bin/gendossier" ./tools/gendossier

"$tmp/bin/gendossier" -sources "$sources" -seed 1 -out "$tmp/content" 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
md_files=$(find "$tmp/content" -name '*.md' | wc -l)
md_mib=$(find "$tmp/content" -name '*.md' -printf '%s\n' | awk '{ n += $1 } END { printf "%.1f", n / 1048576 }')

tools="floor dossier"
if [ "$have_hugo" = yes ]; then
	tools="hugo floor dossier"
	site="$tmp/hugo"
	mkdir -p "$site/content" "$site/layouts/_default"
	cat >"$site/config.toml" <<-'EOF'
		baseURL = "https://example.org/"
		languageCode = "en"
		title = "The Valley Floods"
		disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
	EOF
	# The same templates as the floor's, plus the lists Hugo makes for the
	# home page and each folder (dossier makes such lists too). Written for
	# Debian's Hugo 0.111; newer ones still read layouts/_default/.
	cat >"$site/layouts/_default/single.html" <<-'EOF'
		<!doctype html><title>{{ .Title }}</title><body>{{ .Content }}</body>
	EOF
	cat >"$site/layouts/_default/list.html" <<-'EOF'
		<!doctype html><title>{{ .Title }}</title><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body>
	EOF
	cp "$site/layouts/_default/list.html" "$site/layouts/index.html"
	for dir in sources claims entities; do mkdir -p "$site/content/$dir"; done
	# One awk for all files: rename the keys Hugo reserves, in front matter only.
	(cd "$tmp/content" && find sources claims entities -name '*.md' -print0 | xargs -0 -r awk -v out="$site/content" '
		FNR == 1 { if (prev != "") close(prev); prev = out "/" FILENAME; fm = ($0 == "---"); print > prev; next }
		fm && $0 == "---" { fm = 0; print > prev; next }
		fm { sub(/^url:/, "source_url:"); sub(/^aliases:/, "names:"); sub(/^date:/, "claim_date:");
		     sub(/^published:/, "published_on:"); sub(/^kind:/, "entity_kind:") }
		{ print > prev }')
fi

# run TOOL OUT: build into OUT (gone before), appending "seconds KiB
# cpu-seconds" to $tmp/TOOL.times (cpu: user plus system time, of all cores).
run() {
	local tool=$1 out=$2
	rm -rf "$out"
	local cmd
	case $tool in
	hugo) cmd=(hugo --quiet --source "$tmp/hugo" --cacheDir "$tmp/hugo-cache" -d "$out") ;;
	floor) cmd=("$tmp/bin/floor" -in "$tmp/content" -out "$out") ;;
	dossier) cmd=("$tmp/bin/dossier" build --content "$tmp/content" --out "$out") ;;
	esac
	if ! /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "${cmd[@]}" >"$tmp/log" 2>&1; then
		say "$tool failed:"
		cat "$tmp/log" >&2
		exit 1
	fi
	tail -n 1 "$tmp/time" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' >>"$tmp/$tool.times"
}

say "$sources sources ($md_files Markdown files, $md_mib MiB), $rounds rounds of: $tools"
for r in $(seq 1 "$rounds"); do
	for tool in $tools; do
		run "$tool" "$tmp/out-$tool"
	done
	say "  round $r done"
done

# median COLUMN FILE: the median of a column of numbers.
median() {
	sort -g -k"$1,$1" "$2" | awk -v c="$1" '{ v[NR] = $c } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A secs mib cpu
echo
echo "dossier of $sources sources, seed 1: $md_files Markdown files, $md_mib MiB; $rounds rounds, medians; $(nproc) cores; files in $(df -P "$tmp" | awk 'NR == 2 { print $1 }')"
[ "$have_hugo" = yes ] && echo "$(hugo version | cut -d' ' -f1-2), $(go version | cut -d' ' -f3)"
printf '%-8s %10s %10s %14s %8s\n' tool "wall s" "cpu s" "peak RSS MiB" pages
for tool in $tools; do
	secs[$tool]=$(median 1 "$tmp/$tool.times")
	cpu[$tool]=$(median 3 "$tmp/$tool.times")
	mib[$tool]=$(awk -v k="$(median 2 "$tmp/$tool.times")" 'BEGIN { printf "%.1f", k / 1024 }')
	pages=$(find "$tmp/out-$tool" -name '*.html' | wc -l)
	printf '%-8s %10.2f %10.2f %14s %8d\n' "$tool" "${secs[$tool]}" "${cpu[$tool]}" "${mib[$tool]}" "$pages"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }
echo
printf 'dossier/floor: time %s, cpu %s, memory %s\n' "$(ratio "${secs[dossier]}" "${secs[floor]}")" "$(ratio "${cpu[dossier]}" "${cpu[floor]}")" "$(ratio "${mib[dossier]}" "${mib[floor]}")"
if [ "$have_hugo" = yes ]; then
	printf 'dossier/hugo:  time %s, cpu %s, memory %s\n' "$(ratio "${secs[dossier]}" "${secs[hugo]}")" "$(ratio "${cpu[dossier]}" "${cpu[hugo]}")" "$(ratio "${mib[dossier]}" "${mib[hugo]}")"
fi

#!/usr/bin/env bash
# Times a WordPress import: generates a synthetic export (10,000 posts, 100,000 comments unless
# told otherwise), imports it into a fresh SQLite site and prints the time and the peak memory.
#
#   bench/wxr-import.sh [POSTS] [COMMENTS]
#
# Not part of the test suite. Needs /usr/bin/time (Debian package "time").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
POSTS="${1:-10000}"
COMMENTS="${2:-100000}"
WORK="$(mktemp -d -t gazette-wxr-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export Gazette__DataDirectory="$WORK/data" Logging__LogLevel__Default=Warning
if [[ ! -x /usr/bin/time ]]; then
  echo "Install /usr/bin/time first: apt-get install -y time" >&2
  exit 1
fi

dotnet publish src/Gazette -c Release -o "$WORK/app" >/dev/null
APP=(dotnet "$WORK/app/Gazette.dll")

"${APP[@]}" generate wordpress "$WORK/site.xml" --posts "$POSTS" --comments "$COMMENTS"
# The first start creates the database and applies migrations: not part of the import's time.
"${APP[@]}" import wordpress "$WORK/does-not-exist.xml" >/dev/null 2>&1 || true

# Baseline, in the same run: reading the whole file through once, as the import's first pass does,
# writing nothing. The import's ratio to it is what writing the site costs.
/usr/bin/time -v -o "$WORK/check-time.txt" "${APP[@]}" import wordpress "$WORK/site.xml" --check > /dev/null
/usr/bin/time -v -o "$WORK/time.txt" "${APP[@]}" import wordpress "$WORK/site.xml" > "$WORK/report.txt" 2>"$WORK/progress.txt"
head -n 12 "$WORK/report.txt"
echo

seconds() { # "m:ss.cc" or "h:mm:ss" from /usr/bin/time -> seconds
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}
wall()   { seconds "$(grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}')"; }
peakmb() { echo $(( $(grep 'Maximum resident set size' "$1" | awk '{print $NF}') / 1024 )); }
IMPORT_S="$(wall "$WORK/time.txt")"
CHECK_S="$(wall "$WORK/check-time.txt")"
echo "file:               $(du -h "$WORK/site.xml" | cut -f1) ($POSTS posts, $COMMENTS comments)"
echo "baseline (--check): ${CHECK_S} s wall, peak $(peakmb "$WORK/check-time.txt") MB (reads the file once, writes nothing)"
echo "import:             ${IMPORT_S} s wall, peak $(peakmb "$WORK/time.txt") MB"
awk -v i="$IMPORT_S" -v c="$CHECK_S" 'BEGIN { printf "ratio:              %.1fx the baseline\n", i / c }'
awk -v i="$IMPORT_S" 'BEGIN { printf "target:             under 60 s: %s\n", (i < 60 ? "met" : "MISSED") }'

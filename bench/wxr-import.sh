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

/usr/bin/time -v -o "$WORK/time.txt" "${APP[@]}" import wordpress "$WORK/site.xml" > "$WORK/report.txt" 2>"$WORK/progress.txt"
head -n 12 "$WORK/report.txt"
echo
echo "file:        $(du -h "$WORK/site.xml" | cut -f1) ($POSTS posts, $COMMENTS comments)"
echo "wall time:   $(grep 'Elapsed (wall clock)' "$WORK/time.txt" | awk '{print $NF}')"
echo "peak memory: $(( $(grep 'Maximum resident set size' "$WORK/time.txt" | awk '{print $NF}') / 1024 )) MB"

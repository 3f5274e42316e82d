#!/usr/bin/env bash
# Lighthouse's performance score for the home page, on its default phone profile (a mid-range
# phone: 4x slower CPU, a slow 4G network, simulated), as issue 13 asks (target >= 0.95).
#
#   bench/lighthouse.sh [runs]      # default 3; prints each run's score and metrics, then the median
#
# Publishes a Release build, starts it on a throwaway data folder with the demo site plus 200
# generated stories (`generate wordpress` and `import wordpress`, in sections, so the front page
# has its lead, its grid, its section blocks and its river), each given the demo's library picture,
# and runs Lighthouse (installed with npm into the throwaway folder) against it with the system's Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS="${1:-3}"
PORT=5191
WORK="$(mktemp -d /tmp/gazette-lighthouse.XXXXXX)"
APP_PID=""
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v npm >/dev/null || { echo "npm is needed (apt-get install npm)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }
CHROME="${CHROME_PATH:-$(command -v chromium || echo /usr/bin/chromium)}"

echo "publishing a Release build ..."
dotnet publish src/Gazette -c Release -o "$WORK/app" >/dev/null
echo "installing Lighthouse ..."
npm install --prefix "$WORK/npm" --silent --no-audit --no-fund lighthouse@13 >/dev/null

# start: the app on the throwaway folder, in the background; waits until it answers.
start() {
  (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production Gazette__DataDirectory="$WORK/data" Logging__LogLevel__Default=Warning \
    Gazette__Site__Url="http://127.0.0.1:$PORT" dotnet Gazette.dll --urls "http://127.0.0.1:$PORT") >>"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/robots.txt" && break; sleep 0.5; done
}

echo "making a site of 200 stories ..."
# The first start seeds the demo site, whose picture is in the media library with its sizes.
start
kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
(cd "$WORK/app" && Gazette__DataDirectory="$WORK/data" dotnet Gazette.dll generate wordpress "$WORK/site.xml" --posts 200 --comments 1000 >/dev/null)
(cd "$WORK/app" && Gazette__DataDirectory="$WORK/data" dotnet Gazette.dll import wordpress "$WORK/site.xml" >/dev/null 2>&1)
# Every story with a picture, as on a news site: the demo's, which the media library holds in its sizes.
sqlite3 "$WORK/data/gazette.db" "UPDATE Articles SET FeaturedImageUrl = (SELECT Path FROM MediaItems ORDER BY Id LIMIT 1), FeaturedImageAlt = 'A harbour at dawn' WHERE Kind = 0;"
start
curl -sf -o /dev/null "http://127.0.0.1:$PORT/"
echo "pictures on the home page: $(curl -s "http://127.0.0.1:$PORT/" | grep -c '<picture>')"

scores=()
for run in $(seq 1 "$RUNS"); do
  CHROME_PATH="$CHROME" "$WORK/npm/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT/" --quiet \
    --only-categories=performance --output=json --output-path="$WORK/report-$run.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1
  line="$(node -e '
    const r = require(process.argv[1]);
    const a = r.audits, s = r.categories.performance.score;
    const ms = k => Math.round(a[k].numericValue);
    console.log(`${s} FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms, CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}, bytes ${Math.round(a["total-byte-weight"].numericValue / 1024)} KB`);
  ' "$WORK/report-$run.json")"
  echo "run $run: score $line"
  scores+=("${line%% *}")
done
median="$(printf '%s\n' "${scores[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
echo "home page, Lighthouse performance (phone profile): median $median over $RUNS runs (target >= 0.95)"

#!/usr/bin/env bash
# Lighthouse on the public pages readers land on: the demo article, the home page and an author page.
#
#   scripts/lighthouse.sh            # prints one line per page and category, then a verdict
#
# Publishes the app (Release), serves it on a throwaway data folder at 127.0.0.1, runs the pinned
# Lighthouse (tools/lighthouse, npm) with Debian's Chromium, and prints the scores. Exits non-zero
# when the article page scores below 1.0 for SEO or accessibility, the bar issue 5 sets.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
PORT="${PORT:-5391}"
WORK="$(mktemp -d)"
CHROMIUM=/usr/bin/chromium
SERVER_PID=""

cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ! -x "$CHROMIUM" ]]; then
  echo "[lighthouse] installing chromium" >&2
  apt-get install -y -o DPkg::Lock::Timeout=120 chromium fonts-dejavu-core >/dev/null
fi
if [[ ! -d tools/lighthouse/node_modules/lighthouse ]]; then
  echo "[lighthouse] npm ci (tools/lighthouse)" >&2
  npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error >/dev/null
fi

echo "[lighthouse] publishing the app" >&2
dotnet publish src/Gazette -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
(
  cd "$WORK/app"
  ASPNETCORE_ENVIRONMENT=Production Gazette__DataDirectory="$WORK/data" \
    Logging__LogLevel__Default=Warning exec ./Gazette --urls "http://127.0.0.1:$PORT"
) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/" >/dev/null 2>&1; then break; fi
  sleep 1
done
ARTICLE="$(curl -fsS "http://127.0.0.1:$PORT/" | grep -o 'href="/[0-9]\{4\}/[0-9]\{2\}/[^"]*"' | head -n1 | cut -d'"' -f2)"
[[ -n "$ARTICLE" ]] || { echo "[lighthouse] the app did not serve the demo article" >&2; cat "$WORK/server.log" >&2; exit 1; }

status=0
for page in "$ARTICLE" "/" "/author/mara-lindqvist"; do
  url="http://127.0.0.1:$PORT$page"
  CHROME_PATH="$CHROMIUM" node tools/lighthouse/node_modules/lighthouse/cli/index.js "$url" --quiet \
    --only-categories=seo,accessibility,best-practices,performance \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    --output=json --output-path="$WORK/report.json" >/dev/null 2>"$WORK/lighthouse.log" \
    || { echo "[lighthouse] Lighthouse failed on $page" >&2; cat "$WORK/lighthouse.log" >&2; exit 1; }
  node -e '
    const r = require(process.argv[1]);
    for (const id of ["seo", "accessibility", "best-practices", "performance"]) {
      const c = r.categories[id];
      console.log(`${process.argv[2].padEnd(48)} ${c.title.padEnd(16)} ${c.score.toFixed(2)}`);
      for (const ref of c.auditRefs) {
        const a = r.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`    failing: ${a.id} (${a.title})`);
      }
    }' "$WORK/report.json" "$page"
  if [[ "$page" == "$ARTICLE" ]]; then
    node -e '
      const r = require(process.argv[1]);
      process.exit(r.categories.seo.score === 1 && r.categories.accessibility.score === 1 ? 0 : 1);' "$WORK/report.json" || status=1
  fi
done
if (( status == 0 )); then echo "article page: SEO 1.00 and accessibility 1.00"; else echo "article page: below 1.00 for SEO or accessibility"; fi
exit $status

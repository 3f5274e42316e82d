#!/usr/bin/env bash
# Public pages of a large site, cached and uncached, at two sizes so that the growth shows.
#
#   bench/large-site.sh [seconds-per-run] [POSTS:COMMENTS ...]   # default 10 10000:100000 100000:1000000
#
# For each size: makes the site with the app's own verbs (`generate wordpress`, then `import
# wordpress` into a throwaway data folder), gives its newest article 5,000 more comments, starts
# one Gazette with the page cache and one with it switched off on the same data, and measures
# each public page with wrk (2 threads, 16 connections): the article with the most comments, an
# ordinary article, the home page and a deep page of it, a category and a deep page of it, search
# for a word every article has and for a rare one, the feed, the sitemap index and its last posts
# file. Prints req/s, p50 and p99 for each, cached and uncached, and the peak memory of both; then
# the uncached p50 of one reader alone (wrk with one connection), which is the page's own cost
# without the queueing that 16 connections on two cores add.
# Installs wrk and sqlite3 with apt when missing. Needs about 2 GB of disk for the big size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_PER_RUN="${1:-10}"
shift || true
SIZES=("$@")
(( ${#SIZES[@]} )) || SIZES=(10000:100000 100000:1000000)
CACHED_PORT=5191
UNCACHED_PORT=5192
WORK="$(mktemp -d /tmp/gazette-large.XXXXXX)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v sqlite3 >/dev/null || need+=(sqlite3)
if (( ${#need[@]} )); then
  echo "installing ${need[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=120 "${need[@]}" >/dev/null
fi

echo "publishing a Release build ..."
dotnet publish src/Gazette -c Release -o "$WORK/app" >/dev/null
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 Logging__LogLevel__Default=Warning

# start PORT DATA LOG [setting=value ...]: a Gazette on DATA; prints its process id once it answers.
start() {
  local port="$1" data="$2" log="$3"
  shift 3
  (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production Gazette__DataDirectory="$data" \
    Gazette__Site__Url=https://news.example.org "$@" dotnet Gazette.dll --urls "http://127.0.0.1:$port") >"$log" 2>&1 &
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/robots.txt" && break; sleep 0.5; done
  pgrep -f "Gazette.dll --urls http://127.0.0.1:$port" | head -n1
}

# wrk's figures: requests per second, p50 and p99 in milliseconds, failed answers.
# measure URL [connections]
measure() {
  wrk -t"$(( ${2:-16} < 2 ? 1 : 2 ))" -c"${2:-16}" -d"${SECONDS_PER_RUN}s" --latency "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx/ { failed += $NF }
    /Socket errors/ { failed += 1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, failed }'
}

for size in "${SIZES[@]}"; do
  posts="${size%%:*}" comments="${size#*:}"
  data="$WORK/data-$posts"
  echo
  echo "== $posts articles, $comments comments: generating and importing ..."
  (cd "$WORK/app" && Gazette__DataDirectory="$data" dotnet Gazette.dll generate wordpress "$WORK/site-$posts.xml" --posts "$posts" --comments "$comments" >/dev/null)
  (cd "$WORK/app" && Gazette__DataDirectory="$data" dotnet Gazette.dll import wordpress "$WORK/site-$posts.xml" >"$WORK/import-$posts.txt" 2>&1)
  rm -f "$WORK/site-$posts.xml"

  busy="$(sqlite3 "$data/gazette.db" "SELECT Id FROM Articles WHERE Status = 1 AND Kind = 0 ORDER BY PublishedAt DESC LIMIT 1")"
  sqlite3 "$data/gazette.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO Comments (ArticleId, ParentId, AuthorName, AuthorEmail, Text, TextHtml, Status, Kind, CreatedAt, AvatarSeed)
SELECT $busy, NULL, 'Busy reader ' || i, 'busy' || i || '@example.org',
       'One of five thousand thoughts on the busiest story, number ' || i || '.',
       '<p>One of five thousand thoughts on the busiest story, number ' || i || '.</p>',
       1, 0, strftime('%Y-%m-%d %H:%M:%S', 'now', '-3 hours', '+' || i || ' seconds'), 'busy' || i
FROM n;
SQL
  path_of() { sqlite3 "$data/gazette.db" "SELECT '/' || strftime('%Y/%m/', PublishedAt) || Slug FROM Articles WHERE Id = $1"; }
  busy_url="$(path_of "$busy")"
  plain_url="$(path_of "$(sqlite3 "$data/gazette.db" "SELECT Id FROM Articles WHERE Status = 1 AND Kind = 0 ORDER BY Id LIMIT 1 OFFSET $((posts / 2))")")"
  per_page=10
  home_pages=$(( ($(sqlite3 "$data/gazette.db" "SELECT COUNT(*) FROM Articles WHERE Status = 1 AND Kind = 0") + per_page - 1) / per_page ))
  category="$(sqlite3 "$data/gazette.db" "SELECT Slug FROM Categories WHERE ParentId IS NULL ORDER BY Id LIMIT 1")"
  last_posts_file="$(( ($(sqlite3 "$data/gazette.db" "SELECT MAX(Id) FROM Articles WHERE Status = 1 AND Kind = 0") - 1) / 1000 + 1 ))"

  cached_pid="$(start "$CACHED_PORT" "$data" "$WORK/cached-$posts.log")"
  uncached_pid="$(start "$UNCACHED_PORT" "$data" "$WORK/uncached-$posts.log" Gazette__Cache__Enabled=false)"
  PIDS+=("$cached_pid" "$uncached_pid")
  category_pages="$(curl -s "http://127.0.0.1:$UNCACHED_PORT/category/$category" | grep -o 'Page 1 of [0-9]*' | grep -o '[0-9]*$' || echo 1)"

  pages=(
    "article, 5,000 comments:$busy_url"
    "article, 10 comments:$plain_url"
    "home:/"
    "home, page $((home_pages / 2)):/?page=$((home_pages / 2))"
    "category:/category/$category"
    "category, page $((category_pages / 2)):/category/$category?page=$((category_pages / 2))"
    "search, common word:/search?q=harbour"
    "search, rare word:/search?q=$((posts / 3))"
    "feed:/feed"
    "sitemap index:/sitemap.xml"
    "last sitemap file:/sitemap-posts-$last_posts_file.xml"
  )
  echo "warming up ..."
  for page in "${pages[@]}"; do
    for port in "$CACHED_PORT" "$UNCACHED_PORT"; do
      code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port${page#*:}")"
      [[ "$code" == 200 ]] || { echo "${page#*:} answered $code" >&2; exit 1; }
      wrk -t2 -c16 -d2s "http://127.0.0.1:$port${page#*:}" >/dev/null
    done
  done

  printf '%-34s %10s %9s %9s %11s %9s %9s %11s %7s\n' "page ($posts articles)" "cached/s" "p50 ms" "p99 ms" "uncached/s" "p50 ms" "p99 ms" "1 reader ms" "failed"
  for page in "${pages[@]}"; do
    read -r rps p50 p99 failed < <(measure "http://127.0.0.1:$CACHED_PORT${page#*:}")
    read -r off_rps off_p50 off_p99 off_failed < <(measure "http://127.0.0.1:$UNCACHED_PORT${page#*:}")
    read -r _ one_p50 _ one_failed < <(measure "http://127.0.0.1:$UNCACHED_PORT${page#*:}" 1)
    printf '%-34s %10s %9s %9s %11s %9s %9s %11s %7s\n' "${page%%:*}" "$rps" "$p50" "$p99" "$off_rps" "$off_p50" "$off_p99" "$one_p50" "$((failed + off_failed + one_failed))"
  done
  echo "peak memory: cached $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$cached_pid/status"), uncached $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$uncached_pid/status")"
  kill "$cached_pid" "$uncached_pid" 2>/dev/null || true
  sleep 1
  rm -rf "$data"
done

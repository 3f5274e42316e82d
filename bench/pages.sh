#!/usr/bin/env bash
# Public pages under load, against nginx serving the very same article HTML as a static file.
#
#   bench/pages.sh [seconds-per-run]      # default 10
#
# Publishes a Release build, starts it on a throwaway data folder, gives the demo article 50
# approved comments (21 of them replies), saves the article's HTML, serves that file with nginx on
# loopback, and starts a second Gazette on the same data with its page cache switched off
# (Gazette__Cache__Enabled=false). Then, page by page (the article, the home page, a category
# page, /feed), it alternates wrk runs: Gazette cached, nginx's copy of the article, Gazette
# uncached; and prints req/s, p50 and p99, the ratio to nginx's req/s measured in the same round,
# and each Gazette's peak resident memory. A floor is measured beside them: Kestrel alone
# (bench/floor) answering the article's saved bytes from memory, the least any ASP.NET Core
# server can do, so that what Kestrel costs on this machine is told apart from what Gazette adds. Installs nginx, wrk and sqlite3 with apt when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_PER_RUN="${1:-10}"
APP_PORT=5181
NGINX_PORT=5182
UNCACHED_PORT=5183
FLOOR_PORT=5184
WORK="$(mktemp -d /tmp/gazette-bench.XXXXXX)"
APP_PID=""
UNCACHED_PID=""
NGINX_PID=""
FLOOR_PID=""

cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null || true
  [[ -n "$UNCACHED_PID" ]] && kill "$UNCACHED_PID" 2>/dev/null || true
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null || true
  [[ -n "$FLOOR_PID" ]] && kill "$FLOOR_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || need+=(nginx-light)
command -v sqlite3 >/dev/null || need+=(sqlite3)
if (( ${#need[@]} )); then
  echo "installing ${need[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=120 "${need[@]}" >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

echo "publishing a Release build ..."
dotnet publish src/Gazette -c Release -o "$WORK/app" >/dev/null
dotnet publish bench/floor -c Release -o "$WORK/floor" >/dev/null

# start PORT LOG [setting=value ...]: a Gazette on the throwaway data folder; prints its process id.
# Both have the same public address, so that their links (canonical, og:url) are the same bytes.
start() {
  local port="$1" log="$2"
  shift 2
  # The whole subshell writes to the log: the caller's $(…) must not wait for the app's output.
  (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production Gazette__DataDirectory="$WORK/data" \
    Logging__LogLevel__Default=Warning Gazette__Site__Url=https://news.example.org "$@" dotnet Gazette.dll --urls "http://127.0.0.1:$port") >"$log" 2>&1 &
  for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/robots.txt" && break; sleep 0.5; done
  pgrep -f "Gazette.dll --urls http://127.0.0.1:$port" | head -n1
}
APP_PID="$(start "$APP_PORT" "$WORK/app.log")"

# 48 more approved comments on the demo article (it has 2, one a reply): 50 in all, 21 replies,
# with their HTML stored as the app stores it when a comment is saved.
sqlite3 "$WORK/data/gazette.db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 28)
INSERT INTO Comments (ArticleId, ParentId, AuthorName, AuthorEmail, Text, TextHtml, Status, Kind, CreatedAt, AvatarSeed)
SELECT 1, NULL, 'Reader ' || i, 'reader' || i || '@example.org',
       'A thought on the night ferry, number ' || i || ', with a sentence or two more to make it the length readers write.',
       '<p>A thought on the night ferry, number ' || i || ', with a sentence or two more to make it the length readers write.</p>',
       1, 0, strftime('%Y-%m-%d %H:%M:%S', 'now', '-2 hours', '+' || i || ' minutes'), 'seed' || i
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO Comments (ArticleId, ParentId, AuthorName, AuthorEmail, Text, TextHtml, Status, Kind, CreatedAt, AvatarSeed)
SELECT 1, (SELECT Id FROM Comments WHERE AuthorName = 'Reader ' || i), 'Replier ' || i, 'replier' || i || '@example.org',
       'A reply to reader ' || i || ', agreeing with most of it.', '<p>A reply to reader ' || i || ', agreeing with most of it.</p>',
       1, 0, strftime('%Y-%m-%d %H:%M:%S', 'now', '-1 hours', '+' || i || ' minutes'), 'reply' || i
FROM n;
SQL

# The comments went in behind the app's back: only the second instance, started now, is sure to
# see them; the first has cached nothing yet but robots.txt.
UNCACHED_PID="$(start "$UNCACHED_PORT" "$WORK/uncached.log" Gazette__Cache__Enabled=false)"

ARTICLE="$(curl -s "http://127.0.0.1:$APP_PORT/" | grep -o 'href="/20[0-9][0-9]/[0-9][0-9]/night-ferry[^"#]*"' | head -n1 | cut -d'"' -f2)"
CATEGORY="/category/harbour"
mkdir -p "$WORK/www"
curl -s "http://127.0.0.1:$APP_PORT$ARTICLE" >"$WORK/www/article.html"
COMMENTS="$(grep -c 'class="comment"' "$WORK/www/article.html" || true)"
# nginx's workers run as an unprivileged user: let them read the copy.
chmod 755 "$WORK" "$WORK/www"
chmod 644 "$WORK/www/article.html"

cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { try_files /article.html =404; }
  }
}
EOF
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
dotnet "$WORK/floor/Floor.dll" --page "$WORK/www/article.html" --urls "http://127.0.0.1:$FLOOR_PORT" >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$FLOOR_PORT/" && break; sleep 0.5; done

# wrk's figures: requests per second, p50 and p99 in milliseconds, KB per answer, failed answers.
measure() {
  wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    function kb(v) { if (v ~ /GB$/) return v * 1048576; if (v ~ /MB$/) return v * 1024; if (v ~ /KB$/) return v + 0; return v / 1024 }
    /Requests\/sec/ { rps = $2 }
    /Transfer\/sec/ { transfer = kb($2) }
    /Non-2xx/ { failed += $NF }
    /Socket errors/ { failed += 1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f %.1f %d\n", rps, p50, p99, (rps > 0 ? transfer / rps : 0), failed }'
}

echo "warming up ..."
for url in "$ARTICLE" / "$CATEGORY" /feed; do
  wrk -t2 -c16 -d5s "http://127.0.0.1:$APP_PORT$url" >/dev/null
  wrk -t2 -c16 -d5s "http://127.0.0.1:$UNCACHED_PORT$url" >/dev/null
done
wrk -t2 -c16 -d3s "http://127.0.0.1:$NGINX_PORT/" >/dev/null
wrk -t2 -c16 -d5s "http://127.0.0.1:$FLOOR_PORT/" >/dev/null
# The same bytes everywhere, but for the form's token: each Gazette hands out its own.
tokenless() { sed 's/name="Form.Token" value="[^"]*"//'; }
for source in "$NGINX_PORT/" "$APP_PORT$ARTICLE" "$UNCACHED_PORT$ARTICLE"; do
  if ! cmp -s <(curl -s "http://127.0.0.1:$source" | tokenless) <(tokenless <"$WORK/www/article.html"); then
    echo "http://127.0.0.1:$source does not answer the saved article's bytes" >&2
    exit 1
  fi
done

row() { # label rps p50 p99 size failed nginx-rps
  printf '%-38s %10s %9s %9s %8s %7s %9s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$(awk -v a="$2" -v b="$7" 'BEGIN { printf "%.3f", a / b }')"
}
printf '\n%-38s %10s %9s %9s %8s %7s %9s\n' "page ($COMMENTS comments on the article)" "req/s" "p50 ms" "p99 ms" "KB each" "failed" "vs nginx"
for page in "article:$ARTICLE" "home:/" "category:$CATEGORY" "feed:/feed"; do
  name="${page%%:*}" path="${page#*:}"
  read -r rps p50 p99 size failed < <(measure "http://127.0.0.1:$APP_PORT$path")
  read -r nginx_rps nginx_p50 nginx_p99 nginx_kb nginx_failed < <(measure "http://127.0.0.1:$NGINX_PORT/")
  read -r off_rps off_p50 off_p99 off_size off_failed < <(measure "http://127.0.0.1:$UNCACHED_PORT$path")
  row "Gazette $name, cached" "$rps" "$p50" "$p99" "$size" "$failed" "$nginx_rps"
  row "nginx, the article's saved HTML" "$nginx_rps" "$nginx_p50" "$nginx_p99" "$nginx_kb" "$nginx_failed" "$nginx_rps"
  row "Gazette $name, cache switched off" "$off_rps" "$off_p50" "$off_p99" "$off_size" "$off_failed" "$nginx_rps"
  if [[ "$name" == article ]]; then
    read -r floor_rps floor_p50 floor_p99 floor_kb floor_failed < <(measure "http://127.0.0.1:$FLOOR_PORT/")
    row "Kestrel alone, the same bytes" "$floor_rps" "$floor_p50" "$floor_p99" "$floor_kb" "$floor_failed" "$nginx_rps"
    summary="$(awk -v r="$rps" -v n="$nginx_rps" -v p="$p99" -v np="$nginx_p99" -v fp="$floor_p99" -v o="$off_rps" -v op="$off_p99" 'BEGIN {
      printf "article: cached %.2fx nginx req/s (target >= 0.5), p99 %.2fx nginx (target <= 2; Kestrel alone %.2fx); uncached %d req/s (target >= 2000), p99 %.1f ms (target < 50)", r / n, p / np, fp / np, o, op }')"
  fi
done
echo
echo "$summary"
echo "Gazette peak resident memory: cached $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$APP_PID/status"), cache off $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$UNCACHED_PID/status") (target < 300 MB)"

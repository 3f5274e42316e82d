#!/usr/bin/env bash
# Gazette's one test command.
#
#   ./test.sh                      # everything
#   ./test.sh --filter "FullyQualifiedName~Feeds"   # extra args go to `dotnet test`
#
# On a machine that only has the .NET SDK it installs what the tests need (chromium, a font,
# PostgreSQL 15, Redis, nginx) with apt, starts a throwaway PostgreSQL cluster on 127.0.0.1, runs
# `dotnet test` with a TRX logger, and sums the TRX files. The LAST line of output is always
#   N passed, N failed[, N skipped]
# and the exit code is non-zero when anything failed, nothing ran, or the build broke.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$(pwd)"
RESULTS="$ROOT/TestResults"
SOLUTION="Gazette.slnx"
PGBIN=/usr/lib/postgresql/15/bin
CHROMIUM=/usr/bin/chromium
NGINX=/usr/sbin/nginx

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The suite starts hundreds of app instances (and app processes); file watchers that poll take none of
# the machine's inotify instances (128 per user by default), which the instances running at once exhaust.
export DOTNET_USE_POLLING_FILE_WATCHER=true
if [[ -n "${CI:-}" ]]; then
  # No long-lived MSBuild/compiler servers left behind holding CI's output pipe open.
  export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
fi

say() { printf '[test.sh] %s\n' "$*"; }

# Print the summary line (must stay the last line of output) and exit.
finish() { # passed failed skipped exit-code
  cleanup
  local line="$1 passed, $2 failed"
  if (( $3 > 0 )); then line+=", $3 skipped"; fi
  printf '%s\n' "$line"
  exit "$4"
}

# Something went wrong before any test could run.
die() {
  say "ERROR: $*" >&2
  finish 0 1 0 1
}

# ---------------------------------------------------------------------------------------------
# Cleanup (idempotent; runs from finish() and again from the EXIT trap, silently).
PGDATA=""
PG_STARTED=0
REDIS_DIR=""
pg_as() { # run a PostgreSQL binary as the cluster owner
  if (( EUID == 0 )); then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  if [[ -n "$REDIS_DIR" && -d "$REDIS_DIR" ]]; then
    local redis_pid
    redis_pid="$(cat "$REDIS_DIR/redis.pid" 2>/dev/null || true)"
    if [[ "$redis_pid" =~ ^[0-9]+$ ]]; then kill "$redis_pid" 2>/dev/null || true; fi
    rm -rf "$REDIS_DIR"
  fi
  REDIS_DIR=""
  if [[ -n "$PGDATA" && -d "$PGDATA" ]]; then
    if (( PG_STARTED )); then
      if ! pg_as "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
        local pid
        pid="$(head -n1 "$PGDATA/postmaster.pid" 2>/dev/null || true)"
        if [[ "$pid" =~ ^[0-9]+$ ]]; then kill -9 "$pid" 2>/dev/null || true; fi
      fi
      PG_STARTED=0
    fi
    rm -rf "$PGDATA"
  fi
  PGDATA=""
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# .NET SDK
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --info >/dev/null 2>&1; then
  die "the .NET SDK ('dotnet') is missing or broken: install the .NET 10 SDK first."
fi

# ---------------------------------------------------------------------------------------------
# System packages the tests need.
install_missing() {
  local pkgs=()
  [[ -x "$CHROMIUM" ]] || pkgs+=(chromium)
  # Screenshots need at least one real font (chromium only *recommends* one).
  [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || pkgs+=(fonts-dejavu-core)
  [[ -x "$PGBIN/initdb" ]] || pkgs+=(postgresql)
  # The tests of several instances share a Redis (the page cache's store and its evictions).
  command -v redis-server >/dev/null 2>&1 || pkgs+=(redis-server)
  # Two app processes behind a real nginx, with the proxy settings of deploy/ (NginxInFrontTests). The tests run
  # their own nginx on a loopback port with their own configuration; a system service the package may start is not used.
  [[ -x "$NGINX" ]] || pkgs+=(nginx)
  # The feed tests run an independent parser from npm (tests/tools).
  command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
  # The HTML tests run the Nu HTML Checker (vnu.jar, from npm), which needs Java.
  command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)
  (( ${#pkgs[@]} )) || return 0

  local sudo=()
  if (( EUID != 0 )); then
    command -v sudo >/dev/null 2>&1 || die "need to install ${pkgs[*]} but not root and no sudo."
    sudo=(sudo -n)
  fi
  local log; log="$(mktemp -t gazette-apt.XXXXXX.log)"
  say "installing ${pkgs[*]} with apt (log: $log) ..."
  local start=$SECONDS
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >>"$log" 2>&1 ||
     ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
         -o DPkg::Lock::Timeout=120 "${pkgs[@]}" >>"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    die "apt-get failed to install ${pkgs[*]}."
  fi
  say "installed ${pkgs[*]} in $((SECONDS - start))s."
  rm -f "$log"
  [[ -x "$CHROMIUM" ]] || die "$CHROMIUM still missing after installing chromium."
  [[ -x "$PGBIN/initdb" ]] || die "$PGBIN/initdb still missing after installing postgresql."
  command -v npm >/dev/null 2>&1 || die "npm still missing after installing nodejs and npm."
  command -v java >/dev/null 2>&1 || die "java still missing after installing default-jre-headless."
  command -v redis-server >/dev/null 2>&1 || die "redis-server still missing after installing redis-server."
  [[ -x "$NGINX" ]] || die "$NGINX still missing after installing nginx."
}
install_missing

# ---------------------------------------------------------------------------------------------
# npm tools the tests run (tests/tools: an independent feed parser, the Nu HTML Checker), exactly as package-lock.json
# pins them; installed again only when the lock file changed.
install_test_tools() {
  local tools="$ROOT/tests/tools"
  if [[ -f "$tools/node_modules/.package-lock.json" && ! "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]]; then
    return 0
  fi
  local log; log="$(mktemp -t gazette-npm.XXXXXX.log)"
  say "npm ci in tests/tools (log: $log) ..."
  if ! (cd "$tools" && npm ci --no-audit --no-fund) >>"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    die "npm ci failed in tests/tools."
  fi
  rm -f "$log"
}
install_test_tools

# ---------------------------------------------------------------------------------------------
# Throwaway PostgreSQL 15 cluster on 127.0.0.1.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
  # Always under /tmp: the postgres user must be able to reach it, and the socket path must be short.
  PGDATA="$(mktemp -d /tmp/gazette-pg.XXXXXX)"
  if (( EUID == 0 )); then chown postgres:postgres "$PGDATA"; fi
  chmod 700 "$PGDATA"
  if ! pg_as "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
       >"$PGDATA.initdb.log" 2>&1; then
    cat "$PGDATA.initdb.log" >&2; rm -f "$PGDATA.initdb.log"
    die "initdb failed."
  fi
  rm -f "$PGDATA.initdb.log"

  local candidates=(55432 55433 55434 55435) port
  for _ in 1 2 3 4; do candidates+=($((20000 + RANDOM % 30000))); done
  for port in "${candidates[@]}"; do
    if port_busy "$port"; then continue; fi
    # The log lives inside PGDATA, so it is owned by (and writable for) the cluster owner. Every test
    # app keeps its own pool of connections (and its outbox sender reads the database), so the
    # default of 100 connections is too few for the whole suite.
    if pg_as "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
         start >/dev/null 2>&1; then
      PG_STARTED=1
      PGPORT="$port"
      break
    fi
    # Port taken between the check and the start (or another failure): try the next one.
    pg_as "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  done
  if (( ! PG_STARTED )); then
    cat "$PGDATA/server.log" >&2 2>/dev/null || true
    die "could not start PostgreSQL on any port."
  fi
  if ! pg_as "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -X -q -t \
       -c 'select 1' >/dev/null 2>&1; then
    cat "$PGDATA/server.log" >&2 2>/dev/null || true
    die "PostgreSQL started but does not answer on 127.0.0.1:$PGPORT."
  fi
  say "PostgreSQL $("$PGBIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PGPORT (data: $PGDATA)"
}
start_postgres

export GAZETTE_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# ---------------------------------------------------------------------------------------------
# Throwaway Redis on 127.0.0.1, nothing saved to disk.
start_redis() {
  REDIS_DIR="$(mktemp -d /tmp/gazette-redis.XXXXXX)"
  local port
  for _ in 1 2 3 4 5 6; do
    port=$((20000 + RANDOM % 30000))
    if port_busy "$port"; then continue; fi
    if redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
         --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" >/dev/null 2>&1; then
      for _ in $(seq 1 50); do
        if port_busy "$port"; then
          REDIS_PORT="$port"
          say "Redis $(redis-server --version | awk '{print $3}' | sed 's/v=//') on 127.0.0.1:$REDIS_PORT"
          return 0
        fi
        sleep 0.1
      done
    fi
  done
  cat "$REDIS_DIR/redis.log" >&2 2>/dev/null || true
  die "could not start Redis on any port."
}
start_redis
export GAZETTE_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export GAZETTE_TEST_CHROMIUM="$CHROMIUM"
export GAZETTE_TEST_NGINX="$NGINX"

# Hidden flag used to check the script itself: start/stop PostgreSQL only.
if [[ "${1:-}" == "--selftest-pg" ]]; then
  pg_as "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -X -c 'select 1 as ok'
  finish 1 0 0 0
fi

# ---------------------------------------------------------------------------------------------
# Run the tests.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
say "dotnet test $SOLUTION -c Release $*"
dotnet_rc=0
dotnet test "$SOLUTION" -c Release --logger "trx" --results-directory "$RESULTS" "$@" || dotnet_rc=$?

if [[ -n "${CI:-}" ]]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi

# ---------------------------------------------------------------------------------------------
# Sum the TRX files (one per test project).
xml_unescape() {
  sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&#39;/'"'"'/g' -e 's/&amp;/\&/g'
}
attr() { # attr NAME  (reads one element on stdin, prints the attribute value or 0)
  local v
  v="$(grep -o " $1=\"[^\"]*\"" | head -n1 | sed -e 's/^[^"]*"//' -e 's/"$//')" || true
  [[ "$v" =~ ^[0-9]+$ ]] && printf '%s' "$v" || printf '0'
}

total=0 passed=0 failed=0 trx_count=0
failed_names=()
while IFS= read -r -d '' trx; do
  trx_count=$((trx_count + 1))
  flat="$(tr '\r\n' '  ' <"$trx")"
  counters="$(grep -o '<Counters [^>]*>' <<<"$flat" | head -n1 || true)"
  if [[ -z "$counters" ]]; then
    say "warning: no <Counters> in $trx" >&2
    continue
  fi
  t="$(attr total <<<"$counters")"
  p="$(attr passed <<<"$counters")"
  f=$(( $(attr failed <<<"$counters") + $(attr error <<<"$counters") \
      + $(attr timeout <<<"$counters") + $(attr aborted <<<"$counters") ))
  total=$((total + t)); passed=$((passed + p)); failed=$((failed + f))
  while IFS= read -r name; do
    [[ -n "$name" ]] && failed_names+=("$name")
  done < <(grep -o '<UnitTestResult [^>]*>' <<<"$flat" \
             | grep -E 'outcome="(Failed|Error|Timeout|Aborted)"' \
             | grep -o ' testName="[^"]*"' | sed -e 's/^ testName="//' -e 's/"$//' | xml_unescape || true)
done < <(find "$RESULTS" -type f -name '*.trx' -print0 2>/dev/null)

skipped=$((total - passed - failed))
if (( skipped < 0 )); then skipped=0; fi

if (( ${#failed_names[@]} )); then
  echo
  echo "Failed tests:"
  printf '  %s\n' "${failed_names[@]}"
fi

status=0
if (( trx_count == 0 )); then
  say "no TRX file under $RESULTS: the build or the test run failed (dotnet test exit code $dotnet_rc)." >&2
  status=1
elif (( total == 0 )); then
  say "no tests ran." >&2
  status=1
fi
if (( dotnet_rc != 0 || failed > 0 )); then status=1; fi
if (( status != 0 && failed == 0 )); then
  if (( dotnet_rc != 0 )); then say "dotnet test exited with code $dotnet_rc." >&2; fi
  failed=1 # make the summary line show the failure
fi
echo
finish "$passed" "$failed" "$skipped" "$status"

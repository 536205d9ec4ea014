#!/usr/bin/env bash
# Run the GalaxyCo test suite against a throwaway PostgreSQL cluster.
# The last line printed is always "N passed, N failed, N skipped" once tests
# have run; exit status is non-zero on any failure or if no test ran.
# GALAXYCO_TEST_FILTER=<expr> is passed to `dotnet test --filter`.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/pg.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}
# No lingering MSBuild/compiler servers after the run (CI waits on them).
export MSBUILDDISABLENODEREUSE=1

WORK=$(mktemp -d -t galaxyco-test.XXXXXX)
PGDATA_DIR="$WORK/pgdata"
RESULTS="$WORK/results"

# Long steps (build, dotnet test) run via run_child: in their own process
# group and waited on in the background, so Ctrl+C/SIGTERM reach our trap at
# once (bash defers traps while a foreground command runs) and teardown can
# stop the whole tree (dotnet test -> vstest -> testhost -> browsers).
CHILD=""
run_child() {
  set -m; "$@" & CHILD=$!; set +m
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=""
  return "$rc"
}
kill_child() {
  [ -n "$CHILD" ] || return 0
  kill -TERM -- "-$CHILD" 2>/dev/null || return 0
  for _ in $(seq 1 50); do   # up to 10s to exit cleanly
    kill -0 -- "-$CHILD" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL -- "-$CHILD" 2>/dev/null || true
  wait "$CHILD" 2>/dev/null || true
}

# Always tear down the cluster and temp dir, however we exit.
teardown() {
  kill_child
  pg_stop "$PGDATA_DIR" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- prerequisites -----------------------------------------------------------
pg_ensure_installed
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-liberation >/dev/null 2>&1; then
  galaxy_log "installing chromium + fonts-liberation"
  galaxy_apt_install chromium fonts-liberation
fi

# --- throwaway cluster -------------------------------------------------------
# postgres (as root) must reach the temp dir: mktemp -d makes it 0700 root.
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$WORK"; fi
pg_init_cluster "$PGDATA_DIR"
# Pick a free port; retry if someone grabs it between the check and start.
PORT=55500
for _ in 1 2 3 4 5; do
  PORT=$(pg_find_free_port "$PORT")
  if pg_start "$PGDATA_DIR" "$PORT" 2>"$WORK/start.err"; then break; fi
  if pg_running_port "$PGDATA_DIR" >/dev/null; then break; fi
  PORT=$((PORT + 1))
done
pg_running_port "$PGDATA_DIR" >/dev/null || { cat "$WORK/start.err" >&2; exit 1; }
pg_ensure_roles "$PGDATA_DIR" "$PORT"
galaxy_log "test PostgreSQL on 127.0.0.1:$PORT"

export GALAXYCO_TEST_PG_ADMIN="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres"
export GALAXYCO_TEST_PG_PORT=$PORT
GALAXYCO_CHROMIUM=$(command -v chromium)
export GALAXYCO_CHROMIUM
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# --- build once --------------------------------------------------------------
# .NET 10's `dotnet new sln` writes .slnx; accept either.
SLN=""
for f in GalaxyCo.sln GalaxyCo.slnx; do
  if [ -f "$f" ]; then SLN=$f; break; fi
done
if [ -z "$SLN" ]; then
  echo "test.sh: no GalaxyCo.sln/.slnx in $(pwd)" >&2
  exit 1
fi
galaxy_log "building $SLN (Release)"
if ! run_child dotnet build "$SLN" -c Release -nologo --disable-build-servers >"$WORK/build.log" 2>&1; then
  # Errors only (plus the summary), not the whole noisy log.
  grep -E ': error |error\(s\)|Build FAILED' "$WORK/build.log" | sort -u >&2 || tail -n 50 "$WORK/build.log" >&2
  echo "test.sh: build failed" >&2
  exit 1
fi

# --- discover test projects --------------------------------------------------
# tests/<Name>/<Name>.csproj ending in .Tests or .E2E; benchmarks excluded.
PROJECTS=()
shopt -s nullglob
for proj in tests/*/*.csproj; do
  case "$proj" in tests/*Bench*/*) continue ;; esac
  name=$(basename "$proj" .csproj)
  case "$name" in *.Tests|*.E2E) PROJECTS+=("$proj") ;; esac
done
shopt -u nullglob

# --- trx parsing -------------------------------------------------------------
# trx_counts FILE -> "passed failed skipped" from its <Counters> element.
# VSTest's trx logger leaves notExecuted=0 for skipped tests (they only show
# as total - executed), so skipped = max(notExecuted, total - executed).
trx_counts() {
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import xml.etree.ElementTree' 2>/dev/null; then
    python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0, 1, 0)  # unreadable results file: count as one failure
    sys.exit()
p = f = s = 0
for c in root.iter():
    if c.tag.endswith('Counters'):
        n = lambda k: int(c.get(k, 0))
        p += n('passed')
        f += n('failed') + n('error') + n('timeout') + n('aborted')
        s += max(n('notExecuted'), n('total') - n('executed'))
print(p, f, s)
PY
  else
    local line attr v
    local -A n=()
    line=$(tr '\n' ' ' <"$1" | grep -o '<Counters [^>]*>' | head -n 1) || true
    [ -n "$line" ] || { echo "0 1 0"; return; }   # unreadable: one failure
    for attr in total executed passed failed error timeout aborted notExecuted; do
      v=$(printf '%s' "$line" | sed -n "s/.* $attr=\"\([0-9]*\)\".*/\1/p")
      n[$attr]=${v:-0}
    done
    v=$((n[total] - n[executed]))
    echo "${n[passed]} $((n[failed] + n[error] + n[timeout] + n[aborted])) $((n[notExecuted] > v ? n[notExecuted] : v))"
  fi
}

# --- run ---------------------------------------------------------------------
FILTER_ARGS=()
if [ -n "${GALAXYCO_TEST_FILTER:-}" ]; then FILTER_ARGS=(--filter "$GALAXYCO_TEST_FILTER"); fi

mkdir -p "$RESULTS"
PASSED=0 FAILED=0 SKIPPED=0
FAILED_PROJECTS=()
# Sequential on purpose: projects share one cluster and 2 cores.
for proj in ${PROJECTS[@]+"${PROJECTS[@]}"}; do
  name=$(basename "$proj" .csproj)
  echo "=== $name ==="
  rc=0
  # A hung test fails its project after 10 minutes instead of stalling the run.
  run_child dotnet test "$proj" -c Release --no-build \
    --blame-hang-timeout 10m --blame-hang-dump-type none \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    ${FILTER_ARGS[@]+"${FILTER_ARGS[@]}"} || rc=$?
  if [ -f "$RESULTS/$name.trx" ]; then
    read -r p f s < <(trx_counts "$RESULTS/$name.trx")
  else
    echo "test.sh: $name produced no results (crashed?); counting 1 failure" >&2
    p=0 f=0 s=0
  fi
  # A non-zero exit with no recorded failure (crash, abort, no trx) is still
  # a failure: count it as one so the summary line never hides it.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then FAILED_PROJECTS+=("$name"); fi
  PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
done

# --- summarise ---------------------------------------------------------------
# Tear down now so nothing is printed after the summary line.
trap - EXIT
teardown

status=0
if [ "${#PROJECTS[@]}" -eq 0 ]; then
  echo "test.sh: no test projects found under tests/" >&2; status=1
fi
if [ "${#FAILED_PROJECTS[@]}" -gt 0 ]; then
  echo "test.sh: failing projects: ${FAILED_PROJECTS[*]}" >&2; status=1
fi
[ "$FAILED" -eq 0 ] || status=1
[ $((PASSED + FAILED)) -gt 0 ] || { echo "test.sh: no tests ran" >&2; status=1; }

echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
exit "$status"

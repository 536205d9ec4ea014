#!/usr/bin/env bash
# Start GalaxyCo locally: a private PostgreSQL cluster in ./.galaxyco/pgdata
# (unless ConnectionStrings__Galaxy is already set) plus the Blazor app.
# Ctrl+C stops the app, then the cluster.  Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")"
REPO=$(pwd)
. scripts/pg.sh

PG_PORT=${GALAXYCO_PG_PORT:-55432}
HTTP_PORT=${GALAXYCO_HTTP_PORT:-5080}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

PGDATA_DIR=""   # set when we manage a local cluster
APP_PID=""

# shellcheck disable=SC2317  # only ever invoked via trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # The app runs in its own process group (set -m below), so signal the whole
  # group: `dotnet run` plus the app it spawned.
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    galaxy_log "stopping the app"
    kill -TERM -- "-$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do   # up to 30s for a graceful shutdown
      kill -0 -- "-$APP_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ -n "$PGDATA_DIR" ]; then
    # Another ./run.sh may be sharing this cluster (it holds a shared lock);
    # only stop it if we are the last user.
    flock -u 9 2>/dev/null || true
    if flock -xn 9 2>/dev/null; then
      pg_stop "$PGDATA_DIR" || true
    else
      galaxy_log "PostgreSQL left running: another ./run.sh is using it"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Invoice PDFs are drawn with the Liberation fonts (DejaVu also works).
if ! dpkg -s fonts-liberation >/dev/null 2>&1 && [ -z "$(ls /usr/share/fonts/truetype/dejavu 2>/dev/null)" ]; then
  galaxy_log "installing fonts-liberation (invoice PDFs)"
  galaxy_apt_install fonts-liberation
fi

if [ -n "${ConnectionStrings__Galaxy:-}" ]; then
  galaxy_log "using ConnectionStrings__Galaxy from the environment (no local PostgreSQL)"
else
  pg_ensure_installed
  GALAXY_DIR="$REPO/.galaxyco"
  # As root the cluster runs as `postgres`, which must be able to traverse
  # every parent of the data dir.  If it can't (e.g. repo under /root), keep
  # the data in a per-checkout dir under /var/lib instead.
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$REPO"; then
    GALAXY_DIR="/var/lib/galaxyco/$(printf '%s' "$REPO" | sha1sum | cut -c1-12)"
    galaxy_log "$REPO is not accessible to the postgres user; using $GALAXY_DIR"
  fi
  mkdir -p "$GALAXY_DIR"
  PGDATA_DIR="$GALAXY_DIR/pgdata"
  pg_init_cluster "$PGDATA_DIR"

  # Shared lock = "a run.sh is using this cluster" (see cleanup).
  exec 9>"$GALAXY_DIR/run.lock"
  flock -s 9

  # Reuse a cluster that is already running on this dir, whatever its port.
  if running_port=$(pg_running_port "$PGDATA_DIR"); then
    [ "$running_port" = "$PG_PORT" ] ||
      galaxy_log "cluster already running on port $running_port; using that"
    PG_PORT=$running_port
  else
    pg_start "$PGDATA_DIR" "$PG_PORT"
  fi
  pg_ensure_roles "$PGDATA_DIR" "$PG_PORT"

  export ConnectionStrings__Galaxy="Host=127.0.0.1;Port=$PG_PORT;Database=galaxyco;Username=galaxyco_app;Password=galaxyco_app"
  export ConnectionStrings__GalaxyMigrations="Host=127.0.0.1;Port=$PG_PORT;Database=galaxyco;Username=galaxyco_owner;Password=galaxyco_owner"
  galaxy_log "PostgreSQL ready on 127.0.0.1:$PG_PORT (data: $PGDATA_DIR)"
fi

echo "GalaxyCo is starting at http://localhost:$HTTP_PORT (building first; Ctrl+C to stop)"
# set -m gives the app its own process group: terminal Ctrl+C reaches only
# this script, whose trap then shuts the app down before the database.
set -m
dotnet run --project GalaxyCo.Web -c Release --no-launch-profile \
  --urls "http://0.0.0.0:$HTTP_PORT" 9>&- &
APP_PID=$!
set +m

rc=0
wait "$APP_PID" || rc=$?
APP_PID=""
exit "$rc"

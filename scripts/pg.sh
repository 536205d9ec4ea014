# shellcheck shell=bash
# Shared helpers for run.sh / test.sh: install PostgreSQL, run a private
# loopback cluster in a directory of our choosing, and create the GalaxyCo
# roles + database.  Source this file; it defines functions only.
#
# Clusters are self-contained: data, unix socket and server log all live in
# the cluster directory, and the server only listens on 127.0.0.1 on its own
# port, so it never collides with Debian's default cluster on 5432.

galaxy_log() { printf '[galaxyco] %s\n' "$*" >&2; }

# Run a command as the user that owns the cluster.  initdb/postgres refuse to
# run as root, so as root we use the `postgres` system user created by the
# Debian package; otherwise the current user runs the cluster.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# apt-get install, running `apt-get update` at most once per process.
_GALAXY_APT_UPDATED=0
galaxy_apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    galaxy_log "need root to apt-get install: $* (install them manually)"
    return 1
  fi
  # Wait (rather than fail) if another apt/dpkg holds the lock.
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=600)
  if [ "$_GALAXY_APT_UPDATED" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update
    _GALAXY_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install --no-install-recommends "$@"
}

# Newest installed server version's bin dir, e.g. /usr/lib/postgresql/15/bin.
pg_bindir() {
  local d
  # shellcheck disable=SC2012  # version dirs are plain numbers
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] || return 1
  printf '%s\n' "$d"
}

# Install the server (+ contrib, which ships pg_trgm) if it is missing.
pg_ensure_installed() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    galaxy_log "installing PostgreSQL (Debian packages)"
    galaxy_apt_install postgresql postgresql-contrib
  fi
  PG_BIN=$(pg_bindir) || { galaxy_log "PostgreSQL install failed"; return 1; }
  local ver; ver=$(basename "$(dirname "$PG_BIN")")
  if ! ls /usr/share/postgresql/"$ver"/extension/pg_trgm.control >/dev/null 2>&1; then
    galaxy_log "pg_trgm missing; installing postgresql-contrib"
    galaxy_apt_install postgresql-contrib
  fi
  export PG_BIN
}

# pg_init_cluster DIR: initdb DIR unless it already holds a cluster.
# The port is not baked in (it is given at start) so a reused cluster can be
# started on a different port.
pg_init_cluster() {
  local dir=$1
  mkdir -p "$dir"
  # Postgres insists on owning its data dir with mode 0700.  (A dir made by
  # an earlier non-root run gets handed over wholesale.)
  if [ "$(id -u)" -eq 0 ] && [ "$(stat -c %U "$dir")" != postgres ]; then
    chown -R postgres:postgres "$dir"
  fi
  chmod 700 "$dir"
  if [ -f "$dir/PG_VERSION" ]; then
    return 0
  fi
  galaxy_log "initialising PostgreSQL cluster in $dir"
  # Trust auth: private loopback-only cluster for dev/test.
  pg_as_owner "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/../initdb.log" 2>&1 || {
      cat "$dir/../initdb.log" >&2; return 1; }
  cat >"$dir/pg_hba.conf" <<'EOF'
# GalaxyCo private cluster: trust on the unix socket (inside the data dir,
# mode 0700) and on IPv4 loopback only.
local   all   all                  trust
host    all   all   127.0.0.1/32   trust
EOF
  cat >>"$dir/postgresql.conf" <<'EOF'

# --- GalaxyCo private cluster ---
listen_addresses = '127.0.0.1'
max_connections = 200          # tests open many pools in parallel
fsync = off                    # throwaway dev/test data: speed over durability
synchronous_commit = off
full_page_writes = off
EOF
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir/pg_hba.conf" "$dir/postgresql.conf"; fi
}

# pg_running_port DIR: prints the port of a live server on DIR (from
# postmaster.pid line 4), fails if none is running.
pg_running_port() {
  local dir=$1
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1 || return 1
  sed -n 4p "$dir/postmaster.pid"
}

# pg_start DIR PORT: start the cluster (socket in DIR), wait until it accepts
# connections.  Returns 0 without doing anything if it is already running.
pg_start() {
  local dir=$1 port=$2
  if pg_running_port "$dir" >/dev/null; then
    return 0
  fi
  # Unix socket paths are limited to ~107 bytes.
  if [ $(( ${#dir} + 20 )) -gt 107 ]; then
    galaxy_log "cluster path too long for a unix socket: $dir"; return 1
  fi
  galaxy_log "starting PostgreSQL on 127.0.0.1:$port ($dir)"
  if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir" start >/dev/null; then
    galaxy_log "PostgreSQL failed to start; last log lines:"
    tail -n 20 "$dir/server.log" >&2 || true
    return 1
  fi
}

# pg_stop DIR: fast shutdown (disconnects clients), waits for it to finish.
pg_stop() {
  local dir=$1
  [ -n "${PG_BIN:-}" ] || PG_BIN=$(pg_bindir) || return 0
  if pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    galaxy_log "stopping PostgreSQL ($dir)"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null
  fi
}

# pg_psql DIR PORT [psql args...]: superuser psql over the cluster's socket
# (the socket path pins us to *this* cluster even if the port is reused).
pg_psql() {
  local dir=$1 port=$2; shift 2
  "$PG_BIN/psql" -h "$dir" -p "$port" -U postgres -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# pg_ensure_roles DIR PORT: idempotently create the app roles + database.
# galaxyco_owner owns the database and runs migrations; galaxyco_app is the
# runtime role and must be subject to row-level security (NOBYPASSRLS).
pg_ensure_roles() {
  local dir=$1 port=$2
  pg_psql "$dir" "$port" -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'galaxyco_owner') THEN
    CREATE ROLE galaxyco_owner LOGIN PASSWORD 'galaxyco_owner' NOSUPERUSER CREATEDB;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'galaxyco_app') THEN
    CREATE ROLE galaxyco_app LOGIN PASSWORD 'galaxyco_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB;
  END IF;
END
$$;
-- Re-assert the attributes in case an old cluster drifted.
ALTER ROLE galaxyco_owner LOGIN NOSUPERUSER CREATEDB;
ALTER ROLE galaxyco_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB;
SQL
  # CREATE DATABASE cannot run inside a DO block / transaction.
  if [ "$(pg_psql "$dir" "$port" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'galaxyco'")" != 1 ]; then
    pg_psql "$dir" "$port" -d postgres -c "CREATE DATABASE galaxyco OWNER galaxyco_owner"
  fi
  # pg_trgm is a trusted extension (PG13+), so the DB owner can CREATE it in
  # migrations; just make sure the server can see it.
  if [ "$(pg_psql "$dir" "$port" -d postgres -c "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")" != 1 ]; then
    galaxy_log "warning: pg_trgm extension is not available"
  fi
}

# pg_port_free PORT: true if nothing listens on 127.0.0.1:PORT.
pg_port_free() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [ -z "$(ss -ltnH "sport = :$port" 2>/dev/null)" ]
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

# pg_find_free_port START: first free port >= START.
pg_find_free_port() {
  local port=$1
  while ! pg_port_free "$port"; do
    port=$((port + 1))
    [ "$port" -lt 65000 ] || return 1
  done
  printf '%s\n' "$port"
}

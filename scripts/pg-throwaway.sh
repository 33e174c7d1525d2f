# shellcheck shell=bash
# Sourced by test.sh and bench.sh: a throwaway PostgreSQL cluster in a temporary directory on a free loopback port.
#
#   pg_throwaway_start   creates and starts it, exports LEADSYNC_TEST_POSTGRES (database "postgres", role "postgres",
#                        trust authentication, loopback only) and PG_THROWAWAY_PORT / PG_THROWAWAY_DIR
#   pg_throwaway_stop    stops it and deletes the directory (safe to call more than once, or when start failed)
#
# The caller installs the trap:  trap pg_throwaway_stop EXIT
# initdb refuses to run as root, so as root the cluster belongs to the "postgres" user.

PG_THROWAWAY_DIR=""
PG_THROWAWAY_PORT=""
PG_THROWAWAY_BINDIR=""

# Runs a command line as the cluster's owner (postgres when we are root, ourselves otherwise).
_pg_throwaway_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    su postgres -s /bin/sh -c "cd / && $1"
  else
    sh -c "cd / && $1"
  fi
}

# A port nobody listens on (probing 127.0.0.1); the start retries with another one if it is taken meanwhile.
_pg_throwaway_pick_port() {
  local port i
  for i in $(seq 1 50); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "pg-throwaway: found no free port" >&2
  return 1
}

pg_throwaway_start() {
  PG_THROWAWAY_BINDIR=$(leadsync_pg_bindir)
  if [[ -z "$PG_THROWAWAY_BINDIR" ]]; then
    echo "pg-throwaway: PostgreSQL server binaries not found (install postgresql)" >&2
    return 1
  fi
  if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "pg-throwaway: running as root but there is no 'postgres' user to own the cluster (install postgresql)" >&2
    return 1
  fi

  local base=/tmp
  [[ $(id -u) -eq 0 ]] || base=${TMPDIR:-/tmp}
  PG_THROWAWAY_DIR=$(mktemp -d "$base/leadsync-pg.XXXXXX")
  chmod 700 "$PG_THROWAWAY_DIR"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$PG_THROWAWAY_DIR"
  fi
  local data="$PG_THROWAWAY_DIR/data"

  echo "==> Starting a throwaway PostgreSQL cluster in $PG_THROWAWAY_DIR"
  if ! _pg_throwaway_as_owner "'$PG_THROWAWAY_BINDIR/initdb' -D '$data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync" \
      >"$PG_THROWAWAY_DIR/initdb.log" 2>&1; then
    echo "pg-throwaway: initdb failed:" >&2
    cat "$PG_THROWAWAY_DIR/initdb.log" >&2
    return 1
  fi

  # Tests only: loopback, our own socket directory, room for parallel test classes, no durability.
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_THROWAWAY_DIR'
max_connections = 200
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

  local attempt
  for attempt in 1 2 3 4 5; do
    PG_THROWAWAY_PORT=$(_pg_throwaway_pick_port)
    if _pg_throwaway_as_owner "'$PG_THROWAWAY_BINDIR/pg_ctl' -D '$data' -l '$PG_THROWAWAY_DIR/server.log' -o '-p $PG_THROWAWAY_PORT' -w -t 60 start" \
        >"$PG_THROWAWAY_DIR/pg_ctl.log" 2>&1; then
      export PG_THROWAWAY_PORT PG_THROWAWAY_DIR
      export LEADSYNC_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_THROWAWAY_PORT;Username=postgres;Database=postgres"
      echo "==> PostgreSQL is up on 127.0.0.1:$PG_THROWAWAY_PORT"
      return 0
    fi
    echo "pg-throwaway: start on port $PG_THROWAWAY_PORT failed (attempt $attempt); server log:" >&2
    tail -n 20 "$PG_THROWAWAY_DIR/server.log" >&2 2>/dev/null || true
  done
  return 1
}

pg_throwaway_stop() {
  local dir=$PG_THROWAWAY_DIR
  [[ -n "$dir" && -d "$dir" ]] || return 0
  PG_THROWAWAY_DIR=""
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    if ! _pg_throwaway_as_owner "'$PG_THROWAWAY_BINDIR/pg_ctl' -D '$dir/data' -m fast -w -t 30 stop" >/dev/null 2>&1; then
      # Still up (or stuck): end the postmaster we started, by its pid.
      local pid
      pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      if [[ "$pid" =~ ^[0-9]+$ ]]; then
        kill -QUIT "$pid" 2>/dev/null || true
        sleep 1
      fi
    fi
  fi
  rm -rf "$dir"
  echo "==> Throwaway PostgreSQL stopped and removed"
}

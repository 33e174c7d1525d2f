# shellcheck shell=bash
# Sourced by test.sh and bench.sh: makes sure PostgreSQL (and, when asked, Chromium) are installed.
# On Debian/Ubuntu as root it installs what is missing with apt-get; anywhere else it says what is missing and
# how to get it, and fails. It never skips silently.

# The directory holding initdb/pg_ctl, or empty when PostgreSQL's server is not installed.
leadsync_pg_bindir() {
  if [[ -n "${LEADSYNC_PG_BINDIR:-}" && -x "${LEADSYNC_PG_BINDIR}/initdb" ]]; then
    echo "$LEADSYNC_PG_BINDIR"
    return
  fi
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
      echo "$dir"
      return
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

# True when the pg_trgm extension (used by the PostgreSQL migrations) is available next to the server.
leadsync_pg_has_trgm() {
  local bindir=$1 sharedir
  sharedir=$("$bindir/pg_config" --sharedir 2>/dev/null || true)
  if [[ -n "$sharedir" && -f "$sharedir/extension/pg_trgm.control" ]]; then
    return 0
  fi
  compgen -G "/usr/share/postgresql/*/extension/pg_trgm.control" >/dev/null
}

leadsync_chromium_path() {
  if [[ -n "${LEADSYNC_CHROMIUM:-}" && -x "${LEADSYNC_CHROMIUM}" ]]; then
    echo "$LEADSYNC_CHROMIUM"
  elif [[ -x /usr/bin/chromium ]]; then
    echo /usr/bin/chromium
  fi
}

# leadsync_ensure_prerequisites [postgres] [chromium]
leadsync_ensure_prerequisites() {
  local want packages=() bindir
  for want in "$@"; do
    case "$want" in
      postgres)
        bindir=$(leadsync_pg_bindir)
        if [[ -z "$bindir" ]]; then
          packages+=(postgresql)
        elif ! leadsync_pg_has_trgm "$bindir"; then
          packages+=(postgresql-contrib)
        fi
        ;;
      chromium)
        [[ -n "$(leadsync_chromium_path)" ]] || packages+=(chromium)
        ;;
      *) echo "leadsync_ensure_prerequisites: unknown prerequisite '$want'" >&2; return 2 ;;
    esac
  done
  if [[ ${#packages[@]} -eq 0 ]]; then
    return 0
  fi

  echo "==> Missing: ${packages[*]}"
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    {
      echo "ERROR: the tests need these packages, and this script can install them only as root on Debian/Ubuntu (apt-get):"
      echo "         ${packages[*]}"
      echo "       Install them yourself, e.g.:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}"
      echo "       (PostgreSQL's server binaries are looked for in /usr/lib/postgresql/<version>/bin or LEADSYNC_PG_BINDIR;"
      echo "        Chromium at /usr/bin/chromium or LEADSYNC_CHROMIUM.)"
    } >&2
    return 1
  fi

  echo "==> Installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${packages[@]}"

  # Check again: a package that installed but did not provide what we need must fail loudly.
  for want in "$@"; do
    case "$want" in
      postgres)
        bindir=$(leadsync_pg_bindir)
        if [[ -z "$bindir" ]] || ! leadsync_pg_has_trgm "$bindir"; then
          echo "ERROR: PostgreSQL (with pg_trgm) is still missing after installing: ${packages[*]}" >&2
          return 1
        fi
        ;;
      chromium)
        if [[ -z "$(leadsync_chromium_path)" ]]; then
          echo "ERROR: /usr/bin/chromium is still missing after installing chromium" >&2
          return 1
        fi
        ;;
    esac
  done
}

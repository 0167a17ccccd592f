# shellcheck shell=bash
# Shared by bin/serve and bin/test: locate Odoo 19 and PostgreSQL, and start the
# embedded PostgreSQL cluster when no database server is configured.
# Odoo and PostgreSQL are prerequisites: this file never installs or builds them.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${HOUSING_LOCAL_DIR:-$REPO/.local}"
ADDONS_DIR="$REPO/addons"

die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
info() { printf '==> %s\n' "$*" >&2; }

# --- Odoo --------------------------------------------------------------------
find_odoo() {
    if [ -n "${ODOO_BIN:-}" ]; then
        [ -x "$ODOO_BIN" ] || die "ODOO_BIN=$ODOO_BIN is not executable."
    elif command -v odoo >/dev/null 2>&1; then
        ODOO_BIN="$(command -v odoo)"
    elif command -v odoo-bin >/dev/null 2>&1; then
        ODOO_BIN="$(command -v odoo-bin)"
    else
        die "Odoo 19.0 is not installed: no 'odoo' or 'odoo-bin' on PATH and ODOO_BIN is unset.
       Install Odoo 19.0 Community from source (see README.md, Prerequisites)."
    fi
    local version
    version="$("$ODOO_BIN" --version 2>/dev/null || true)"
    case "$version" in
        *" 19.0"*) ;;
        *) die "$ODOO_BIN is not Odoo 19.0 (it reports: '${version:-nothing}')." ;;
    esac
    # Odoo's own addons: odoo/addons (base) and, for a source install, addons/ beside it.
    if [ -z "${ODOO_CORE_ADDONS:-}" ]; then
        ODOO_CORE_ADDONS="$(python3 -c '
import os
from odoo.tools import config
print(",".join(d for d in (config.addons_base_dir, config.addons_community_dir)
               if os.path.isfile(os.path.join(d, "web", "__manifest__.py"))
               or os.path.isdir(os.path.join(d, "base"))))' 2>/dev/null)" || true
    fi
    [ -n "$ODOO_CORE_ADDONS" ] || die "Cannot find Odoo's own addons directory; set ODOO_CORE_ADDONS."
    export ODOO_BIN ODOO_CORE_ADDONS
}

# Every installable housing module, in dependency-safe order (Odoo resolves the order itself).
housing_modules() {
    local m list=()
    for m in "$ADDONS_DIR"/*/__manifest__.py; do
        [ -e "$m" ] || continue
        list+=("$(basename "$(dirname "$m")")")
    done
    [ "${#list[@]}" -gt 0 ] || die "No modules found in $ADDONS_DIR."
    local IFS=,
    echo "${list[*]}"
}

# --- PostgreSQL ---------------------------------------------------------------
# A database server is "configured" when PGHOST (or HOUSING_DB_HOST) is set.
# Otherwise an embedded cluster lives in $LOCAL_DIR/pgdata and listens on a
# Unix socket in $LOCAL_DIR/pgrun only (no TCP port).
pg_bin() {
    local name="$1" dir
    for dir in "${PG_BINDIR:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        if [ -n "$dir" ] && [ -x "$dir/$name" ]; then echo "$dir/$name"; return; fi
    done
    command -v "$name" 2>/dev/null || die "PostgreSQL is not installed: '$name' not found.
       Install the PostgreSQL server (e.g. 'apt-get install postgresql') or set PGHOST to an existing server."
}

# PostgreSQL refuses to run as root: then run the cluster as the 'postgres' system user.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || die "Running as root and there is no 'postgres' system user to own the cluster."
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_postgres() {
    DB_ARGS=()
    local host="${HOUSING_DB_HOST:-${PGHOST:-}}"
    if [ -n "$host" ]; then
        DB_ARGS+=(--db_host "$host")
        [ -n "${PGPORT:-}" ] && DB_ARGS+=(--db_port "$PGPORT")
        [ -n "${PGUSER:-}" ] && DB_ARGS+=(--db_user "$PGUSER")
        [ -n "${PGPASSWORD:-}" ] && DB_ARGS+=(--db_password "$PGPASSWORD")
        PSQL_ENV=(env PGHOST="$host")
        info "Using the configured PostgreSQL server at $host"
        return
    fi
    local data="$LOCAL_DIR/pgdata" run="$LOCAL_DIR/pgrun" initdb pg_ctl
    initdb="$(pg_bin initdb)"; pg_ctl="$(pg_bin pg_ctl)"
    mkdir -p "$LOCAL_DIR"
    if [ "$(id -u)" = 0 ]; then
        # The cluster's owner must be able to reach the project folder (e.g. a mktemp clone).
        local dir="$LOCAL_DIR"
        while [ "$dir" != / ]; do
            if ! runuser -u postgres -- test -x "$dir"; then
                info "Letting the postgres user traverse $dir (chmod o+x)"
                chmod o+x "$dir"
            fi
            dir="$(dirname "$dir")"
        done
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        info "Creating the embedded PostgreSQL cluster in $data"
        mkdir -p "$data" "$run"
        [ "$(id -u)" = 0 ] && chown postgres: "$data" "$run"
        as_pg_owner "$initdb" -D "$data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOCAL_DIR/initdb.log" 2>&1 \
            || die "initdb failed, see $LOCAL_DIR/initdb.log"
        cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
    fi
    mkdir -p "$run"
    [ "$(id -u)" = 0 ] && chown postgres: "$run"
    if ! as_pg_owner "$pg_ctl" -D "$data" status >/dev/null 2>&1; then
        info "Starting the embedded PostgreSQL cluster"
        as_pg_owner "$pg_ctl" -D "$data" -l "$run/postgresql.log" -w start >/dev/null \
            || die "PostgreSQL did not start, see $run/postgresql.log"
        PG_STARTED_HERE=1
    fi
    DB_ARGS+=(--db_host "$run" --db_user odoo)
    PSQL_ENV=(env PGHOST="$run" PGUSER=odoo)
}

# Stop the embedded cluster again if this command started it.
stop_postgres_if_started() {
    if [ "${PG_STARTED_HERE:-0}" = 1 ]; then
        as_pg_owner "$(pg_bin pg_ctl)" -D "$LOCAL_DIR/pgdata" -m fast -w stop >/dev/null || true
    fi
}

psql_cmd() { "${PSQL_ENV[@]}" "$(pg_bin psql)" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
db_exists() { [ "$(psql_cmd -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

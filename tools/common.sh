# Shared set-up functions for the Makefile targets: sourced, never run.
# Every ensure_* step is idempotent and fast when its work is already done.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="${CRM_FOLLOWUP_LOCAL:-$ROOT/.local}"  # everything generated: venv, config, filestore, logs
VENV="$LOCAL/venv"
PY="$VENV/bin/python"
ODOO_BIN="$ROOT/tools/odoo-bin"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-odoo}" PGPASSWORD="${PGPASSWORD:-odoo}"
export PATH="$ROOT/node_modules/.bin:$PATH"   # lessc for the web client's CSS
mkdir -p "$LOCAL"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {  # apt_install PKG... (only what is missing)
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    is_root || die "missing Debian packages: ${missing[*]} (run as root, or install them yourself)"
    say "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >"$LOCAL/apt.log" 2>&1 \
        || { tail -20 "$LOCAL/apt.log"; die "apt-get install failed (log: $LOCAL/apt.log)"; }
}

find_python37() {
    local c
    for c in "${PYTHON37:-}" "$(command -v python3.7 2>/dev/null || true)" \
             "$HOME"/.pyenv/versions/3.7.*/bin/python3.7 /usr/bin/python3.7 /usr/local/bin/python3.7; do
        [ -n "$c" ] && [ -x "$c" ] && "$c" -c 'import sys; assert sys.version_info[:2] == (3, 7)' 2>/dev/null \
            && { echo "$c"; return 0; }
    done
    die "Python 3.7 not found: Odoo 11 runs on Python 3.5-3.7 only. Install it (e.g. 'pyenv install 3.7.16') or point PYTHON37=/path/to/python3.7"
}


ensure_postgres() {
    if command -v pg_isready >/dev/null && pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
        :
    elif [ "$PGHOST" = 127.0.0.1 ] && is_root; then
        apt_install postgresql
        local ver; ver=$(ls /etc/postgresql | sort -n | tail -1)
        say "starting PostgreSQL $ver"
        pg_ctlcluster "$ver" main start 2>/dev/null || true
        for _ in $(seq 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
        pg_isready -q -h "$PGHOST" -p "$PGPORT" || die "PostgreSQL did not start (see /var/log/postgresql)"
    else
        die "no PostgreSQL at $PGHOST:$PGPORT and no root to install one: start one, or set PGHOST/PGPORT/PGUSER/PGPASSWORD (a role with CREATEDB)"
    fi
    # The login role Odoo uses (Odoo refuses to run as 'postgres').
    if ! psql -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        is_root || die "cannot log in to PostgreSQL as $PGUSER: create that role (LOGIN CREATEDB, password) or set PGUSER/PGPASSWORD"
        say "creating PostgreSQL role $PGUSER"
        su postgres -c "env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD psql -q -c \"CREATE ROLE \\\"$PGUSER\\\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'\"" \
            || die "could not create role $PGUSER"
    fi
}

ensure_venv() {
    local stamp="$VENV/.stamp" want
    want=$(cat "$ROOT/requirements.txt" "$ROOT/requirements-odoo.txt" "$ROOT/tools/prune_addons.py" | sha1sum | cut -c1-12)
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
    local py37; py37=$(find_python37)
    say "building the Python 3.7 virtualenv in $VENV"
    rm -rf "$VENV"
    "$py37" -m venv "$VENV"
    local log="$LOCAL/pip.log"
    { "$PY" -m pip install --upgrade "pip<24" "setuptools<68" wheel \
      && "$PY" -m pip install -r "$ROOT/requirements.txt" \
      && "$PY" -m pip install --no-deps -r "$ROOT/requirements-odoo.txt"; } >"$log" 2>&1 \
        || { grep -v 'is ignored' "$log" | tail -20; die "pip install failed (log: $log)"; }
    "$PY" "$ROOT/tools/prune_addons.py"
    echo "$want" > "$stamp"
}

ensure_npm() {  # lessc for Odoo's CSS, playwright-core to drive Chromium in UI tests
    command -v npm >/dev/null || apt_install nodejs npm
    local stamp="$ROOT/node_modules/.stamp" want
    want=$(sha1sum "$ROOT/package.json" "$ROOT/package-lock.json" | sha1sum | cut -c1-12)
    [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
    say "npm ci (lessc, playwright-core)"
    (cd "$ROOT" && npm ci --silent --no-audit --no-fund) || die "npm ci failed"
    echo "$want" > "$stamp"
}

ensure_chromium() { command -v chromium >/dev/null || apt_install chromium fonts-noto-cjk; }

ensure_all() {
    apt_install postgresql-client
    ensure_postgres
    ensure_venv
    ensure_npm
}

# write_conf FILE DB [extra key=value lines]: an Odoo config for this checkout.
write_conf() {
    local file=$1 db=$2; shift 2
    {
        echo "[options]"
        echo "addons_path = $VENV_ADDONS,$ROOT"
        echo "data_dir = $LOCAL/data"
        echo "db_host = $PGHOST"
        echo "db_port = $PGPORT"
        echo "db_user = $PGUSER"
        echo "db_password = $PGPASSWORD"
        echo "db_name = $db"
        echo "dbfilter = ^$db\$"
        echo "list_db = False"
        echo "http_interface = 127.0.0.1"
        echo "http_port = ${HTTP_PORT:-8069}"
        echo "longpolling_port = ${LONGPOLLING_PORT:-8072}"
        echo "without_demo = False"
        for kv in "$@"; do echo "$kv"; done
    } > "$file"
}

VENV_ADDONS=$(ls -d "$VENV"/lib/python3.7/site-packages/odoo/addons 2>/dev/null || echo "$VENV/lib/python3.7/site-packages/odoo/addons")

db_exists() { psql -d postgres -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }

# copy_db SRC DST: a database and its filestore, in well under a second.
copy_db() {
    dropdb --if-exists "$2" 2>/dev/null
    createdb -T "$1" "$2"
    rm -rf "$LOCAL/data/filestore/$2"
    [ -d "$LOCAL/data/filestore/$1" ] && cp -r "$LOCAL/data/filestore/$1" "$LOCAL/data/filestore/$2"
    return 0
}

# check_log FILE: fail on any ERROR or CRITICAL line Odoo wrote (its exit code misses them).
check_log() {
    if grep -nE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1" >/dev/null; then
        echo "---- ERROR/CRITICAL lines in $1:" >&2
        grep -nE -A8 '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1" | head -80 >&2
        return 1
    fi
}

# ensure_template: prints the name of a database with crm_followup's dependencies installed
# (demo data, zh_CN loaded); built once per dependency set (about 90 s), then copied per run.
ensure_template() {
    local deps hash tmpl log
    deps=$("$PY" -c "import ast,sys; print(','.join(ast.literal_eval(open(sys.argv[1]).read())['depends']))" \
        "$ROOT/crm_followup/__manifest__.py")
    hash=$(printf '%s %s' "$deps" "$(cat "$VENV/.stamp")" | sha1sum | cut -c1-10)
    tmpl="crm_followup_tmpl_$hash"
    if ! db_exists "$tmpl"; then
        # Drop only templates this local dir built (its filestore holds theirs): other
        # checkouts on the same PostgreSQL (CRM_FOLLOWUP_LOCAL elsewhere) may be copying theirs.
        for old in $(psql -d postgres -tAc "select datname from pg_database where datname like 'crm_followup_tmpl_%'"); do
            [ -d "$LOCAL/data/filestore/$old" ] || continue
            dropdb "$old"; rm -rf "$LOCAL/data/filestore/$old"
        done
        log="$LOCAL/logs/template.log"; mkdir -p "$LOCAL/logs"; : > "$log"
        say "building template database $tmpl with $deps (once per dependency set, ~2 min)"
        write_conf "$LOCAL/template.conf" "${tmpl}_build" "logfile = $log"
        dropdb --if-exists "${tmpl}_build" 2>/dev/null
        "$PY" "$ODOO_BIN" -c "$LOCAL/template.conf" -i "$deps" --load-language=zh_CN --stop-after-init >&2 \
            || die "building the template failed (log: $log)"
        check_log "$log" || die "building the template logged errors"
        psql -d postgres -qc "ALTER DATABASE \"${tmpl}_build\" RENAME TO \"$tmpl\""
        rm -rf "$LOCAL/data/filestore/$tmpl"
        [ -d "$LOCAL/data/filestore/${tmpl}_build" ] && mv "$LOCAL/data/filestore/${tmpl}_build" "$LOCAL/data/filestore/$tmpl"
    fi
    echo "$tmpl"
}

#!/usr/bin/env bash
# make bench: run bench/bench_<name>.py for each name in BENCH and each size in SIZES.
#   BENCH="generate customer_search"   default: every bench/bench_*.py
#   SIZES="10000 100000"                default: the script's own `SIZES = [...]`, else 10000 100000
#   BENCH_DB_PREFIX=crm_followup_bench  the databases are <prefix>_<N> (and <prefix>_base)
#   BENCH_FOLLOWUPS=3                   follow-up history rows per generated customer (when the model exists)
#   BENCH_OWNED_RATIO=1.0               share of generated customers that have an owner
#   BENCH_CONTACTS=2                    contact persons per generated customer
# Each size runs on its own database <prefix>_<N>: a copy of the cached template with crm_followup
# installed (<prefix>_base), filled by bench/generate.py. Both are cached and stamped with a hash of
# the addon, the generator and the dependency set: a re-run reuses them (only a change rebuilds).
# A benchmark must leave its database as it found it (bench/common.py: odoo_env rolls back;
# scratch_db gives a throw-away copy for work that must commit).
source "$(dirname "$0")/common.sh"
ensure_all

PREFIX=${BENCH_DB_PREFIX:-crm_followup_bench}
FOLLOWUPS=${BENCH_FOLLOWUPS:-3}
OWNED=${BENCH_OWNED_RATIO:-1.0}
CONTACTS=${BENCH_CONTACTS:-2}
export BENCH_FOLLOWUPS=$FOLLOWUPS BENCH_OWNED_RATIO=$OWNED BENCH_CONTACTS=$CONTACTS
LOGS="$LOCAL/logs/$PREFIX"; mkdir -p "$LOGS"   # per prefix: runs with other prefixes may overlap
export CRM_FOLLOWUP_BENCH_CONF="$LOGS/odoo.conf"
export BENCH_RESULTS="$LOGS/results.tsv"
export BENCH_BASE_DB="${PREFIX}_base"   # crm_followup installed, no generated customers
export PYTHONPATH="$ROOT:$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}"
write_conf "$CRM_FOLLOWUP_BENCH_CONF" "${PREFIX}_base" "logfile = $LOGS/odoo.log" "log_level = warn"
: > "$BENCH_RESULTS"
: > "$LOGS/odoo.log"

if [ -n "${BENCH:-}" ]; then
    names=$BENCH
else
    names=$(cd "$ROOT/bench" && ls bench_*.py | sed 's/^bench_//; s/\.py$//' | tr '\n' ' ')
fi
for name in $names; do [ -f "$ROOT/bench/bench_$name.py" ] || die "no benchmark bench/bench_$name.py"; done

template=$(ensure_template)
stamp=$( { echo "$template"; cd "$ROOT" && find crm_followup bench/generate.py -type f ! -name '*.pyc' \
    ! -path '*/static/*' | sort | xargs sha1sum; } | sha1sum | cut -c1-12)

stamp_of() {  # the stamp stored in a bench DB, empty if none
    psql -d "$1" -tAc "select value from ir_config_parameter where key = 'crm_followup.bench_stamp'" 2>/dev/null || true
}
set_stamp() {
    psql -d "$1" -qc "delete from ir_config_parameter where key = 'crm_followup.bench_stamp';
        insert into ir_config_parameter (key, value, create_date, write_date, create_uid, write_uid)
        values ('crm_followup.bench_stamp', '$2', now() at time zone 'utc', now() at time zone 'utc', 1, 1)"
}
fast_copy() {  # fast_copy SRC DST: file copy, not WAL-logged (PostgreSQL 15+), seconds even for 1M rows
    dropdb --if-exists "$2" 2>/dev/null
    if [ "$(psql -d postgres -tAc 'show server_version_num')" -ge 150000 ]; then
        psql -d postgres -qc "CREATE DATABASE \"$2\" TEMPLATE \"$1\" STRATEGY FILE_COPY"
    else
        createdb -T "$1" "$2"
    fi
}

# The base: the template with crm_followup installed, no generated customers.
ensure_base() {
    local db="${PREFIX}_base" conf="$LOGS/install.conf"
    db_exists "$db" && [ "$(stamp_of "$db")" = "$stamp" ] && return 0
    say "bench base database $db: crm_followup installed on $template (log: $LOGS/install.log)"
    copy_db "$template" "$db"
    write_conf "$conf" "$db" "logfile = $LOGS/install.log" "log_level = info"
    : > "$LOGS/install.log"
    "$PY" "$ODOO_BIN" -c "$conf" -i crm_followup --stop-after-init \
        || { check_log "$LOGS/install.log"; die "installing crm_followup failed"; }
    check_log "$LOGS/install.log" || die "installing crm_followup logged errors"
    set_stamp "$db" "$stamp"
}

# ensure_size N: <prefix>_<N> with N generated customers, reused when its stamp matches.
ensure_size() {
    local n=$1 db="${PREFIX}_$1" t0=$SECONDS want="$stamp:$1:$FOLLOWUPS:$OWNED:$CONTACTS"
    if db_exists "$db" && [ "$(stamp_of "$db")" = "$want" ]; then
        say "reusing $db (stamp $stamp)"
        return 0
    fi
    ensure_base
    say "generating $db: $n customers"
    fast_copy "${PREFIX}_base" "$db"
    set_stamp "$db" "generating"
    "$PY" "$ROOT/bench/generate.py" --db "$db" --customers "$n" --followups-per-customer "$FOLLOWUPS" \
        --owned-ratio "$OWNED" --contacts-per-customer "$CONTACTS" || die "generating $db failed (log: $LOGS/odoo.log)"
    set_stamp "$db" "$want"
    say "$db ready in $((SECONDS - t0)) s, $(psql -d postgres -tAc \
        "select pg_size_pretty(pg_database_size('$db'))")"
}

sizes_of() {  # the sizes to run a benchmark with
    if [ -n "${SIZES:-}" ]; then echo "$SIZES"; return; fi
    "$PY" - "$ROOT/bench/bench_$1.py" <<'EOF'
import ast, sys
sizes = [10000, 100000]
for node in ast.parse(open(sys.argv[1], encoding="utf-8").read()).body:
    if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "SIZES" for t in node.targets):
        sizes = ast.literal_eval(node.value)
print(" ".join(str(s) for s in sizes))
EOF
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo "== crm_followup benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "== machine: $(nproc) CPUs (${cpu:-unknown}), $(free -g | awk '/^Mem:/ {print $2}') GB RAM;" \
     "PostgreSQL $(psql -d postgres -tAc 'show server_version'); Python $("$PY" -c 'import platform; print(platform.python_version())')"
echo "== benchmarks: $names"

rc=0
for name in $names; do
    for n in $(sizes_of "$name"); do
        ensure_size "$n"
        echo
        echo "-- bench_$name, $n customers (database ${PREFIX}_$n)"
        BENCH_NAME=$name BENCH_SIZE=$n "$PY" "$ROOT/bench/bench_$name.py" --db "${PREFIX}_$n" --size "$n" \
            || { echo "!! bench_$name failed on $n customers" >&2; rc=1; }
    done
done
check_log "$LOGS/odoo.log" || { echo "the benchmarks logged errors (log: $LOGS/odoo.log)" >&2; rc=1; }

echo
echo "== summary (ratio: how the figure compares with the baseline measured in the same run)"
"$PY" "$ROOT/bench/common.py" --summary "$BENCH_RESULTS"
exit $rc

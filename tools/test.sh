#!/usr/bin/env bash
# make test: the whole suite against real Odoo 11 and PostgreSQL.
#  1. a template database with crm and the addon's other dependencies (demo data, zh_CN),
#     rebuilt only when the dependency set changes;
#  2. a fresh test database copied from it, crm_followup installed into it;
#  3. pytest: the addon's SavepointCase tests (pytest-odoo) and the end-to-end tests in tests/
#     (real HTTP server, JSON-RPC, headless chromium).
# Runs `make lint` first. Fails on a lint finding, a failing test and on any ERROR/CRITICAL line in the Odoo logs.
source "$(dirname "$0")/common.sh"
[ "${LINT:-1}" = 0 ] || bash "$ROOT/tools/lint.sh"   # LINT=0 skips it while iterating
ensure_all
ensure_chromium

TEST_DB=${TEST_DB:-crm_followup_test}
LOGS="$LOCAL/logs/$TEST_DB"; mkdir -p "$LOGS"
CONF="$LOGS/odoo.conf"

template=$(ensure_template)
say "fresh test database $TEST_DB from $template"
copy_db "$template" "$TEST_DB"

write_conf "$CONF" "$TEST_DB" "logfile = $LOGS/install.log" "log_level = info"
: > "$LOGS/install.log"
say "installing crm_followup (log: $LOGS/install.log)"
"$PY" "$ODOO_BIN" -c "$CONF" -i crm_followup --stop-after-init \
    || { check_log "$LOGS/install.log"; die "installing crm_followup failed"; }
check_log "$LOGS/install.log" || die "installing crm_followup logged errors"

write_conf "$CONF" "$TEST_DB" "logfile = $LOGS/pytest.log"
: > "$LOGS/pytest.log"
say "running the tests (Odoo log: $LOGS/pytest.log)"
export CRM_FOLLOWUP_TEST_DB="$TEST_DB" CRM_FOLLOWUP_ROOT="$ROOT" CRM_FOLLOWUP_LOGS="$LOGS" PYTHONPATH="$ROOT/tools"
rc=0
(cd "$ROOT" && "$PY" -m pytest --odoo-config="$CONF" --odoo-database="$TEST_DB" \
    --odoo-log-level=warn "$@") || rc=$?
check_log "$LOGS/pytest.log" || { echo "the tests logged errors" >&2; [ $rc -ne 0 ] || rc=1; }
exit $rc

#!/usr/bin/env bash
# make demo: Odoo 11 with crm_followup and its demo data (a Chinese sales team in Shenzhen and
# Guangzhou), Chinese loaded, serving on http://127.0.0.1:8069. A second run reuses the database
# (updating the addon); DEMO_RESET=1 (make demo-reset) drops it first.
source "$(dirname "$0")/common.sh"
ensure_all

DB=${DEMO_DB:-crm_followup_demo}
CONF="$LOCAL/demo.conf"
LOG="$LOCAL/logs/demo-install.log"; mkdir -p "$LOCAL/logs"
if [ -n "${DEMO_RESET:-}" ] && db_exists "$DB"; then
    say "dropping $DB"
    dropdb "$DB"; rm -rf "$LOCAL/data/filestore/$DB"
fi

write_conf "$CONF" "$DB" "logfile = $LOG"
: > "$LOG"
if db_exists "$DB"; then
    say "updating crm_followup in $DB (make demo-reset starts from scratch)"
    "$PY" "$ODOO_BIN" -c "$CONF" -u crm_followup --stop-after-init || die "update failed (log: $LOG)"
else
    template=$(ensure_template)
    say "creating $DB with crm_followup and demo data"
    copy_db "$template" "$DB"
    "$PY" "$ODOO_BIN" -c "$CONF" -i crm_followup --load-language=zh_CN --stop-after-init \
        || die "install failed (log: $LOG)"
fi
check_log "$LOG" || die "the install logged errors (log: $LOG)"

write_conf "$CONF" "$DB"   # serve with the log on the terminal
cat <<MSG

  crm_followup demo: http://127.0.0.1:${HTTP_PORT:-8069}  (database $DB)
  logins (password = login):
    admin / admin                 administrator
    manager / manager             王建国, sales manager (Follow-up Manager)
    zhangwei / zhangwei           张伟, salesperson, Shenzhen
    lina / lina                   李娜, salesperson, Guangzhou
    wangfang / wangfang           王芳, salesperson, Shenzhen
  Stop with Ctrl-C.

MSG
exec "$PY" "$ODOO_BIN" -c "$CONF"

#!/usr/bin/env bash
# make lint: flake8 and pylint-odoo's mandatory checks (.pylintrc), in a venv of their own.
source "$(dirname "$0")/common.sh"

LINT_VENV="$LOCAL/lint-venv"
want=$(sha1sum "$ROOT/requirements-lint.txt" | cut -c1-12)
if [ "$(cat "$LINT_VENV/.stamp" 2>/dev/null)" != "$want" ]; then
    py=$(command -v python3) || die "python3 (3.9+) is needed for the lint tools"
    say "building the lint virtualenv in $LINT_VENV"
    rm -rf "$LINT_VENV"
    "$py" -m venv "$LINT_VENV"
    "$LINT_VENV/bin/pip" install -q -r "$ROOT/requirements-lint.txt" >"$LOCAL/lint-pip.log" 2>&1 \
        || { grep -v 'is ignored' "$LOCAL/lint-pip.log" | tail; die "pip install of the lint tools failed"; }
    echo "$want" > "$LINT_VENV/.stamp"
fi

cd "$ROOT"
paths=(crm_followup tests tools)
[ -d bench ] && paths+=(bench)
say "flake8"
"$LINT_VENV/bin/flake8" "${paths[@]}"
say "pylint-odoo"
"$LINT_VENV/bin/pylint" --rcfile=.pylintrc crm_followup
say "lint clean"

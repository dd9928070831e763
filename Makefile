# crm_followup: the two commands of a fresh machine are `make demo` and `make test`.
.PHONY: demo demo-reset test lint bench setup

demo:            ## Odoo with crm_followup and demo data on http://127.0.0.1:8069
	@bash tools/demo.sh

demo-reset:      ## drop the demo database and start again
	@DEMO_RESET=1 bash tools/demo.sh

test:            ## the whole test suite (Odoo tests + end-to-end), fails on any ERROR log line
	@bash tools/test.sh

lint:            ## flake8 + pylint-odoo's mandatory checks
	@bash tools/lint.sh

bench:           ## benchmarks on generated data (BENCH="name ..." SIZES="10000 100000")
	@bash tools/bench.sh

setup:           ## only install everything (PostgreSQL, venv, npm, chromium)
	@bash -c 'source tools/common.sh && ensure_all && ensure_chromium'

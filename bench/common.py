"""Shared helpers of the benchmarks (bench/bench_<name>.py), run by tools/bench.sh.

A benchmark is a script with a ``main()`` that parses ``bench_args()`` (``--db``, ``--size``),
measures something with ``timer()`` / ``query_counter()`` inside ``odoo_env()``, and prints each
result with ``report()``: the figure, the baseline measured in the same run and their ratio.
It may declare its default sizes as a module-level ``SIZES = [...]`` (used when SIZES is unset).

The Odoo config comes from $CRM_FOLLOWUP_BENCH_CONF (written by tools/bench.sh).
"""
import argparse
import contextlib
import os
import resource
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # the checkout

# Column widths of a report row: name, figure, baseline, ratio.
_WIDTHS = (44, 16, 52)


def bench_args(description=None, default_size=10000):
    """The command line every benchmark takes: --db (the generated bench DB) and --size."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", required=True, help="benchmark database (crm_followup_bench_<N>)")
    parser.add_argument("--size", type=int, default=default_size, help="number of generated customers")
    return parser.parse_args()


_odoo_loaded = False


def load_odoo():
    """Import Odoo and load the bench config once (log to the bench log file, not the terminal)."""
    global _odoo_loaded
    if not _odoo_loaded:
        os.environ["TZ"] = "UTC"  # as tools/odoo-bin: Odoo stores UTC and expects the process to run in it
        time.tzset()
    import odoo
    if not _odoo_loaded:
        conf = os.environ.get("CRM_FOLLOWUP_BENCH_CONF")
        if not conf or not os.path.exists(conf):
            sys.exit("CRM_FOLLOWUP_BENCH_CONF must name an Odoo config file: run the benchmarks with `make bench`")
        odoo.tools.config.parse_config(["-c", conf])
        _odoo_loaded = True
    return odoo


@contextlib.contextmanager
def odoo_env(db, commit=False, uid=None, context=None):
    """An Odoo environment (superuser unless ``uid``) on a new cursor of ``db``.

    ROLLS BACK on exit by default, so that a benchmark leaves the cached bench DB as it found it.
    ``commit=True`` commits on a clean exit (and still rolls back on an exception): use it only on
    a scratch copy (``scratch_db()``) or to build data (the generator).
    """
    odoo = load_odoo()
    with odoo.api.Environment.manage():
        registry = odoo.registry(db)
        cr = registry.cursor()
        try:
            yield odoo.api.Environment(cr, uid or odoo.SUPERUSER_ID, dict(context or {}))
            if commit:
                cr.commit()
            else:
                cr.rollback()
        except BaseException:
            cr.rollback()
            raise
        finally:
            cr.close()


def _admin_connection():
    import psycopg2
    odoo = load_odoo()
    cfg = odoo.tools.config
    cnx = psycopg2.connect(dbname="postgres", host=cfg["db_host"] or None, port=cfg["db_port"] or None,
                           user=cfg["db_user"] or None, password=cfg["db_password"] or None)
    cnx.autocommit = True
    return cnx


def copy_database(src, dst):
    """``CREATE DATABASE dst TEMPLATE src``, by file copy on PostgreSQL 15+ (seconds even for 1M
    customers). Closes this process's pooled connections to ``src`` first (a template must be idle)."""
    odoo = load_odoo()
    odoo.sql_db.close_db(src)
    cnx = _admin_connection()
    try:
        with cnx.cursor() as cur:
            cur.execute("SELECT current_setting('server_version_num')::int")
            strategy = " STRATEGY FILE_COPY" if cur.fetchone()[0] >= 150000 else ""
            cur.execute('DROP DATABASE IF EXISTS "%s"' % dst)
            cur.execute('CREATE DATABASE "%s" TEMPLATE "%s"%s' % (dst, src, strategy))
    finally:
        cnx.close()


def drop_database(db):
    """Drop ``db`` and its filestore (after closing this process's connections to it)."""
    import shutil
    odoo = load_odoo()
    odoo.sql_db.close_db(db)
    odoo.modules.registry.Registry.delete(db)
    cnx = _admin_connection()
    try:
        with cnx.cursor() as cur:
            cur.execute('DROP DATABASE IF EXISTS "%s"' % db)
    finally:
        cnx.close()
    shutil.rmtree(odoo.tools.config.filestore(db), ignore_errors=True)


@contextlib.contextmanager
def scratch_db(db, suffix="scratch"):
    """A throw-away copy of ``db`` (``<db>_<suffix>``) for benchmarks that must commit
    (e.g. a cron committing per batch); dropped on exit."""
    name = "%s_%s" % (db, suffix)
    copy_database(db, name)
    try:
        yield name
    finally:
        drop_database(name)


class Timer(object):
    seconds = 0.0

    @property
    def ms(self):
        return self.seconds * 1000.0


@contextlib.contextmanager
def timer():
    """Wall-clock time of the block: ``with timer() as t: ...``, then ``t.seconds``."""
    t = Timer()
    start = time.perf_counter()
    try:
        yield t
    finally:
        t.seconds = time.perf_counter() - start


def median_ms(fn, args_list, repeat):
    """Median wall-clock ms of ``fn(*args)`` over ``repeat`` rounds of every ``args`` of
    ``args_list``, after one warm-up call (query plans, registry caches)."""
    fn(*args_list[0])
    times = []
    for _rep in range(repeat):
        for args in args_list:
            with timer() as t:
                fn(*args)
            times.append(t.ms)
    return statistics.median(times)


class QueryCount(object):
    count = 0


@contextlib.contextmanager
def query_counter(cr):
    """SQL statements executed on the Odoo cursor ``cr`` in the block (``.count``), from the
    counter Odoo 11's sql_db keeps on every cursor (``sql_log_count``)."""
    q = QueryCount()
    start = cr.sql_log_count
    try:
        yield q
    finally:
        q.count = cr.sql_log_count - start


def peak_rss_mb():
    """Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _fmt(value, unit):
    if value is None:
        return "-"
    if abs(value) >= 100:
        text = "{:,.0f}".format(value)
    elif abs(value) >= 10:
        text = "{:.1f}".format(value)
    else:
        text = "{:.3g}".format(value)
    return "%s %s" % (text, unit) if unit else text


def ratio_text(figure, unit, baseline):
    """How the figure compares with the baseline, in words.

    Units ending in "/s" are rates (higher is better); everything else (s, ms, MB, queries) is a
    cost (lower is better). Times and rates say faster/slower, other costs say less/more."""
    if baseline is None or not figure or not baseline:
        return "-"
    rate = unit.endswith("/s")
    ratio = figure / baseline if rate else baseline / figure
    timed = rate or unit in ("s", "ms", "us", "min")
    better, worse = ("faster", "slower") if timed else ("less", "more")
    if ratio >= 1:
        return "%s x %s" % (_ratio_num(ratio), better)
    return "%s x %s" % (_ratio_num(1.0 / ratio), worse)


def _ratio_num(r):
    return "{:,.0f}".format(r) if r >= 100 else "{:.1f}".format(r)


def format_row(name, figure_text, baseline_text, ratio):
    w = _WIDTHS
    return "%-*s %*s   %-*s %s" % (w[0], name, w[1], figure_text, w[2], baseline_text, ratio)


def header():
    return format_row("benchmark", "figure", "baseline (same run)", "ratio (figure vs baseline)")


def report(name, figure, unit, baseline=None, baseline_label=None, note=None):
    """Print one aligned row: name, figure, baseline (with its label), ratio in words.

    ``note`` is appended after the ratio (e.g. "baseline extrapolated from 2,000 rows").
    Under tools/bench.sh the row is also appended to $BENCH_RESULTS for the final summary."""
    base = _fmt(baseline, unit)
    if baseline is not None and baseline_label:
        base = "%s (%s)" % (base, baseline_label)
    ratio = ratio_text(figure, unit, baseline)
    if note:
        ratio = "%s  [%s]" % (ratio, note)
    line = format_row(name, _fmt(figure, unit), base, ratio)
    print(line, flush=True)
    results = os.environ.get("BENCH_RESULTS")
    if results:
        prefix = "%s @%s" % (os.environ.get("BENCH_NAME", "?"), os.environ.get("BENCH_SIZE", "?"))
        with open(results, "a", encoding="utf-8") as f:
            f.write("%s\t%s\n" % (prefix, line))
    return line


def print_summary(path):
    """The final table of tools/bench.sh: every row reported in the run, grouped by benchmark."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            prefix, _sep, line = raw.rstrip("\n").partition("\t")
            rows.append((prefix, line))
    if not rows:
        print("(no results)")
        return
    width = max(len(p) for p, _line in rows)
    print("%-*s %s" % (width, "script @size", header()))
    for prefix, line in rows:
        print("%-*s %s" % (width, prefix, line))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--summary":
        print_summary(sys.argv[2])
    else:
        sys.exit("usage: common.py --summary RESULTS_FILE")

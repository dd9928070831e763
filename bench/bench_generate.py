"""The generator itself: N customers (and, once the follow-up model exists, their follow-up history
and reminders) with bench/generate.py, COPY in chunks, against the naive way: the ORM's
``create()`` called once per customer and once per follow-up, with the same values.

The ORM loop runs on a sample (the first generated customers, their values read back) and is
extrapolated linearly to N; the output says so. Both run in a throw-away copy of the base bench
database (crm_followup installed, no generated customers), rolled back and dropped.
"""
import os

from bench.common import bench_args, odoo_env, peak_rss_mb, query_counter, report, scratch_db, timer
from bench.generate import ensure_salespeople, generate

SIZES = [10000, 100000]
SAMPLE = 1000           # customers created through the ORM for the baseline
SAMPLE_WITH_HISTORY = 100
PARTNER_COLUMNS = [
    "name", "is_company", "customer", "street", "zip", "city", "country_id", "lang", "tz",
    "partner_latitude", "partner_longitude", "phone", "mobile", "email", "industry_id", "grade_id",
    "company_size", "lifecycle_stage", "user_id", "team_id"]
# Without the follow-up model the generator writes these figures itself; with it, the ORM
# maintains them from the follow-ups it is given.
FIGURE_COLUMNS = ["last_followup_date", "followup_count", "next_followup_date"]
RECORD_COLUMNS = ["user_id", "date", "method_id", "result_id", "content", "next_followup_date"]


def _sample(env, stats, size, with_history):
    """The first ``size`` generated customers and their follow-ups, as ORM values."""
    cr = env.cr
    columns = PARTNER_COLUMNS + ([] if with_history else FIGURE_COLUMNS)
    cr.execute("SELECT id, %s FROM res_partner WHERE id >= %%s ORDER BY id LIMIT %%s" % ", ".join(columns),
               (stats["first_id"], size))
    customers = []
    for row in cr.fetchall():
        vals = dict(zip(columns, row[1:]))
        for key in ("partner_latitude", "partner_longitude"):   # numeric comes back as Decimal
            vals[key] = float(vals[key])
        customers.append((row[0], vals))
    records = []
    if with_history:
        fields_ = env["crm.followup.record"]._fields
        rcols = [c for c in RECORD_COLUMNS if c in fields_ and fields_[c].store]
        cr.execute("SELECT partner_id, %s FROM crm_followup_record WHERE partner_id = ANY(%%s) ORDER BY date, id"
                   % ", ".join(rcols), ([pid for pid, _vals in customers],))
        records = [(row[0], dict(zip(rcols, row[1:]))) for row in cr.fetchall()]
    return customers, records


def main():
    args = bench_args(__doc__)
    followups = int(os.environ.get("BENCH_FOLLOWUPS", "3"))
    owned = float(os.environ.get("BENCH_OWNED_RATIO", "1.0"))
    base = os.environ.get("BENCH_BASE_DB") or args.db
    with scratch_db(base, "gen") as db:
        with odoo_env(db) as env:
            ensure_salespeople(env)   # created once per bench DB through the ORM: not part of the figure
            env.cr.commit()           # (a scratch copy: committing here is harmless, it is dropped)
            with timer() as t_gen:
                stats = generate(env.cr, args.size, followups_per_customer=followups, owned_ratio=owned)
            with_history = stats["with_history"]
            size = min(args.size, SAMPLE_WITH_HISTORY if with_history else SAMPLE)
            customers, records = _sample(env, stats, size, with_history)
            Partner, Record = env["res.partner"], env.get("crm.followup.record")
            new_id = {}
            with timer() as t_orm, query_counter(env.cr) as q_orm:
                for old_id, vals in customers:
                    new_id[old_id] = Partner.create(vals).id
                for partner_id, vals in records:   # oldest first, as they happened
                    Record.create(dict(vals, partner_id=new_id[partner_id]))

    n = args.size
    what = "%s customers" % "{:,}".format(n)
    if with_history:
        what += " + %s follow-ups" % "{:,}".format(stats["followups"])
    orm_label = "ORM create() loop"
    if size < n:
        orm_label += ", extrapolated from %s" % "{:,}".format(size)
    print("generated %s and %s reminders; ORM baseline: create() per customer%s"
          % (what, "{:,}".format(stats["reminders"]), " and per follow-up" if with_history else ""))
    report("generate: total time (COPY)", t_gen.seconds, "s", t_orm.seconds * n / size, orm_label)
    report("generate: customers per second", n / t_gen.seconds, "rows/s", size / t_orm.seconds, orm_label)
    report("ORM: SQL queries per customer", q_orm.count / float(size), "queries")
    report("peak memory of the process", peak_rss_mb(), "MB")


if __name__ == "__main__":
    main()

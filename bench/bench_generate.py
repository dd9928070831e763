"""The generator itself: N customers with bench/generate.py (COPY in chunks) against the naive way,
the ORM's ``create()`` called once per customer with the same values.

The ORM loop runs on a sample of at most 1,000 of the generated customers (their values read back)
and is extrapolated linearly to N; the output says so. Both run in a throw-away copy of the base
bench database (crm_followup installed, no generated customers), rolled back and dropped.
"""
import os

from bench.common import bench_args, odoo_env, peak_rss_mb, query_counter, report, scratch_db, timer
from bench.generate import ensure_salespeople, generate

SIZES = [10000, 100000]
SAMPLE = 1000
COLUMNS = ["name", "is_company", "customer", "street", "zip", "city", "country_id", "lang", "tz",
           "partner_latitude", "partner_longitude", "phone", "mobile", "email", "industry_id", "grade_id",
           "company_size", "lifecycle_stage", "user_id", "team_id", "last_followup_date", "followup_count",
           "next_followup_date"]


def main():
    args = bench_args(__doc__)
    base = os.environ.get("BENCH_BASE_DB") or args.db
    with scratch_db(base, "gen") as db:
        with odoo_env(db) as env:
            ensure_salespeople(env)   # created once per bench DB through the ORM: not part of the figure
            env.cr.commit()           # (scratch copy: committing is harmless, it is dropped at the end)
            with timer() as t_gen:
                stats = generate(env.cr, args.size)
            env.cr.execute("SELECT %s FROM res_partner WHERE id >= %%s ORDER BY id LIMIT %%s"
                           % ", ".join(COLUMNS), (stats["first_id"], SAMPLE))
            rows = [dict(zip(COLUMNS, r)) for r in env.cr.fetchall()]
            for vals in rows:   # numeric columns come back as Decimal
                for key in ("partner_latitude", "partner_longitude"):
                    vals[key] = float(vals[key])
            Partner = env["res.partner"]
            with timer() as t_orm, query_counter(env.cr) as q_orm:
                for vals in rows:
                    Partner.create(vals)
    n, sample = args.size, len(rows)
    orm_total = t_orm.seconds * n / sample
    extrapolated = "ORM create() loop, extrapolated from %s" % "{:,}".format(sample) if sample < n \
        else "ORM create() loop"
    report("generate %s customers (COPY)" % "{:,}".format(n), t_gen.seconds, "s", orm_total, extrapolated)
    report("generate: customers per second", n / t_gen.seconds, "rows/s", sample / t_orm.seconds,
           "ORM create() loop")
    report("ORM create(): SQL queries per customer", q_orm.count / sample, "queries")
    report("peak memory of the process", peak_rss_mb(), "MB")


if __name__ == "__main__":
    main()

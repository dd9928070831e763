"""The duplicate check's keys (查重): filling them for every partner, as the install does, and the
check a create makes.

- Fill: ``res.partner._fill_duplicate_keys()`` (one SELECT and one UPDATE per slice of 20 000)
  on every partner of the database, its keys emptied first, against what Odoo would do for a new
  stored computed field: the ORM recompute, one record at a time (measured on a sample,
  extrapolated).
- Check: ``_duplicate_find`` for a generated customer's name, phone, mobile and e-mail, as a
  create makes it: its time (median of 200) and that it is one query on the indexes.
"""
import statistics

from bench.common import bench_args, odoo_env, query_counter, report, timer

SIZES = [100000]
SAMPLE = 1000
KEYS = ("name_key", "phone_key", "mobile_key", "email_key")


def main():
    args = bench_args(__doc__)
    with odoo_env(args.db) as env:
        Partner = env["res.partner"].with_context(active_test=False)
        env.cr.execute("UPDATE res_partner SET name_key = NULL, phone_key = NULL, mobile_key = NULL, email_key = NULL")
        env.cr.execute("SELECT count(*) FROM res_partner")
        total = env.cr.fetchone()[0]
        with timer() as fill, query_counter(env.cr) as statements:
            Partner._fill_duplicate_keys()
        env.cr.execute("SELECT count(*) FROM res_partner WHERE phone IS NOT NULL AND phone_key IS NULL")
        assert env.cr.fetchone()[0] == 0, "a partner with a phone has no key"

        sample = Partner.search([], limit=SAMPLE, order="id desc")
        fields = [Partner._fields[key] for key in KEYS]
        with timer() as orm:
            for partner in sample:  # the ORM's recompute of a new stored computed field
                for field in fields:
                    env.add_todo(field, partner)
                partner.recompute()
        orm_total = orm.seconds * total / len(sample)

        customer = sample.filtered("is_company")[:1] or sample[:1]
        keys = Partner._duplicate_keys_of(customer)
        with query_counter(env.cr) as check_queries:
            Partner._duplicate_find(keys, customer.company_id.id)
        query, params = Partner._duplicate_find_query(keys, customer.company_id.id)
        env.cr.execute("EXPLAIN " + query, params)
        plan = "\n".join(row[0] for row in env.cr.fetchall())
        times = []
        for _rep in range(200):
            with timer() as t:
                Partner._duplicate_find(keys, customer.company_id.id)
            times.append(t.ms)

    print("%d partners (customers and their contacts)" % total)
    report("fill the keys of every partner, set-based", fill.seconds, "s", orm_total,
           "ORM recompute per record, extrapolated from %d" % SAMPLE)
    report("fill, SQL statements", statements.count, "queries", total, "one UPDATE per partner")
    report("duplicate check of one new customer", statistics.median(times), "ms")
    report("duplicate check, queries", check_queries.count, "queries",
           note="index scans only" if "Seq Scan on res_partner p" not in plan else "SEQUENTIAL SCAN:\n" + plan)


if __name__ == "__main__":
    main()

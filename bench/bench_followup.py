"""Follow-up records: create 100,000 of them over the generated customers through the ORM, in
batches of 1,000 (``create_batch``, a commit per batch), keeping each customer's stored
last_followup_date / followup_count / next_followup_date right.

Figures: the time and SQL queries per record created, and the part of it spent keeping the
customers' figures and reminders up to date (once per batch). Baselines measured in the same run:
the raw-SQL floor (one INSERT of the same rows plus one aggregate UPDATE of all customers) and the
one SQL aggregate recomputing every customer's figures. At the end the stored figures are checked
against that aggregate: the run fails if a single customer differs.

Runs in a throw-away copy of the bench database (it commits per batch).
"""
import random
from datetime import datetime, timedelta

from bench.common import bench_args, odoo_env, peak_rss_mb, query_counter, report, scratch_db, timer

SIZES = [10000]
N_RECORDS = 100000
BATCH = 1000
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}

AGGREGATE = """
    SELECT r.partner_id, MAX(r.date) AS last_date, COUNT(*) AS cnt,
           (ARRAY_AGG(r.next_followup_date ORDER BY r.date DESC, r.id DESC))[1] AS next_date
      FROM crm_followup_record r GROUP BY r.partner_id"""


def build_values(env, customers, n_records):
    """n_records follow-ups spread evenly over the customers, dated over the last year; a third
    of them plan a next follow-up."""
    rng = random.Random(2026)
    methods = env["crm.followup.method"].search([]).ids
    results = env["crm.followup.result"].search([("requires_content", "=", False)]).ids
    now = datetime.utcnow().replace(microsecond=0)
    values = []
    for i in range(n_records):
        partner_id, owner_id = customers[i % len(customers)]
        date = now - timedelta(minutes=rng.randrange(2, 365 * 24 * 60))
        vals = {"partner_id": partner_id, "user_id": owner_id, "date": str(date),
                "method_id": rng.choice(methods), "result_id": rng.choice(results), "content": "电话沟通"}
        if rng.random() < 0.33:
            vals["next_followup_date"] = str(date + timedelta(days=rng.randint(1, 21)))
        values.append(vals)
    return values


def sql_floor(cr, values):
    """The raw-SQL floor: the same rows in one INSERT, then one aggregate UPDATE of all customers."""
    cols = ["partner_id", "user_id", "date", "method_id", "result_id", "content", "next_followup_date"]
    arrays = [[v.get(c) for v in values] for c in cols]
    cr.execute("""
        INSERT INTO crm_followup_record (partner_id, user_id, date, method_id, result_id, content,
                                         next_followup_date, company_id, create_uid, write_uid,
                                         create_date, write_date)
        SELECT p, u, d::timestamp, m, r, c, n::timestamp, 1, 1, 1, now(), now()
          FROM unnest(%s::int[], %s::int[], %s::text[], %s::int[], %s::int[], %s::text[], %s::text[])
               AS t(p, u, d, m, r, c, n)""", arrays)
    cr.execute("""
        UPDATE res_partner p SET last_followup_date = s.last_date, followup_count = s.cnt,
                                 next_followup_date = s.next_date
          FROM (%s) s WHERE p.id = s.partner_id""" % AGGREGATE)


def mismatches(cr):
    """Customers whose stored figures differ from the aggregate of their follow-ups."""
    cr.execute("""
        SELECT COUNT(*) FROM res_partner p
          LEFT JOIN (%s) s ON s.partner_id = p.id
         WHERE (p.last_followup_date, COALESCE(p.followup_count, 0), p.next_followup_date)
               IS DISTINCT FROM (s.last_date, COALESCE(s.cnt, 0), s.next_date)""" % AGGREGATE)
    return cr.fetchone()[0]


def main():
    args = bench_args(__doc__)
    with scratch_db(args.db, "followup") as db, odoo_env(db, context=QUIET) as env:
        cr = env.cr
        cr.execute("""SELECT id, user_id FROM res_partner
                       WHERE is_company AND customer AND id = commercial_partner_id
                         AND user_id IS NOT NULL  -- a pool customer is claimed before it is followed up
                       ORDER BY id DESC LIMIT %s""", (args.size,))
        customers = cr.fetchall()
        values = build_values(env, customers, N_RECORDS)
        before = mismatches(cr)

        # The SQL floor first, in a savepoint rolled back (the ORM run below starts from the same state).
        cr.execute("SAVEPOINT floor")
        with timer() as t_floor:
            sql_floor(cr, values)
        cr.execute("ROLLBACK TO SAVEPOINT floor")
        env["res.partner"].invalidate_cache()

        Record = env["crm.followup.record"]
        upkeep_s, upkeep_q = 0.0, 0
        with timer() as t_orm, query_counter(cr) as q_orm:
            for start in range(0, len(values), BATCH):
                # create_batch() without its last step, so that the upkeep is measured on its own
                deferred = Record.with_context(followup_defer_sync=True).with_prefetch()
                records = deferred.browse([deferred.create(vals).id for vals in values[start:start + BATCH]])
                with timer() as t_up, query_counter(cr) as q_up:
                    records._after_create(quiet=True)
                upkeep_s += t_up.seconds
                upkeep_q += q_up.count
                cr.commit()  # a scratch copy: one transaction per batch, as an import would do
                env.cache.invalidate()  # keep memory flat: the next batch reads its own records

        with timer() as t_agg:
            cr.execute("""UPDATE res_partner p SET last_followup_date = s.last_date, followup_count = s.cnt,
                                                  next_followup_date = s.next_date
                            FROM (%s) s WHERE p.id = s.partner_id
                             AND (p.last_followup_date, p.followup_count, p.next_followup_date)
                                 IS DISTINCT FROM (s.last_date, s.cnt, s.next_date)""" % AGGREGATE)
        changed_by_aggregate = cr.rowcount
        cr.rollback()
        wrong = mismatches(cr)

    n = len(values)
    label = "{:,} follow-ups over {:,} customers".format(n, len(customers))
    report("ORM create_batch: %s" % label, t_orm.seconds, "s", t_floor.seconds,
           "raw SQL floor: 1 INSERT + 1 aggregate UPDATE")
    report("ORM: follow-ups created per second", n / t_orm.seconds, "rows/s", n / t_floor.seconds, "raw SQL floor")
    report("ORM: SQL queries per follow-up created", q_orm.count / float(n), "queries")
    report("customer figures + reminders, per batch of %s" % "{:,}".format(BATCH),
           upkeep_s * 1000.0 * BATCH / n, "ms", t_agg.seconds * 1000.0,
           "1 SQL aggregate over all customers")
    report("customer figures + reminders: queries per batch", upkeep_q * BATCH / float(n), "queries")
    report("customers whose stored figures differ from the aggregate", wrong, "customers",
           note="checked after the run; %d before it, %d changed by the aggregate"
           % (before, changed_by_aggregate))
    report("peak memory of the process", peak_rss_mb(), "MB")
    if wrong or changed_by_aggregate:
        raise SystemExit("stored follow-up figures differ from the SQL aggregate for %d customers" % wrong)


if __name__ == "__main__":
    main()

"""Public pool (公海): the scheduled take-back on N owned customers of which 20% are due, against
(a) the raw-SQL floor: one UPDATE of the same rows and columns (no contacts, no history),
(b) hand-written SQL making the same writes as the take-back for the known due ids (history rows,
reminder notes, contacts, the UPDATE): what the required writes cost without any deciding, and
(c) the naive ORM way: search the due customers, then write each one (owner, previous owner,
release date, its contacts) and create its history row one by one. The naive loop runs on a
sample of at most 2,000 of the due customers and is extrapolated linearly; the output says so.
The set-up is committed on a throw-away copy and vacuumed; then the take-back and both SQL baselines run
twice each, interleaved, each rolled back to a savepoint, and the best of two is reported.

Then 20 parallel claims of one pool customer by 20 salespeople, each in its own thread, cursor and
transaction (retried on serialization failures like Odoo's RPC layer): exactly one must win. They
commit, so they run on a throw-away copy of the database.
"""
import random
import threading
import time
from datetime import timedelta

from bench.common import bench_args, odoo_env, peak_rss_mb, query_counter, report, scratch_db, timer

SIZES = [100000, 1000000]
DUE_SHARE = 5       # every 5th customer is due: 20%
NAIVE_SAMPLE = 2000
CLAIMERS = 20


def setup(env):
    """A default pool with the no-follow-up rule (30 days) and no warning; every 5th generated
    customer last followed up 40 days ago, the others 5 days ago. Returns (pool, due ids)."""
    cr = env.cr
    company = env.user.company_id
    env["crm.followup.pool"].search([("company_id", "=", company.id)]).write({"is_default": False})
    pool = env["crm.followup.pool"].create({
        "name": "基准公海", "company_id": company.id, "is_default": True, "takeback_active": True,
        "rule_no_followup": True, "no_followup_days": 30, "warning_days": 0,
        "member_user_ids": [(6, 0, env["res.users"].search([("login", "like", "bench_sales_%")]).ids)],
    })
    cr.execute("""
        UPDATE res_partner SET date_owner_received = now() at time zone 'utc' - interval '100 days',
               last_followup_date = now() at time zone 'utc'
                                    - (CASE WHEN id %% %s = 0 THEN 40 ELSE 5 END) * interval '1 day'
         WHERE user_id IS NOT NULL AND customer AND id = commercial_partner_id AND company_id = %s
    """, [DUE_SHARE, company.id])
    cr.execute("ANALYZE res_partner")
    # the pool takes back its company's customers only (the demo's second company keeps its own)
    cr.execute("SELECT id FROM res_partner WHERE user_id IS NOT NULL AND customer AND id = commercial_partner_id"
               " AND last_followup_date < now() at time zone 'utc' - interval '30 days'"
               " AND NOT COALESCE(followup_locked, FALSE) AND company_id = %s ORDER BY id", [company.id])
    return pool, [r[0] for r in cr.fetchall()]


def vacuum(db):
    """As autovacuum would have done after the set-up's mass update."""
    import odoo
    cr = odoo.sql_db.db_connect(db).cursor()
    try:
        cr.autocommit(True)
        cr.execute("VACUUM ANALYZE res_partner")
    finally:
        cr.close()


def measure_takeback(env, pool):
    from odoo import fields
    env.cr.execute("SAVEPOINT bench_takeback")
    with timer() as t, query_counter(env.cr) as q:
        moved = pool._takeback(fields.Datetime.now(), commit=False)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_takeback")
    env.clear()
    return t.seconds, q.count, moved


def measure_sql_floor(env, due_ids, pool):
    env.cr.execute("SAVEPOINT bench_floor")
    with timer() as t:
        env.cr.execute("""
            UPDATE res_partner SET user_id = NULL, previous_user_id = user_id,
                   date_released = now() at time zone 'utc', date_owner_received = NULL, pool_id = %s
             WHERE id = ANY(%s)
        """, [pool.id, due_ids])
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_floor")
    return t.seconds


def measure_same_writes(env, due_ids, pool):
    """Hand-written SQL that makes the same writes as the take-back for the same customers, with
    nothing to decide: a history row each, the notes of the former owners' reminders and their
    deletion, the contacts, then the floor's UPDATE. The gap between this and the floor is the
    work the take-back must do; the gap between the take-back and this is its own overhead."""
    cr = env.cr
    uid, author = env.uid, env.user.partner_id.id
    subtype = env.ref("mail.mt_activities").id
    cr.execute("SAVEPOINT bench_same")
    with timer() as t:
        cr.execute("""
            INSERT INTO crm_followup_pool_log (action, partner_id, from_user_id, pool_id, rule, date, company_id,
                                               create_uid, create_date, write_date)
            SELECT 'takeback', p.id, p.user_id, %s, 'no_followup', now() at time zone 'utc', p.company_id,
                   %s, now() at time zone 'utc', now() at time zone 'utc'
              FROM res_partner p WHERE p.id = ANY(%s)
        """, [pool.id, uid, due_ids])
        cr.execute("""
            WITH gone AS (
                DELETE FROM mail_activity a USING res_partner c
                 WHERE a.res_model = 'res.partner' AND a.res_id = c.id AND c.commercial_partner_id = ANY(%s)
                   AND a.user_id = (SELECT user_id FROM res_partner o WHERE o.id = c.commercial_partner_id)
                RETURNING a.res_id, a.activity_type_id, a.summary
            )
            INSERT INTO mail_message (model, res_id, mail_activity_type_id, body, message_type, subtype_id,
                                      author_id, date, create_uid, write_uid, create_date, write_date)
            SELECT 'res.partner', res_id, activity_type_id, '<p>' || COALESCE(summary, '') || '</p>',
                   'notification', %s, %s, now() at time zone 'utc', %s, %s,
                   now() at time zone 'utc', now() at time zone 'utc'
              FROM gone
        """, [due_ids, subtype, author, uid, uid])
        cr.execute("UPDATE res_partner SET user_id = NULL, pool_id = %s WHERE parent_id = ANY(%s)",
                   [pool.id, due_ids])
        cr.execute("""
            UPDATE res_partner SET user_id = NULL, previous_user_id = user_id,
                   date_released = now() at time zone 'utc', date_owner_received = NULL, pool_id = %s
             WHERE id = ANY(%s)
        """, [pool.id, due_ids])
    cr.execute("ROLLBACK TO SAVEPOINT bench_same")
    return t.seconds


def measure_naive(env, pool, due_count):
    """The ORM loop a first implementation would write, on a sample of the due customers."""
    from odoo import fields
    env.cr.execute("SAVEPOINT bench_naive")
    Partner = env["res.partner"]
    Log = env["crm.followup.pool.log"]
    cutoff = fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=30))
    with timer() as t_search:
        due = Partner.search([("user_id", "!=", False), ("is_followup_customer", "=", True),
                              ("last_followup_date", "<", cutoff)])
    sample = due[:NAIVE_SAMPLE]
    with timer() as t_loop:
        for partner in sample:
            owner = partner.user_id
            now = fields.Datetime.now()
            partner.write({"user_id": False, "previous_user_id": owner.id, "date_released": now,
                           "pool_id": pool.id})
            partner.child_ids.write({"user_id": False, "pool_id": pool.id})
            Log.sudo().create({"action": "takeback", "partner_id": partner.id, "from_user_id": owner.id,
                               "pool_id": pool.id, "rule": "no_followup", "date": now})
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_naive")
    env.clear()
    return t_search.seconds + t_loop.seconds * due_count / max(len(sample), 1), len(sample), len(due)


def parallel_claims(db):
    """20 salespeople claim the same pool customer at the same moment; returns (winners, seconds)."""
    import odoo
    from psycopg2 import errorcodes, OperationalError
    with odoo_env(db, commit=True) as env:
        pool = env["crm.followup.pool"].search([("name", "=", "基准公海")])
        users = pool.member_user_ids[:CLAIMERS]
        env.cr.execute("SELECT id FROM res_partner WHERE user_id IS NOT NULL AND customer"
                       " AND id = commercial_partner_id ORDER BY id LIMIT 1")
        target = env.cr.fetchone()[0]
        env["res.partner"].browse(target).write({"user_id": False, "pool_id": pool.id})
        pool.write({"daily_claim_limit": 0, "holding_cap": 0, "reclaim_block_days": 0})
    registry = odoo.registry(db)
    barrier = threading.Barrier(len(users))
    outcome = []
    retry = (errorcodes.SERIALIZATION_FAILURE, errorcodes.LOCK_NOT_AVAILABLE, errorcodes.DEADLOCK_DETECTED)

    def claim(uid):
        barrier.wait()
        for attempt in range(5):
            with odoo.api.Environment.manage(), registry.cursor() as cr:
                env = odoo.api.Environment(cr, uid, {})
                try:
                    env["res.partner"].browse(target).action_claim()
                    cr.commit()
                    outcome.append("won")
                    return
                except OperationalError as e:
                    cr.rollback()
                    if e.pgcode not in retry:
                        raise
                    time.sleep(random.uniform(0, 0.1 * 2 ** attempt))
                except odoo.exceptions.UserError:
                    cr.rollback()
                    outcome.append("refused")
                    return
        outcome.append("gave up")

    threads = [threading.Thread(target=claim, args=(u.id,)) for u in users]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome, time.perf_counter() - start


def main():
    args = bench_args(__doc__)
    n = args.size
    # A throw-away copy with the set-up committed, so that the take-back meets rows as a cron
    # does (not rows already updated in its own transaction); each measurement is rolled back.
    with scratch_db(args.db, "pool") as db:
        with odoo_env(db, commit=True) as env:
            _pool, due_ids = setup(env)
        vacuum(db)
        with odoo_env(db) as env:
            pool = env["crm.followup.pool"].search([("name", "=", "基准公海")])
            rss_before = peak_rss_mb()
            # interleaved, twice each, best of two: the machine is shared and caches warm up
            floors, sames, runs = [], [], []
            for _i in range(2):
                floors.append(measure_sql_floor(env, due_ids, pool))
                sames.append(measure_same_writes(env, due_ids, pool))
                runs.append(measure_takeback(env, pool))
            floor, same = min(floors), min(sames)
            took, queries, moved = min(runs)
            rss_after = peak_rss_mb()
            assert moved == len(due_ids), (moved, len(due_ids))
            naive = sample = None
            if n <= 100000:
                naive, sample, found = measure_naive(env, pool, len(due_ids))
                assert found == len(due_ids), (found, len(due_ids))
        claims = parallel_claims(db) if n <= 100000 else None
    label = "{:,}".format(n)
    report("take-back %s owned, %s due" % (label, "{:,}".format(moved)), took, "s", floor,
           "raw SQL floor: one UPDATE of the same rows")
    report("take-back %s owned (vs the same writes in SQL)" % label, took, "s", same,
           "hand-written SQL: history, reminder notes, contacts, UPDATE")
    report("the same writes in SQL (vs the floor)", same, "s", floor, "one UPDATE of the same rows")
    if naive is not None:
        report("take-back %s owned (vs naive ORM)" % label, took, "s", naive,
               "ORM search + write per record, extrapolated from %s" % "{:,}".format(sample))
    report("take-back: SQL statements", queries, "queries")
    report("take-back: peak memory (before %.0f MB)" % rss_before, rss_after, "MB")
    if claims:
        outcome, seconds = claims
        report("%d parallel claims of one customer: %d won, %d refused"
               % (len(outcome), outcome.count("won"), outcome.count("refused")), seconds, "s")
        assert outcome.count("won") == 1, outcome


if __name__ == "__main__":
    main()

"""The salesperson's workbench (今日工作台): ``crm.followup.workbench.get_data()`` as a salesperson
with ~2 000 customers in a 100 000-customer database, against the plain "Due for Follow-up" list
of the same salesperson (the ORM ``search_read`` its list view makes: due by cadence, own
customers, first 80), measured in the same run. Both as that salesperson, record rules applied,
a fresh cache each time as a new RPC request would have; the public pool's take-back switched on
(rolled back afterwards) so that the take-back section does its real work. Median over 10
salespeople x 10 repetitions, after a warm-up.
"""
import statistics

from bench.common import bench_args, odoo_env, query_counter, report, timer

SIZES = [100000]
USERS = 10
REPEAT = 10
LIMIT = 80
FIELDS = ["display_name", "grade_id", "city", "industry_id", "phone", "user_id", "last_followup_date",
          "next_followup_date", "followup_count"]


def _median_ms(fn, args_list):
    fn(*args_list[0])   # warm-up: plans, registry caches
    times = []
    for _rep in range(REPEAT):
        for args in args_list:
            with timer() as t:
                fn(*args)
            times.append(t.ms)
    return statistics.median(times)


def main():
    args = bench_args(__doc__)
    with odoo_env(args.db) as env:
        pool = env["crm.followup.pool"]._default_pool(env.user.company_id)
        pool.write({"takeback_active": True, "rule_no_followup": True, "no_followup_days": 30})
        env.cr.execute("""SELECT user_id, count(*) FROM res_partner
                           WHERE customer AND is_company AND user_id IS NOT NULL
                           GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT %s""", (USERS,))
        owners = env.cr.fetchall()
        cases = [(uid,) for uid, _count in owners]
        per_user = sum(c for _uid, c in owners) / float(len(owners))

        def workbench(uid):
            user_env = env(user=uid)
            user_env.clear()   # a new request starts with an empty cache
            return user_env["crm.followup.workbench"].get_data()

        def due_list(uid):
            user_env = env(user=uid)
            user_env.clear()
            return user_env["res.partner"].search_read(
                [("is_company", "=", True), ("customer", "=", True), ("followup_due", "=", True),
                 ("user_id", "=", uid)], FIELDS, limit=LIMIT)

        data = workbench(cases[0][0])
        with query_counter(env.cr) as q_bench:
            workbench(cases[0][0])
        with query_counter(env.cr) as q_list:
            due_list(cases[0][0])
        bench_ms = _median_ms(workbench, cases)
        list_ms = _median_ms(due_list, cases)

    print("workbench of a salesperson with ~%d customers (%d due, %d taken back within 7 days); median of %d"
          % (per_user, data["due"]["total"], data["takeback"]["total"], len(cases) * REPEAT))
    report("workbench, get_data()", bench_ms, "ms", list_ms, "Due for Follow-up list, search_read")
    report("workbench, queries per load", q_bench.count, "queries", q_list.count, "Due for Follow-up list")


if __name__ == "__main__":
    main()

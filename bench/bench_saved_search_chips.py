"""The workbench's chips (标签搜索): 10 saved searches with a live count each, as the user who
opens the workbench (record rules applied, a fresh cache each time as a new RPC request).

``ir.filters.get_workbench_chips()`` (reads the user's visible searches, evaluates each domain's
relative dates, counts the ten in one ``COUNT(*) FILTER (WHERE ...)`` query) against the baseline
of the same run: the same ten domains, already evaluated, counted by ten plain ``search_count``
calls. As a salesperson (rules: own and pool customers) and as a Follow-up Manager (the whole
company). Median of REPEAT runs after a warm-up.
"""
from bench.common import bench_args, median_ms, odoo_env, query_counter, report

SIZES = [100000]
REPEAT = 20
SEARCHES = [
    ("本周待跟进", "[('is_followup_customer', '=', True), ('next_followup_date', '>=', (context_today() + "
     "relativedelta(weeks=-1, days=1, weekday=0)).strftime('%Y-%m-%d')), ('next_followup_date', '<', "
     "(context_today() + relativedelta(days=1, weekday=0)).strftime('%Y-%m-%d'))]"),
    ("7天内跟进", "[('next_followup_date', '>=', context_today().strftime('%Y-%m-%d')), ('next_followup_date', "
     "'<', (context_today() + relativedelta(days=8)).strftime('%Y-%m-%d'))]"),
    ("14天未跟进A类", "[('grade_id.code', '=', 'A'), '|', ('last_followup_date', '=', False), "
     "('last_followup_date', '<', (context_today() - relativedelta(days=14)).strftime('%Y-%m-%d'))]"),
    ("待跟进", "[('followup_due', '=', True)]"),
    ("本月新接手", "[('date_owner_received', '>=', context_today().strftime('%Y-%m-01'))]"),
    ("深圳客户", "[('city', 'ilike', '深圳')]"),
    ("电子行业", "[('name', 'ilike', '电子')]"),
    ("成熟期", "[('lifecycle_stage', '=', 'maturity')]"),
    ("大客户", "[('company_size', 'in', ['101_500', '501_plus'])]"),
    ("我的客户", "[('user_id', '=', uid), ('is_company', '=', True)]"),
]


def main():
    args = bench_args(__doc__)
    with odoo_env(args.db) as env:
        env.cr.execute("""SELECT u.id FROM res_users u JOIN res_partner p ON p.user_id = u.id
                           WHERE u.login LIKE 'bench_sales_%%' GROUP BY u.id ORDER BY count(*) DESC LIMIT 1""")
        salesperson = env["res.users"].browse(env.cr.fetchone()[0])
        manager = env.ref("crm_followup.crm_followup_group_manager").users.filtered(
            lambda u: u.id != 1 and u.company_id == salesperson.company_id)[:1]
        Filters = env["ir.filters"]
        for name, domain in SEARCHES:
            Filters.sudo(salesperson).create({
                "name": name, "model_id": "res.partner", "domain": domain, "share_scope": "company",
                "on_workbench": True, "followup_tag": "bench"})
        rows = []
        for label, user in (("salesperson", salesperson), ("Follow-up Manager", manager)):
            user_env = env(user=user.id)
            # exactly the ten: the shipped system searches hidden for this user (rolled back)
            user_env["ir.filters"].search([("is_system", "=", True)]).action_followup_hide()

            def chips():
                user_env.clear()  # a new request starts with an empty cache
                return user_env["ir.filters"].get_workbench_chips()

            result = chips()
            assert len(result) == len(SEARCHES), [c["name"] for c in result]
            searches = user_env["ir.filters"].browse([c["id"] for c in result])
            domains = [search._followup_domain() for search in searches]

            def counts():
                user_env.clear()
                return [user_env["res.partner"].search_count(domain) for domain in domains]

            assert [c["count"] for c in result] == counts(), "the chips count what search_count counts"
            with query_counter(env.cr) as chips_q:
                chips()
            with query_counter(env.cr) as counts_q:
                counts()
            rows.append((label, median_ms(chips, [()], REPEAT), chips_q.count,
                         median_ms(counts, [()], REPEAT), counts_q.count, sum(c["count"] for c in result)))

    print("%d saved searches on %d customers, live counts as the user; median of %d" % (
        len(SEARCHES), args.size, REPEAT))
    for label, chips_ms, chips_queries, counts_ms, counts_queries, total in rows:
        report("chips, %s (%d records counted)" % (label, total), chips_ms, "ms", counts_ms,
               "10 x search_count, domains given")
        report("chips, %s, queries" % label, chips_queries, "queries", counts_queries, "10 x search_count")


if __name__ == "__main__":
    main()

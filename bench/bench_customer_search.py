"""A salesperson's working list: "my grade-A customers, longest without follow-up first".

The ORM ``search_read`` a list view makes (as the salesperson, record rules applied, a fresh cache
each time as a new RPC request would have), against the raw-SQL floor: one hand-written query
returning the same rows and the same display names. Also the pager's ``search_count`` against
``SELECT count(*)``. Each figure is the median over 10 salespeople x 10 repetitions, after a warm-up.
"""
from bench.common import bench_args, median_ms, odoo_env, query_counter, report

SIZES = [100000]
USERS = 10
REPEAT = 10
LIMIT = 80
FIELDS = ["name", "city", "phone", "mobile", "grade_id", "user_id", "last_followup_date",
          "next_followup_date", "followup_count"]
FLOOR_SQL = """
    SELECT p.id, p.name, p.city, p.phone, p.mobile, p.grade_id, g.name, p.user_id, up.name,
           p.last_followup_date, p.next_followup_date, p.followup_count
      FROM res_partner p
      LEFT JOIN crm_followup_grade g ON g.id = p.grade_id
      LEFT JOIN res_users u ON u.id = p.user_id
      LEFT JOIN res_partner up ON up.id = u.partner_id
     WHERE p.active AND p.customer AND p.is_company AND p.user_id = %s AND p.grade_id = %s
     ORDER BY p.last_followup_date, p.id
     LIMIT %s
"""
COUNT_SQL = """
    SELECT count(*) FROM res_partner p
     WHERE p.active AND p.customer AND p.is_company AND p.user_id = %s AND p.grade_id = %s
"""


def main():
    args = bench_args(__doc__)
    with odoo_env(args.db) as env:
        grade_a = env["crm.followup.grade"].search([("code", "=", "A")], limit=1).id
        env.cr.execute("""SELECT user_id, count(*) FROM res_partner
                           WHERE customer AND is_company AND grade_id = %s AND user_id IS NOT NULL
                           GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT %s""", (grade_a, USERS))
        owners = env.cr.fetchall()
        cases = [(uid, grade_a) for uid, _count in owners]
        per_user = sum(c for _uid, c in owners) / float(len(owners))

        def domain(uid, grade):
            return [("customer", "=", True), ("is_company", "=", True), ("user_id", "=", uid),
                    ("grade_id", "=", grade)]

        def orm_page(uid, grade):
            user_env = env(user=uid)
            user_env.clear()   # a new request starts with an empty cache
            return user_env["res.partner"].search_read(domain(uid, grade), FIELDS, limit=LIMIT,
                                                       order="last_followup_date, id")

        def orm_count(uid, grade):
            user_env = env(user=uid)
            user_env.clear()
            return user_env["res.partner"].search_count(domain(uid, grade))

        def sql_page(uid, grade):
            env.cr.execute(FLOOR_SQL, (uid, grade, LIMIT))
            return env.cr.fetchall()

        def sql_count(uid, grade):
            env.cr.execute(COUNT_SQL, (uid, grade))
            return env.cr.fetchone()

        # Same rows both ways, or the comparison means nothing.
        uid, grade = cases[0]
        orm_ids = [r["id"] for r in orm_page(uid, grade)]
        sql_ids = [r[0] for r in sql_page(uid, grade)]
        assert orm_ids == sql_ids, "the ORM and the SQL floor return different rows"
        with query_counter(env.cr) as q:
            orm_page(uid, grade)

        orm_ms = median_ms(orm_page, cases, REPEAT)
        sql_ms = median_ms(sql_page, cases, REPEAT)
        orm_count_ms = median_ms(orm_count, cases, REPEAT)
        sql_count_ms = median_ms(sql_count, cases, REPEAT)

    print("first %d of ~%d grade-A customers of a salesperson, as that salesperson; median of %d"
          % (LIMIT, per_user, len(cases) * REPEAT))
    report("list page, ORM search_read", orm_ms, "ms", sql_ms, "raw SQL floor")
    report("list page, ORM queries per request", q.count, "queries", 1, "raw SQL floor")
    report("pager, ORM search_count", orm_count_ms, "ms", sql_count_ms, "raw SQL count(*)")


if __name__ == "__main__":
    main()

"""Global search (全局搜索) as a salesperson through the ORM: 100 varied queries (full and partial
names, phones and mobiles in the formats people type them, e-mails, contacts' names, mobiles and
e-mails) with ``followup_global_search(text, 20)`` against Odoo's stock search: one ``ilike``
domain over the same fields (name, phone, mobile, email, the contacts' name, phone, mobile and
email, city, street), limit 20, in the same run. Each request starts with an empty cache, as a new
RPC request would. Also: how many queries found the customer they were made from.
"""
import random
import statistics

from bench.common import bench_args, odoo_env, query_counter, report, timer

SIZES = [100000]
LIMIT = 20
SEED = 11
STOCK_FIELDS = ["name", "phone", "mobile", "email", "child_ids.name", "child_ids.phone", "child_ids.mobile",
                "child_ids.email", "city", "street"]


def phone_forms(number):
    """'0755-12345678' -> the ways a caller says it."""
    area, local = number.split("-")
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in number)
    return ["%s-%s" % (area, local), "+86 %s %s %s" % (area[1:], local[:4], local[4:]), "(%s)%s" % (area, local),
            local, full_width]


def mobile_forms(mobile):
    return [mobile, "%s %s %s" % (mobile[:3], mobile[3:7], mobile[7:]), "+86 %s" % mobile, "%s-%s-%s" % (
        mobile[:3], mobile[3:7], mobile[7:])]


def build_queries(env, uid, rng):
    """[(text, expected customer id)]: 100 queries made from the salesperson's own customers."""
    env.cr.execute("""SELECT p.id, p.name, p.phone, p.mobile, p.email, p.industry_id
                        FROM res_partner p WHERE p.user_id = %s AND p.is_company AND p.customer AND p.active
                       ORDER BY p.id""", [uid])
    customers = env.cr.fetchall()
    env.cr.execute("""SELECT c.parent_id, c.name, c.mobile, c.email FROM res_partner c
                        JOIN res_partner p ON p.id = c.parent_id
                       WHERE p.user_id = %s AND p.is_company AND NOT c.is_company ORDER BY c.id""", [uid])
    contacts = env.cr.fetchall()
    pick = lambda rows, n: [rows[rng.randrange(len(rows))] for _i in range(n)]  # noqa: E731
    queries = []
    for cid, name, _phone, _mobile, _email, _ind in pick(customers, 15):
        queries.append((name, cid))                                   # full name
    for cid, name, _phone, _mobile, _email, _ind in pick(customers, 15):
        short = name.replace("有限公司", "").replace("股份", "").replace("集团", "").replace("实业", "")
        short = short.split("市", 1)[-1]
        queries.append((short, cid))                                  # without city and legal form
    for cid, name, _phone, _mobile, _email, _ind in pick(customers, 10):
        start = rng.randrange(3, 5)
        queries.append((name[start:start + 4], cid))                  # a part of the name
    for cid, _name, phone, _mobile, _email, _ind in pick(customers, 20):
        queries.append((rng.choice(phone_forms(phone)), cid))
    for cid, _name, _phone, mobile, _email, _ind in pick(customers, 10):
        queries.append((rng.choice(mobile_forms(mobile)), cid))
    for cid, _name, _phone, _mobile, email, _ind in pick(customers, 10):
        queries.append((email if rng.random() < 0.7 else email.upper(), cid))
    for cid, name, mobile, email in pick(contacts, 20):
        kind = rng.randrange(3)
        queries.append((name if kind == 0 else rng.choice(mobile_forms(mobile)) if kind == 1 else email, cid))
    return queries


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    args = bench_args(__doc__)
    with odoo_env(args.db) as env:
        env.cr.execute("""SELECT p.user_id FROM res_partner p JOIN res_users u ON u.id = p.user_id
                           WHERE u.login LIKE 'bench_sales_%%' AND p.is_company AND p.customer
                           GROUP BY p.user_id ORDER BY count(*) DESC, p.user_id LIMIT 1""")
        uid = env.cr.fetchone()[0]
        queries = build_queries(env, uid, random.Random(SEED))
        Partner = env(user=uid)["res.partner"]

        def ours(text):
            Partner.env.clear()
            return [row["id"] for row in Partner.followup_global_search(text, LIMIT)]

        def stock(text):
            Partner.env.clear()
            domain = ["|"] * (len(STOCK_FIELDS) - 1) + [(field, "ilike", text) for field in STOCK_FIELDS]
            return Partner.search([("customer", "=", True)] + domain, limit=LIMIT).ids

        def measure(fn):
            for text, _cid in queries[:10]:
                fn(text)    # warm-up: plans, registry caches
            times, found = [], 0
            for text, cid in queries:
                with timer() as t:
                    ids = fn(text)
                times.append(t.ms)
                found += cid in ids
            return times, found

        with query_counter(env.cr) as q:
            ours(queries[40][0])
        our_times, our_found = measure(ours)
        stock_times, stock_found = measure(stock)

    print("%d queries (names, partial names, phones, mobiles, e-mails, contacts) as a salesperson "
          "(%d own customers), limit %d" % (len(queries), len(set(c for _t, c in queries)), LIMIT))
    report("global search p95", percentile(our_times, 0.95), "ms", percentile(stock_times, 0.95), "stock ilike p95")
    report("global search median", statistics.median(our_times), "ms", statistics.median(stock_times),
           "stock ilike median")
    report("global search queries per request", q.count, "queries")
    report("queries that found their customer", our_found, "", note="stock ilike: %d of %d" % (
        stock_found, len(queries)))


if __name__ == "__main__":
    main()

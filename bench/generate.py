"""Fill a benchmark database with N customer companies, fast (COPY in chunks, not the ORM).

    python bench/generate.py --db crm_followup_bench_100000 --customers 100000

What one customer looks like: a company (is_company, customer) with a realistic Chinese name
(city + brand + industry + legal form, e.g. 深圳市华信电子有限公司), a district of Shenzhen or
Guangzhou with its real coordinates (plus a little jitter), street, phones and e-mail, an industry,
a grade (A 10% / B 20% / C 40% / D 30%), an owner among 50 generated salespeople (``owned_ratio``
of the customers; the rest have no owner, as in a public pool) with the date the owner received
it, and its follow-up figures (``last_followup_date``, ``followup_count``, ``next_followup_date``).

Follow-up history rows (``followups_per_customer`` per customer) are written to
``crm_followup_record`` only when that table exists; the partner's stored figures then agree
with the history. Otherwise only the partner's figures are generated.

How it stays fast and faithful: one partner is created through the ORM in a savepoint to read back
every column's default and stored computed value (so columns added by other modules get what the
ORM would give them), the savepoint is rolled back, and the rows are streamed with COPY in chunks of
50,000 with that row as the template. Ids are reserved from the table's sequence so that
``commercial_partner_id`` can point at the row itself. Constraints, foreign keys and indexes stay on.
Salespeople are created once through the ORM. Mail followers and chatter messages are not created
(as with an SQL import).
"""
import datetime
import io
import os
import random
import sys
import time

if __name__ == "__main__":  # run as a script: make `bench.common` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CHUNK = 50000
N_SALESPEOPLE = 50
SALESPERSON_LOGIN = "bench_sales_%02d"

# (district, latitude, longitude) of the district governments.
DISTRICTS = {
    "深圳市": ("518000", "0755", [
        ("福田区", 22.5218, 114.0550), ("罗湖区", 22.5485, 114.1315), ("南山区", 22.5329, 113.9305),
        ("宝安区", 22.5553, 113.8838), ("龙岗区", 22.7204, 114.2470), ("龙华区", 22.6969, 114.0448),
        ("盐田区", 22.5578, 114.2368), ("坪山区", 22.6906, 114.3462), ("光明区", 22.7487, 113.9359),
    ]),
    "广州市": ("510000", "020", [
        ("天河区", 23.1249, 113.3612), ("越秀区", 23.1289, 113.2668), ("海珠区", 23.0839, 113.3173),
        ("荔湾区", 23.1259, 113.2442), ("白云区", 23.1574, 113.2730), ("番禺区", 22.9376, 113.3840),
        ("黄埔区", 23.1064, 113.4592), ("花都区", 23.4040, 113.2204), ("南沙区", 22.8016, 113.5250),
        ("增城区", 23.2614, 113.8106), ("从化区", 23.5480, 113.5866),
    ]),
}
ROADS = {
    "深圳市": ["深南大道", "滨海大道", "北环大道", "科技园路", "华强北路", "福华路", "宝安大道", "龙岗大道",
            "布吉路", "民治大道", "沙河西路", "高新南一道"],
    "广州市": ["天河路", "中山大道", "环市东路", "黄埔大道", "广州大道", "东风路", "解放路", "工业大道",
            "迎宾路", "番禺大道", "体育西路", "珠江东路"],
}
# Brand syllables with their pinyin (for the e-mail domain).
BRAND = [
    ("华", "hua"), ("信", "xin"), ("腾", "teng"), ("达", "da"), ("创", "chuang"), ("恒", "heng"),
    ("嘉", "jia"), ("瑞", "rui"), ("宏", "hong"), ("鑫", "xin"), ("盛", "sheng"), ("泰", "tai"),
    ("新", "xin"), ("中", "zhong"), ("安", "an"), ("天", "tian"), ("金", "jin"), ("银", "yin"),
    ("海", "hai"), ("粤", "yue"), ("鹏", "peng"), ("博", "bo"), ("聚", "ju"), ("德", "de"),
    ("康", "kang"), ("明", "ming"), ("光", "guang"), ("凯", "kai"), ("丰", "feng"), ("锦", "jin"),
    ("富", "fu"), ("联", "lian"), ("汇", "hui"), ("通", "tong"), ("兴", "xing"), ("佳", "jia"),
    ("宇", "yu"), ("众", "zhong"), ("力", "li"), ("远", "yuan"), ("昌", "chang"), ("荣", "rong"),
    ("和", "he"), ("立", "li"), ("拓", "tuo"), ("启", "qi"), ("捷", "jie"), ("诚", "cheng"),
    ("永", "yong"), ("美", "mei"),
]
# (industry word, pinyin, Odoo industry name)
INDUSTRIES = [
    ("电子", "dianzi", "Manufacturing"), ("科技", "keji", "IT/Communication"),
    ("信息技术", "it", "IT/Communication"), ("网络科技", "net", "IT/Communication"),
    ("贸易", "trade", "Wholesale/Retail"), ("商贸", "shangmao", "Wholesale/Retail"),
    ("供应链管理", "scm", "Transportation"), ("物流", "wuliu", "Transportation"),
    ("建材", "jiancai", "Construction"), ("建筑工程", "jianzhu", "Construction"),
    ("装饰工程", "zhuangshi", "Construction"), ("食品", "shipin", "Food"),
    ("餐饮管理", "canyin", "Food"), ("置业", "zhiye", "Real Estate"),
    ("物业管理", "wuye", "Real Estate"), ("医疗器械", "yiliao", "Health/Social"),
    ("生物科技", "bio", "Scientific"), ("教育咨询", "edu", "Education"),
    ("新能源", "energy", "Energy supply"), ("农业科技", "nongye", "Agriculture"),
    ("投资", "touzi", "Finance/Insurance"), ("精密机械", "jixie", "Manufacturing"),
    ("五金制品", "wujin", "Manufacturing"), ("塑胶制品", "sujiao", "Manufacturing"),
    ("服装", "fuzhuang", "Manufacturing"), ("家具", "jiaju", "Manufacturing"),
    ("印刷", "yinshua", "Manufacturing"), ("环保科技", "huanbao", "Water supply"),
    ("文化传媒", "media", "Entertainment"), ("广告", "ad", "Administrative"),
    ("人力资源", "hr", "Administrative"), ("电器", "dianqi", "Manufacturing"),
    ("光电", "guangdian", "Manufacturing"), ("照明", "zhaoming", "Manufacturing"),
    ("汽车服务", "auto", "Other Services"), ("化工", "huagong", "Manufacturing"),
]
LEGAL_FORMS = ["有限公司"] * 14 + ["股份有限公司"] * 3 + ["集团有限公司", "有限责任公司", "实业有限公司"]
MAIL_PREFIXES = ["info", "sales", "service", "contact", "market", "office"]
MOBILE_PREFIXES = ["130", "131", "135", "136", "137", "138", "139", "150", "152", "158", "159",
                   "166", "170", "177", "180", "185", "186", "188", "189", "199"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀英", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "文杰", "婷婷", "俊", "浩"]
TEAMS = ["深圳销售一部", "深圳销售二部", "深圳大客户部", "广州销售一部", "广州销售二部"]
GRADE_WEIGHTS = {"A": 1, "B": 2, "C": 4, "D": 3}   # out of 10
COMPANY_SIZES = ["1_20", "1_20", "21_100", "21_100", "21_100", "101_500", "501_plus"]
LIFECYCLE = ["acquisition", "acquisition", "growth", "growth", "maturity", "maturity", "maturity",
             "decline", "departure"]
HISTORY_DAYS = 3 * 365   # customers were created over the past three years
FOLLOWUP_TEXTS = ["电话沟通采购计划，客户有意向", "上门拜访，介绍新产品方案", "微信发送报价单",
                  "客户未接电话，稍后再联系", "会议讨论合作细节", "邮件确认样品寄送", "客户反馈价格偏高，需要再谈"]


def _copy_text(value):
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return (str(value).replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def _table_exists(cr, table):
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = %s",
               (table,))
    return bool(cr.fetchone())


def _columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position", (table,))
    return [r[0] for r in cr.fetchall()]


def _template_row(env, model, vals):
    """The row the ORM writes for ``vals`` (defaults and stored computed fields included),
    read back inside a savepoint that is then rolled back."""
    cr = env.cr
    cr.execute("SAVEPOINT bench_template")
    try:
        record = env[model].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            mail_notrack=True).create(vals)
        env[model].recompute()
        cr.execute('SELECT * FROM "%s" WHERE id = %%s' % env[model]._table, (record.id,))
        names = [d[0] for d in cr.description]
        row = dict(zip(names, cr.fetchone()))
    finally:
        cr.execute("ROLLBACK TO SAVEPOINT bench_template")
        env.clear()
    return row


def _reserve_ids(cr, table, n):
    """n consecutive ids from the table's sequence (the bench DB has no concurrent writers)."""
    seq = "%s_id_seq" % table
    cr.execute("SELECT nextval(%s)", (seq,))
    first = cr.fetchone()[0]
    cr.execute("SELECT setval(%s, %s)", (seq, first + n - 1))
    return first


def ensure_salespeople(env, count=N_SALESPEOPLE):
    """The generated sales force: ``count`` users in the Follow-up User group, spread over five
    sales teams; created through the ORM once, then reused."""
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True,
                                          mail_create_nosubscribe=True)
    existing = Users.search([("login", "=like", "bench_sales_%")], order="login")
    if len(existing) >= count:
        return existing[:count]
    teams = env["crm.team"].search([("name", "in", TEAMS)])
    for name in TEAMS:
        if name not in teams.mapped("name"):
            teams |= env["crm.team"].create({"name": name})
    teams = teams.sorted(lambda t: TEAMS.index(t.name))
    groups = [env.ref("base.group_user").id, env.ref("crm_followup.crm_followup_group_user").id]
    rng = random.Random(4242)
    for i in range(len(existing) + 1, count + 1):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        existing |= Users.create({
            "name": name,
            "login": SALESPERSON_LOGIN % i,
            "email": "bench.sales%02d@example.cn" % i,
            "lang": "zh_CN" if env["res.lang"].search([("code", "=", "zh_CN")]) else "en_US",
            "tz": "Asia/Shanghai",
            "groups_id": [(6, 0, groups)],
            "sale_team_id": teams[(i - 1) % len(teams)].id,
        })
    return existing


class _Day(object):
    """Timestamps as text, fast: a day offset (days before now) and a second of the working day."""

    def __init__(self, now):
        self.now = now
        self._days = {}

    def text(self, days_ago, second):
        day = self._days.get(days_ago)
        if day is None:
            day = self._days[days_ago] = (self.now - datetime.timedelta(days=days_ago)).strftime("%Y-%m-%d")
        # 01:00-10:00 UTC = 09:00-18:00 in China
        return "%s %02d:%02d:%02d" % (day, 1 + second // 3600, (second // 60) % 60, second % 60)


def generate(cr, n_customers, followups_per_customer=0, owned_ratio=1.0, seed=2024, progress=None):
    """Insert ``n_customers`` customer companies (and their follow-up history when the
    ``crm_followup_record`` table exists and ``followups_per_customer`` > 0) on the Odoo cursor
    ``cr``, without committing. Returns a dict of counts (customers, followups, first_id, last_id).
    ``progress(done)`` is called after each chunk."""
    from odoo import SUPERUSER_ID, api
    env = api.Environment(cr, SUPERUSER_ID, {})
    rng = random.Random(seed)
    rnd = rng.random
    randrange = rng.randrange
    now = datetime.datetime.utcnow().replace(microsecond=0)
    days = _Day(now)

    salespeople = ensure_salespeople(env)
    user_ids = salespeople.ids
    team_of = {u.id: u.sale_team_id.id for u in salespeople}
    company = env.user.company_id
    grades = env["crm.followup.grade"].search([("company_id", "=", company.id)])
    by_code = {g.code: g for g in grades}
    grade_pool = [(by_code[c].id, by_code[c].followup_interval)
                  for c, w in sorted(GRADE_WEIGHTS.items()) if c in by_code for _i in range(w)]
    if not grade_pool:
        grade_pool = [(g.id, g.followup_interval) for g in grades] or [(None, 30)]
    industry_ids = {i.name: i.id for i in env["res.partner.industry"].search([])}
    industries = [(word, py, industry_ids.get(name)) for word, py, name in INDUSTRIES]
    china = env.ref("base.cn")
    cities = [(city, zip_code, area, district, lat, lon, ROADS[city])
              for city, (zip_code, area, districts) in sorted(DISTRICTS.items())
              for district, lat, lon in districts]

    template = _template_row(env, "res.partner", {
        "name": "基准模板有限公司", "is_company": True, "customer": True, "country_id": china.id,
        "lang": "zh_CN", "tz": "Asia/Shanghai", "company_id": company.id,
    })
    varying = ["id", "name", "display_name", "commercial_company_name", "commercial_partner_id",
               "street", "zip", "city", "partner_latitude", "partner_longitude", "date_localization",
               "phone", "mobile", "email", "industry_id", "grade_id", "company_size", "lifecycle_stage",
               "user_id", "team_id", "date_owner_received", "last_followup_date", "followup_count",
               "next_followup_date", "create_date", "write_date"]
    missing = [c for c in varying if c not in template]
    if missing:
        raise RuntimeError("res_partner lacks the columns %s: is crm_followup installed?" % ", ".join(missing))
    constant = [c for c in template if c not in varying]
    const_text = "\t".join(_copy_text(template[c]) for c in constant)
    copy_sql = "COPY res_partner (%s) FROM STDIN" % ", ".join('"%s"' % c for c in varying + constant)

    with_history = followups_per_customer > 0 and _table_exists(cr, "crm_followup_record")
    history = _HistoryWriter(env, cr, n_customers * followups_per_customer, rng, days) if with_history else None

    first_id = _reserve_ids(cr, "res_partner", n_customers)
    buf = io.StringIO()
    done = 0
    for pid in range(first_id, first_id + n_customers):
        city, zip_code, area, district, lat, lon, roads = cities[randrange(len(cities))]
        b1 = BRAND[randrange(50)]
        b2 = BRAND[randrange(50)]
        word, word_py, industry_id = industries[randrange(len(industries))]
        name = "%s%s%s%s%s%s" % (city, district if rnd() < 0.15 else "", b1[0], b2[0], word,
                                 LEGAL_FORMS[randrange(len(LEGAL_FORMS))])
        grade_id, interval = grade_pool[randrange(len(grade_pool))]
        created_ago = randrange(HISTORY_DAYS)
        owner = user_ids[randrange(len(user_ids))] if rnd() < owned_ratio else None
        received_ago = randrange(created_ago + 1) if owner else None
        if history is not None:
            count = followups_per_customer
            dates = sorted((randrange(created_ago + 1), randrange(32400)) for _i in range(count))
            history.add(pid, owner or user_ids[pid % len(user_ids)], dates)
            last_ago, last_sec = dates[0]
        else:
            # Skewed like real teams: many customers followed rarely, a few often.
            count = int(rnd() ** 2 * 25) if rnd() < 0.9 else 0
            last_ago, last_sec = randrange(created_ago + 1), randrange(32400)
        last = days.text(last_ago, last_sec) if count else None
        next_ago = last_ago - interval + randrange(-3, 4)
        nxt = days.text(next_ago, 3600) if count and owner and rnd() < 0.6 else None
        created = days.text(created_ago, randrange(32400))
        buf.write("\t".join((
            str(pid), name, name, name, str(pid),
            "%s%s%d号" % (district, roads[randrange(len(roads))], randrange(1, 3000)), zip_code, city,
            "%.6f" % (lat + (rnd() - 0.5) * 0.06), "%.6f" % (lon + (rnd() - 0.5) * 0.06), created[:10],
            "%s-%08d" % (area, randrange(20000000, 89999999)),
            "%s%08d" % (MOBILE_PREFIXES[randrange(len(MOBILE_PREFIXES))], randrange(100000000)),
            "%s@%s%s%s.com.cn" % (MAIL_PREFIXES[randrange(6)], b1[1], b2[1], word_py),
            "\\N" if industry_id is None else str(industry_id),
            "\\N" if grade_id is None else str(grade_id),
            COMPANY_SIZES[randrange(len(COMPANY_SIZES))], LIFECYCLE[randrange(len(LIFECYCLE))],
            str(owner) if owner else "\\N",
            str(team_of[owner]) if owner and team_of[owner] else "\\N",
            days.text(received_ago, randrange(32400)) if owner else "\\N",
            last or "\\N", str(count), nxt or "\\N", created, last or created,
            const_text)))
        buf.write("\n")
        done += 1
        if done % CHUNK == 0 or done == n_customers:
            buf.seek(0)
            cr.copy_expert(copy_sql, buf)
            buf = io.StringIO()
            if history is not None:
                history.flush()
            if progress:
                progress(done)
    followups = history.total if history is not None else 0
    cr.execute("ANALYZE res_partner")
    if history is not None:
        cr.execute("ANALYZE crm_followup_record")
    env.clear()
    return {"customers": n_customers, "followups": followups, "first_id": first_id,
            "last_id": first_id + n_customers - 1, "salespeople": len(user_ids), "with_history": with_history}


class _HistoryWriter(object):
    """Follow-up history rows for crm_followup_record, COPYed per chunk. The model is discovered at
    run time: one record is created through the ORM (in a rolled-back savepoint) to get every
    column's value; the date, customer, salesperson, content, method and result vary per row."""

    def __init__(self, env, cr, n_rows, rng, days):
        self.cr, self.rng, self.days, self.total = cr, rng, days, 0
        Record = env["crm.followup.record"]
        fields_ = Record._fields
        date_field = next((f for f in ("date", "followup_date", "date_followup")
                           if f in fields_ and fields_[f].store), None)
        partner_field = next((f for f in ("partner_id", "customer_id") if f in fields_), None)
        if not date_field or not partner_field:
            raise RuntimeError("crm.followup.record has no date or customer field this generator knows")
        self.text_field = next((f for f in ("content", "description", "note", "name")
                                if f in fields_ and fields_[f].store and fields_[f].type in ("text", "char")), None)
        # Many2one choices (method, result, ...): every record of the comodel, picked at random.
        self.choices = {}
        vals = {partner_field: env["res.partner"].search([("is_company", "=", True)], limit=1).id,
                date_field: datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")}
        for fname in ("method_id", "result_id"):
            if fname in fields_ and fields_[fname].type == "many2one":
                ids = env[fields_[fname].comodel_name].search([]).ids
                if ids:
                    self.choices[fname] = ids
                    vals[fname] = ids[0]
        if self.text_field:
            vals[self.text_field] = FOLLOWUP_TEXTS[0]
        template = _template_row(env, "crm.followup.record", vals)
        self.varying = ["id", partner_field, "user_id", date_field, "create_date", "write_date"]
        self.varying += [f for f in (self.text_field,) if f] + sorted(self.choices)
        missing = [c for c in self.varying if c not in template]
        if missing:
            raise RuntimeError("crm_followup_record lacks the columns %s" % ", ".join(missing))
        constant = [c for c in template if c not in self.varying]
        self.const_text = "\t".join(_copy_text(template[c]) for c in constant)
        self.copy_sql = "COPY crm_followup_record (%s) FROM STDIN" % ", ".join(
            '"%s"' % c for c in self.varying + constant)
        self.next_id = _reserve_ids(cr, "crm_followup_record", n_rows) if n_rows else 0
        self.buf = io.StringIO()

    def add(self, partner_id, user_id, dates):
        rng = self.rng
        for days_ago, second in dates:
            when = self.days.text(days_ago, second)
            cols = [str(self.next_id), str(partner_id), str(user_id), when, when, when]
            if self.text_field:
                cols.append(FOLLOWUP_TEXTS[rng.randrange(len(FOLLOWUP_TEXTS))])
            for fname in sorted(self.choices):
                ids = self.choices[fname]
                cols.append(str(ids[rng.randrange(len(ids))]))
            cols.append(self.const_text)
            self.buf.write("\t".join(cols))
            self.buf.write("\n")
            self.next_id += 1
            self.total += 1

    def flush(self):
        self.buf.seek(0)
        self.cr.copy_expert(self.copy_sql, self.buf)
        self.buf = io.StringIO()


def main():
    import argparse
    from bench.common import load_odoo, odoo_env
    parser = argparse.ArgumentParser(description="Fill a benchmark database with generated customers.")
    parser.add_argument("--db", required=True)
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--followups-per-customer", type=int, default=0,
                        help="follow-up history rows per customer (only when crm_followup_record exists)")
    parser.add_argument("--owned-ratio", type=float, default=0.8,
                        help="share of customers with an owner; the rest have none (public pool)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    start = time.perf_counter()

    def progress(done):
        print("  %9d customers  %6.1f s" % (done, time.perf_counter() - start), file=sys.stderr, flush=True)

    with odoo_env(args.db, commit=True) as env:
        stats = generate(env.cr, args.customers, args.followups_per_customer, args.owned_ratio, args.seed,
                         progress=progress)
    # Set the hint bits and the visibility map now, not during the first benchmark.
    odoo = load_odoo()
    cr = odoo.sql_db.db_connect(args.db).cursor()
    try:
        cr.autocommit(True)
        cr.execute("VACUUM ANALYZE res_partner")
        if stats["with_history"]:
            cr.execute("VACUUM ANALYZE crm_followup_record")
    finally:
        cr.close()
    elapsed = time.perf_counter() - start
    print("generated %(customers)d customers (ids %(first_id)d-%(last_id)d), %(followups)d follow-ups, "
          "%(salespeople)d salespeople" % stats + " in %.1f s (%.0f customers/s)"
          % (elapsed, stats["customers"] / elapsed))


if __name__ == "__main__":
    main()

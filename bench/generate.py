"""Fill a benchmark database with N customer companies, fast (COPY in chunks, not the ORM).

    python bench/generate.py --db crm_followup_bench_100000 --customers 100000

What one customer looks like: a company (is_company, customer) with a realistic Chinese name
(city + brand + industry + legal form, e.g. 深圳市华信电子有限公司), a district of Shenzhen or
Guangzhou with its real coordinates (plus a little jitter), street, phones and e-mail, an industry,
a grade (A 10% / B 20% / C 40% / D 30%), an owner among 50 generated salespeople (``owned_ratio``
of the customers; the rest have no owner, as in a public pool) with the date the owner received
it, and its follow-up figures (``last_followup_date``, ``followup_count``, ``next_followup_date``).

Follow-up history rows (``followups_per_customer`` per customer) are written to
``crm_followup_record`` only when that table exists, with one open reminder (mail.activity) per
customer whose latest follow-up plans a next one; the partner's stored figures then agree with the
history. Otherwise only the partner's figures are generated. When the public pool is installed
(``res_partner.pool_id``), each customer without an owner is put in one of the company's pools.

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

# city: (zip, phone area code, [(district, latitude, longitude of its government, [main roads])])
DISTRICTS = {
    "深圳市": ("518000", "0755", [
        ("福田区", 22.5218, 114.0550, ["深南中路", "福华路", "益田路", "彩田路"]),
        ("罗湖区", 22.5485, 114.1315, ["人民南路", "东门中路", "宝安南路", "深南东路"]),
        ("南山区", 22.5329, 113.9305, ["科技园路", "高新南一道", "南海大道", "后海大道"]),
        ("宝安区", 22.5553, 113.8838, ["宝安大道", "新安六路", "创业一路", "航城大道"]),
        ("龙岗区", 22.7204, 114.2470, ["龙岗大道", "布吉路", "龙翔大道", "五和大道"]),
        ("龙华区", 22.6969, 114.0448, ["民治大道", "人民路", "梅龙大道", "龙华大道"]),
        ("盐田区", 22.5578, 114.2368, ["深盐路", "盐田路", "海山路"]),
        ("坪山区", 22.6906, 114.3462, ["坪山大道", "深汕路", "东纵路"]),
        ("光明区", 22.7487, 113.9359, ["光明大道", "华夏路", "观光路"]),
    ]),
    "广州市": ("510000", "020", [
        ("天河区", 23.1249, 113.3612, ["天河路", "体育西路", "珠江东路", "天河北路"]),
        ("越秀区", 23.1289, 113.2668, ["环市东路", "东风路", "解放路", "北京路"]),
        ("海珠区", 23.0839, 113.3173, ["江南大道", "新港西路", "工业大道"]),
        ("荔湾区", 23.1259, 113.2442, ["中山七路", "芳村大道", "康王路"]),
        ("白云区", 23.1574, 113.2730, ["白云大道", "机场路", "广园中路"]),
        ("番禺区", 22.9376, 113.3840, ["番禺大道", "迎宾路", "兴业大道"]),
        ("黄埔区", 23.1064, 113.4592, ["黄埔大道", "科学大道", "开创大道"]),
        ("花都区", 23.4040, 113.2204, ["迎宾大道", "新华路"]),
        ("南沙区", 22.8016, 113.5250, ["进港大道", "环市大道"]),
        ("增城区", 23.2614, 113.8106, ["荔城大道", "增城大道"]),
        ("从化区", 23.5480, 113.5866, ["河滨北路", "新城东路"]),
    ]),
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


def _template_row(env, model, vals, then=None):
    """The row the ORM writes for ``vals`` (defaults and stored computed fields included),
    read back inside a savepoint that is then rolled back. ``vals`` may be a function of the
    environment, called inside the savepoint (to create the records the values refer to);
    ``then(env, record)`` too, to read what the creation did elsewhere: its result is returned
    with the row."""
    cr = env.cr
    cr.execute("SAVEPOINT bench_template")
    try:
        tenv = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                                mail_create_nosubscribe=True, mail_notrack=True))
        record = tenv[model].create(vals(tenv) if callable(vals) else vals)
        env[model].recompute()
        cr.execute('SELECT * FROM "%s" WHERE id = %%s' % env[model]._table, (record.id,))
        names = [d[0] for d in cr.description]
        row = dict(zip(names, cr.fetchone()))
        extra = then(tenv, record) if then else None
    finally:
        cr.execute("ROLLBACK TO SAVEPOINT bench_template")
        env.clear()
    return row, extra


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


def generate(cr, n_customers, followups_per_customer=0, owned_ratio=1.0, seed=2024, progress=None,
             contacts_per_customer=0):
    """Insert ``n_customers`` customer companies (and their follow-up history when the
    ``crm_followup_record`` table exists and ``followups_per_customer`` > 0, and
    ``contacts_per_customer`` contact persons each) on the Odoo cursor ``cr``, without
    committing. Returns a dict of counts (customers, contacts, followups, first_id, last_id).
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
    cities = [(city, zip_code, area, district, lat, lon, roads)
              for city, (zip_code, area, districts) in sorted(DISTRICTS.items())
              for district, lat, lon, roads in districts]

    with_history = followups_per_customer > 0 and _table_exists(cr, "crm_followup_record")
    history = _HistoryWriter(env, cr, n_customers, followups_per_customer, rng, days) if with_history else None

    # Two template rows, with and without an owner: a module may fill other columns differently
    # for customers without one (e.g. a public pool).
    partner_vals = {"name": "基准模板有限公司", "is_company": True, "customer": True, "country_id": china.id,
                    "lang": "zh_CN", "tz": "Asia/Shanghai", "company_id": company.id}
    template, _none = _template_row(env, "res.partner", dict(partner_vals, user_id=user_ids[0]))
    template_free, _none = _template_row(env, "res.partner", partner_vals)
    varying = ["id", "name", "display_name", "commercial_company_name", "commercial_partner_id",
               "street", "zip", "city", "partner_latitude", "partner_longitude", "date_localization",
               "phone", "mobile", "email", "industry_id", "grade_id", "company_size", "lifecycle_stage",
               "user_id", "team_id", "date_owner_received", "last_followup_date", "followup_count",
               "next_followup_date", "create_date", "write_date", "activity_date_deadline"]
    # With the public pool installed, a customer without an owner sits in one of the company's pools.
    pools = []
    if "pool_id" in template and "crm.followup.pool" in env:
        Pool = env["crm.followup.pool"]
        pools = Pool.search([("company_id", "=", company.id)] if "company_id" in Pool._fields else []).ids
    if pools:
        varying.append("pool_id")
    missing = [c for c in varying if c not in template]
    if missing:
        raise RuntimeError("res_partner lacks the columns %s: is crm_followup installed?" % ", ".join(missing))
    constant = [c for c in template if c not in varying]
    const_text = "\t".join(_copy_text(template[c]) for c in constant)
    const_free = "\t".join(_copy_text(template_free[c]) for c in constant)
    copy_sql = "COPY res_partner (%s) FROM STDIN" % ", ".join('"%s"' % c for c in varying + constant)

    contacts = _ContactWriter(env, cr, n_customers, contacts_per_customer, rng, bool(pools)) \
        if contacts_per_customer > 0 else None
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
            # most recent first (fewer days ago, later in the day)
            dates = sorted(((randrange(created_ago + 1), randrange(32400)) for _i in range(count)),
                           key=lambda d: (d[0], -d[1]))
            last_ago, last_sec = dates[0]
        else:
            # Skewed like real teams: many customers followed rarely, a few often.
            count = int(rnd() ** 2 * 25) if rnd() < 0.9 else 0
            last_ago, last_sec = randrange(created_ago + 1), randrange(32400)
        last = days.text(last_ago, last_sec) if count else None
        next_ago = last_ago - interval + randrange(-3, 4)
        nxt = days.text(next_ago, 3600) if count and owner and rnd() < 0.6 else None
        deadline = history.add(pid, name, owner or user_ids[pid % len(user_ids)], dates, nxt) \
            if history is not None else None
        created = days.text(created_ago, randrange(32400))
        row = [
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
            last or "\\N", str(count), nxt or "\\N", created, last or created, deadline or "\\N"]
        if pools:
            row.append("\\N" if owner else str(pools[randrange(len(pools))]))
        row.append(const_text if owner else const_free)
        buf.write("\t".join(row))
        buf.write("\n")
        if contacts is not None:
            contacts.add(row, varying)
        done += 1
        if done % CHUNK == 0 or done == n_customers:
            buf.seek(0)
            cr.copy_expert(copy_sql, buf)
            buf = io.StringIO()
            if contacts is not None:
                contacts.flush()
            if history is not None:
                history.flush()
            if progress:
                progress(done)
    if hasattr(env["res.partner"], "_fill_duplicate_keys"):
        env["res.partner"]._fill_duplicate_keys()  # COPY bypasses the ORM that keeps the duplicate keys
    cr.execute("ANALYZE res_partner")
    if history is not None:
        cr.execute("ANALYZE crm_followup_record")
        cr.execute("ANALYZE mail_activity")
    env.clear()
    return {"customers": n_customers, "first_id": first_id, "last_id": first_id + n_customers - 1,
            "followups": history.total if history is not None else 0,
            "contacts": contacts.total if contacts is not None else 0,
            "reminders": history.reminders if history is not None else 0,
            "salespeople": len(user_ids), "with_history": with_history}


class _ContactWriter(object):
    """Contact persons of each customer (a buyer, a boss...): a Chinese name, a mobile and an
    e-mail of their own, the company's address, owner and pool, as the ORM syncs them from the
    company; the other columns from one contact created through the ORM in a rolled-back savepoint."""

    FROM_COMPANY = ["street", "zip", "city", "user_id", "team_id"]
    FUNCTIONS = ["采购经理", "总经理", "财务", "行政主管", "技术负责人", "销售总监"]

    def __init__(self, env, cr, n_customers, per_customer, rng, with_pools):
        self.cr, self.rng, self.per_customer, self.total = cr, rng, per_customer, 0
        self.from_company = self.FROM_COMPANY + (["pool_id"] if with_pools else [])

        def contact_vals(tenv):
            company = tenv["res.partner"].create({"name": "基准模板有限公司", "is_company": True, "customer": True,
                                                  "user_id": tenv.uid, "city": "深圳市"})
            return {"name": "王伟", "parent_id": company.id, "type": "contact", "mobile": "13800000000",
                    "email": "wangwei@example.cn", "function": "采购经理"}
        template, _none = _template_row(env, "res.partner", contact_vals)
        self.varying = ["id", "name", "display_name", "commercial_company_name", "commercial_partner_id",
                        "parent_id", "mobile", "email", "function", "create_date", "write_date"] + self.from_company
        missing = [c for c in self.varying if c not in template]
        if missing:
            raise RuntimeError("res_partner lacks the columns %s" % ", ".join(missing))
        constant = [c for c in template if c not in self.varying]
        self.const_text = "\t".join(_copy_text(template[c]) for c in constant)
        self.copy_sql = "COPY res_partner (%s) FROM STDIN" % ", ".join('"%s"' % c for c in self.varying + constant)
        self.next_id = _reserve_ids(cr, "res_partner", n_customers * per_customer)
        self.buf = io.StringIO()

    def add(self, company_row, company_columns):
        """The contacts of the customer whose COPY row (text values in ``company_columns`` order) is given."""
        company = dict(zip(company_columns, company_row))
        rng = self.rng
        for _i in range(self.per_customer):
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            cols = [str(self.next_id), name, "%s, %s" % (company["name"], name), company["name"], company["id"],
                    company["id"], "%s%08d" % (rng.choice(MOBILE_PREFIXES), rng.randrange(100000000)),
                    "contact%d@example.cn" % self.next_id, rng.choice(self.FUNCTIONS),
                    company["create_date"], company["write_date"]]
            cols += [company.get(column, "\\N") for column in self.from_company]
            cols.append(self.const_text)
            self.buf.write("\t".join(cols))
            self.buf.write("\n")
            self.next_id += 1
            self.total += 1

    def flush(self):
        self.buf.seek(0)
        self.cr.copy_expert(self.copy_sql, self.buf)
        self.buf = io.StringIO()


class _HistoryWriter(object):
    """Follow-up history rows for crm_followup_record, COPYed per chunk, and the reminders the ORM
    would have left (one open mail.activity per customer whose latest follow-up plans a next one).

    The model is discovered at run time: one record with a next follow-up date is created through
    the ORM (in a rolled-back savepoint) to get every column's value and the reminder it creates;
    the customer, salesperson, dates, content, method and result (and the stored fields related to
    them, e.g. is_deal = result_id.is_deal) vary per row. The latest follow-up of a customer carries
    the customer's next follow-up date; an older one, the date of the follow-up that came after it.
    """

    FIELD_NAMES = {
        "partner": ("partner_id", "customer_id"),
        "date": ("date", "followup_date", "date_followup"),
        "text": ("content", "description", "note"),
    }
    TEMPLATE_NAME = "基准模板有限公司"

    def __init__(self, env, cr, n_customers, per_customer, rng, days):
        self.cr, self.rng, self.days, self.total, self.reminders = cr, rng, days, 0, 0
        fields_ = env["crm.followup.record"]._fields

        def pick(kind, types):
            return next((f for f in self.FIELD_NAMES[kind]
                         if f in fields_ and fields_[f].store and fields_[f].type in types), None)
        partner_field = pick("partner", ("many2one",))
        date_field = pick("date", ("datetime",))
        if not partner_field or not date_field:
            raise RuntimeError("crm.followup.record has no customer or date field this generator knows")
        self.text_field = pick("text", ("text", "char", "html"))
        self.next_field = "next_followup_date" if "next_followup_date" in fields_ else None
        # Method, result, ...: picked at random among the comodel's records (deals kept rare), with
        # the stored fields related to them following the pick.
        self.choices, related_names = [], []
        now = datetime.datetime.utcnow()
        vals = {date_field: now.strftime("%Y-%m-%d %H:%M:%S")}
        if self.next_field:
            vals[self.next_field] = (now + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
        for fname in ("method_id", "result_id"):
            if fname not in fields_ or fields_[fname].type != "many2one":
                continue
            comodel = env[fields_[fname].comodel_name]
            records = comodel.search([])
            if not records:
                continue
            weights = [1 if getattr(r, "is_deal", False) else 10 for r in records] \
                if "is_deal" in comodel._fields else [1] * len(records)
            pool = [r.id for r, w in zip(records, weights) for _i in range(w)]
            related = [(name, f.related[1]) for name, f in fields_.items()
                       if f.store and f.related and len(f.related) == 2 and f.related[0] == fname]
            values = {r.id: tuple(_copy_text(r[sub]) for _name, sub in related) for r in records}
            self.choices.append((fname, pool, values))
            related_names += [name for name, _sub in related]
            vals[fname] = records[0].id
        if self.text_field:
            vals[self.text_field] = FOLLOWUP_TEXTS[0]

        def template_vals(tenv):
            # a customer of one's own (one without owner is in the default pool), so that the record
            # passes the model's checks
            vals[partner_field] = tenv["res.partner"].create({
                "name": self.TEMPLATE_NAME, "is_company": True, "customer": True, "user_id": tenv.uid}).id
            return vals

        def reminder_row(tenv, record):
            tenv.cr.execute("SELECT * FROM mail_activity WHERE res_model = 'res.partner' AND res_id = %s",
                            (vals[partner_field],))
            names = [d[0] for d in tenv.cr.description]
            rows = [dict(zip(names, r)) for r in tenv.cr.fetchall()]
            return rows[0] if len(rows) == 1 else None

        template, activity = _template_row(env, "crm.followup.record", template_vals, then=reminder_row)
        self.varying = ["id", partner_field, "user_id", date_field, "create_date", "write_date"]
        self.varying += [f for f in (self.text_field, self.next_field) if f]
        self.varying += [fname for fname, _pool, _values in self.choices] + related_names
        self.copy_sql, self.const_text = self._copy_parts("crm_followup_record", template, self.varying)
        self.next_id = _reserve_ids(cr, "crm_followup_record", n_customers * per_customer)
        self.buf = io.StringIO()

        # The reminder: its summary names the customer (when the template's did).
        self.activity_buf = None
        if activity is not None:
            summary = activity.get("summary") or ""
            self.summary = summary.split(self.TEMPLATE_NAME) if self.TEMPLATE_NAME in summary else None
            act_varying = ["id", "res_id", "res_name", "user_id", "date_deadline", "create_date", "write_date"]
            if self.summary:
                act_varying.append("summary")
            self.act_copy_sql, self.act_const_text = self._copy_parts("mail_activity", activity, act_varying)
            self.next_activity_id = _reserve_ids(cr, "mail_activity", n_customers)
            self.activity_buf = io.StringIO()

    @staticmethod
    def _copy_parts(table, template, varying):
        missing = [c for c in varying if c not in template]
        if missing:
            raise RuntimeError("%s lacks the columns %s" % (table, ", ".join(missing)))
        constant = [c for c in template if c not in varying]
        return ("COPY %s (%s) FROM STDIN" % (table, ", ".join('"%s"' % c for c in varying + constant)),
                "\t".join(_copy_text(template[c]) for c in constant))

    def add(self, partner_id, partner_name, user_id, dates, next_date):
        """The follow-ups of one customer, ``dates`` most recent first as (days ago, second of the
        working day), and its reminder when ``next_date`` is set. Returns the reminder's deadline."""
        rng = self.rng
        newer = next_date
        for days_ago, second in dates:
            when = self.days.text(days_ago, second)
            cols = [str(self.next_id), str(partner_id), str(user_id), when, when, when]
            if self.text_field:
                cols.append(FOLLOWUP_TEXTS[rng.randrange(len(FOLLOWUP_TEXTS))])
            if self.next_field:
                cols.append(newer or "\\N")
            related = []
            for _fname, pool, values in self.choices:
                picked = pool[rng.randrange(len(pool))]
                cols.append(str(picked))
                related.extend(values[picked])
            cols.extend(related)
            cols.append(self.const_text)
            self.buf.write("\t".join(cols))
            self.buf.write("\n")
            self.next_id += 1
            self.total += 1
            newer = when
        if not (next_date and dates and self.activity_buf is not None):
            return None
        # The generated times are China working hours (UTC+8), so the UTC date is the local date.
        deadline = next_date[:10]
        last = self.days.text(*dates[0])
        cols = [str(self.next_activity_id), str(partner_id), _copy_text(partner_name), str(user_id),
                deadline, last, last]
        if self.summary:
            cols.append(_copy_text(partner_name.join(self.summary)))
        cols.append(self.act_const_text)
        self.activity_buf.write("\t".join(cols))
        self.activity_buf.write("\n")
        self.next_activity_id += 1
        self.reminders += 1
        return deadline

    def flush(self):
        self.buf.seek(0)
        self.cr.copy_expert(self.copy_sql, self.buf)
        self.buf = io.StringIO()
        if self.activity_buf is not None:
            self.activity_buf.seek(0)
            self.cr.copy_expert(self.act_copy_sql, self.activity_buf)
            self.activity_buf = io.StringIO()


def main():
    import argparse
    from bench.common import load_odoo, odoo_env
    parser = argparse.ArgumentParser(description="Fill a benchmark database with generated customers.")
    parser.add_argument("--db", required=True)
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--followups-per-customer", type=int, default=0,
                        help="follow-up history rows per customer (only when crm_followup_record exists)")
    parser.add_argument("--owned-ratio", type=float, default=1.0,
                        help="share of customers with an owner; the rest have none (public pool)")
    parser.add_argument("--contacts-per-customer", type=int, default=0,
                        help="contact persons per customer (mobile, e-mail, the company's address and owner)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    start = time.perf_counter()

    def progress(done):
        print("  %9d customers  %6.1f s" % (done, time.perf_counter() - start), file=sys.stderr, flush=True)

    with odoo_env(args.db, commit=True) as env:
        stats = generate(env.cr, args.customers, args.followups_per_customer, args.owned_ratio, args.seed,
                         progress=progress, contacts_per_customer=args.contacts_per_customer)
    # Set the hint bits and the visibility map now, not during the first benchmark.
    odoo = load_odoo()
    cr = odoo.sql_db.db_connect(args.db).cursor()
    try:
        cr.autocommit(True)
        cr.execute("VACUUM ANALYZE res_partner")
        if stats["with_history"]:
            cr.execute("VACUUM ANALYZE crm_followup_record")
            cr.execute("VACUUM ANALYZE mail_activity")
    finally:
        cr.close()
    elapsed = time.perf_counter() - start
    print("generated %(customers)d customers (ids %(first_id)d-%(last_id)d), %(contacts)d contacts, "
          "%(followups)d follow-ups, "
          "%(reminders)d reminders, %(salespeople)d salespeople" % stats + " in %.1f s (%.0f customers/s)"
          % (elapsed, stats["customers"] / elapsed))


if __name__ == "__main__":
    main()

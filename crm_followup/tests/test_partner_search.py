from odoo.exceptions import UserError

from ..models.res_partner_search import search_terms
from .pool_common import PoolCase

# One fixed line written every way a salesperson might type it.
QUERIES_BY_NAME, QUERIES_BY_PHONE = 15, 13
PHONE_FORMS = ["62567315", "020-62567315", "+86 20 6256 7315", "０２０－６２５６７３１５", "(020) 6256-7315",
               "0086 20 62567315"]


class TestGlobalSearch(PoolCase):
    """One search box: name, short name, phone, mobile, e-mail of a customer or its contacts,
    address, industry, tags; ranked, each result saying why; never more than the user may see."""

    @classmethod
    def setUpClass(cls):
        super(TestGlobalSearch, cls).setUpClass()
        sp = cls.salesperson
        cls.huaxin = cls._customer("深圳市华信电子有限公司", sp, cls.grade_a, city="深圳市",
                                   phone="020-62567315", street="福田区深南中路1号")
        cls.huaxin_tech = cls._customer("华信电子科技有限公司", sp, cls.grade_c)
        cls.dongguan = cls._customer("东莞华信电子贸易有限公司", sp, cls.grade_c)
        cls.similar = cls._customer("华信电器有限公司", sp, cls.grade_c)
        cls.unrelated = cls._customer("深圳市腾达物流有限公司", sp, cls.grade_c, email="info@tengda.com.cn")
        cls.buyer = cls.Partner.create({"name": "欧阳晓东", "parent_id": cls.unrelated.id,
                                        "mobile": "159 1234 8888", "email": "Ouyang.XD@Tengda.com.cn"})
        cls.colleagues = cls._customer("广州市天河鹏海供应链管理有限公司", cls.salesperson2, cls.grade_c,
                                       phone="020-38886666")
        cls.other_salesperson = cls._user("oc_zhou", "周敏", cls.sales, company=cls.other_company)
        cls.foreign = cls._customer("上海浦江精密机械有限公司", cls.other_salesperson, None,
                                    company_id=cls.other_company.id, phone="021-55556666")

    def _search(self, user, text, limit=20):
        return self.Partner.sudo(user).followup_global_search(text, limit)

    def _ids(self, user, text):
        return [row["id"] for row in self._search(user, text)]

    # ---- normalisation --------------------------------------------------------------------------

    def test_every_phone_formatting_normalises_like_the_stored_key(self):
        self.assertEqual(search_terms("62567315")["phone"], "62567315")
        for text in PHONE_FORMS[1:]:
            self.assertEqual(search_terms(text)["phone"], "02062567315", text)
            self.assertFalse(search_terms(text)["name"], "a number is not searched as a name")
        self.assertEqual(search_terms("138 1234 5678")["phone"], "13812345678")
        self.assertEqual(search_terms("6256")["digits"], "6256", "a part of a number is searched as digits")
        self.assertFalse(search_terms("020")["digits"], "three digits would find every number of a city")
        self.assertEqual(search_terms("深圳市华信电子股份有限公司")["name"], "深圳市华信电子")
        self.assertEqual(search_terms("Info@TengDa.com.cn")["email"], "info@tengda.com.cn")

    def test_every_phone_formatting_finds_the_customer(self):
        for text in PHONE_FORMS:
            result = self._search(self.salesperson, text)
            self.assertEqual([r["id"] for r in result], [self.huaxin.id], text)
            self.assertEqual((result[0]["match"], result[0]["field"]), ("exact", "phone"), text)
        self.assertEqual(self._ids(self.salesperson, "6256 73")[:1], [self.huaxin.id], "a part of the number")

    # ---- ranking and reasons ----------------------------------------------------------------------

    def test_ranked_exact_prefix_contains_similar(self):
        result = self._search(self.salesperson, "华信电子")
        self.assertEqual([(r["id"], r["match"]) for r in result], [
            (self.customer.id, "exact"),      # its name without the city prefix and the legal form
            (self.huaxin.id, "exact"),
            (self.huaxin_tech.id, "prefix"),
            (self.dongguan.id, "contains"),
        ], "similar names (华信电器) only when nothing closer matched")
        typo = self._search(self.salesperson, "华信电气")
        self.assertEqual(typo[0]["id"], self.similar.id, "a typo finds the similar name")
        self.assertEqual({r["match"] for r in typo}, {"similar"})
        self.assertEqual(typo[0]["reason"], "name is similar to the text")
        self.assertEqual(set(self._ids(self.salesperson, "深圳市华信电子股份有限公司")[:2]),
                         {self.customer.id, self.huaxin.id}, "the legal form does not matter")
        self.assertEqual(self._ids(self.salesperson, "华信电子"), [r["id"] for r in result], "the same order each time")
        self.assertEqual(len(self._search(self.salesperson, "华信电子", limit=2)), 2)

    def test_each_result_says_why_it_matched(self):
        by_contact = self._search(self.salesperson, "15912348888")
        self.assertEqual([r["id"] for r in by_contact], [self.unrelated.id], "the contact's company")
        self.assertEqual((by_contact[0]["field"], by_contact[0]["contact"]), ("mobile", "欧阳晓东"))
        self.assertEqual(by_contact[0]["reason"], "mobile of contact 欧阳晓东 is exactly the text")
        by_name = self._search(self.salesperson, "欧阳")[0]
        self.assertEqual((by_name["id"], by_name["field"], by_name["match"]), (self.unrelated.id, "contact", "prefix"))
        self.assertEqual(by_name["reason"], "contact 欧阳晓东's name starts with the text")
        by_email = self._search(self.salesperson, "ouyang.xd@tengda.com.cn")[0]
        self.assertEqual((by_email["id"], by_email["field"], by_email["match"]), (self.unrelated.id, "email", "exact"))
        by_street = self._search(self.salesperson, "深南中路")[0]
        self.assertEqual((by_street["id"], by_street["field"]), (self.huaxin.id, "address"))
        self.assertEqual(self._search(self.salesperson, "华信")[0]["reason"], "name starts with the text")

    def test_two_characters_inside_a_name(self):
        """No trigram in two characters: the bigram index finds them anywhere in a name."""
        by_contact = self._search(self.salesperson, "晓东")
        self.assertEqual([(r["id"], r["field"], r["match"], r["contact"]) for r in by_contact],
                         [(self.unrelated.id, "contact", "contains", "欧阳晓东")])
        self.assertEqual(self._ids(self.salesperson, "腾达"), [self.unrelated.id], "the brand after the city")
        self.assertEqual(self._ids(self.salesperson, "物流"), [self.unrelated.id], "the trade at the end")
        self.assertEqual(self._search(self.salesperson, "福田")[0]["field"], "address", "a district, as typed")

    def test_industry_and_tag(self):
        industry = self.env["res.partner.industry"].create({"name": "无人机制造"})
        tag = self.env["res.partner.category"].create({"name": "展会线索2026"})
        self.huaxin_tech.write({"industry_id": industry.id, "category_id": [(4, tag.id)]})
        self.assertEqual(self._ids(self.salesperson, "无人机"), [self.huaxin_tech.id])
        self.assertEqual(self._search(self.salesperson, "展会线索")[0]["field"], "tag")

    # ---- what the user may see ------------------------------------------------------------------

    def test_a_pool_member_finds_a_pool_customer_by_name_never_by_its_hidden_contact_data(self):
        member = self.salesperson
        self.assertEqual(self._ids(member, "安泰保安"), [self.pooled.id])
        for text in ("13812345678", "138 1234 5678", "+86 138-1234-5678", "1381234", "zhang@anti.example.com",
                     "139 6569 3803", "dumin@163.com", "dumin"):
            self.assertEqual(self._ids(member, text), [], text)
            self.assertFalse(self.Partner.sudo(member).search([("followup_search", "ilike", text)]), text)
        # the pool's administrator sees the number, and finds it
        self.assertEqual(self._ids(self.manager, "13812345678"), [self.pooled.id])
        self.assertEqual(self._ids(self.manager, "dumin@163.com"), [self.pooled.id])

    def test_a_salesperson_never_finds_a_colleagues_customer(self):
        for text in ("鹏海供应链", "020-38886666", "38886666"):
            self.assertEqual(self._ids(self.salesperson, text), [], text)
            self.assertFalse(self.Partner.sudo(self.salesperson).search([("followup_search", "ilike", text)]))
            self.assertEqual(self._ids(self.salesperson2, text), [self.colleagues.id], text)

    def test_customers_of_another_company_are_never_found(self):
        for user in (self.salesperson, self.manager):
            for text in ("浦江精密", "021-55556666"):
                self.assertEqual(self._ids(user, text), [], text)
                self.assertFalse(self.Partner.sudo(user).search([("followup_search", "ilike", text)]), text)
        self.assertEqual(self._ids(self.other_salesperson, "浦江精密"), [self.foreign.id])

    # ---- the search view's field ------------------------------------------------------------------

    def test_search_anything_in_the_customer_search_view(self):
        Partner = self.Partner.sudo(self.salesperson)
        for text in PHONE_FORMS:
            self.assertEqual(Partner.search([("followup_search", "ilike", text)]), self.huaxin, text)
        self.assertEqual(Partner.search([("followup_search", "ilike", "欧阳晓东")]), self.unrelated)
        found = Partner.search([("followup_search", "ilike", "华信电子"), ("is_company", "=", True)])
        self.assertEqual(found, self.customer | self.huaxin | self.huaxin_tech | self.dongguan,
                         "no similar names in a list")
        self.assertNotIn(self.huaxin, Partner.search([("followup_search", "not ilike", "华信电子"),
                                                      ("is_company", "=", True)]))
        with self.assertRaises(UserError):
            Partner.search([("followup_search", "in", ["华信"])])
        view = Partner.fields_view_get(view_type="search")["arch"]
        self.assertLess(view.index('name="followup_search"'), view.index('name="name"'), "the first field: Enter")

    def test_trigram_indexes_created_by_the_install(self):
        self.env.cr.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner' "
                            "AND indexdef LIKE '%%gin_trgm_ops%%'")
        self.assertEqual({row[0] for row in self.env.cr.fetchall()} >= {
            "res_partner_%s_trgm_index" % c for c in ("name_key_own", "name_key_contact", "phone_key", "mobile_key",
                                                      "email_key", "street", "street2", "city")}, True)
        self.env.cr.execute("SELECT indexdef FROM pg_indexes "
                            "WHERE indexname = 'res_partner_name_key_contact_bigram_index'")
        self.assertIn("gin (crm_followup_bigrams((name_key)", self.env.cr.fetchone()[0])
        self.env.cr.execute("SELECT crm_followup_bigrams('深圳华信'), crm_followup_bigrams('华')")
        self.assertEqual([sorted(bigrams) for bigrams in self.env.cr.fetchone()], [["华信", "圳华", "深圳"], []])
        self.Partner.init()   # idempotent: an update runs it again

    def test_query_count_does_not_grow_with_the_results(self):
        Partner = self.Partner.sudo(self.salesperson)
        Partner.followup_global_search("华信电子")
        counts = []
        for text in ("华信电子", "020-62567315"):
            Partner.invalidate_cache()
            before = self.cr.sql_log_count
            Partner.followup_global_search(text)
            counts.append(self.cr.sql_log_count - before)
        # industries, tags, one query per rank, the final search and the display names
        self.assertEqual(counts, [QUERIES_BY_NAME, QUERIES_BY_PHONE])

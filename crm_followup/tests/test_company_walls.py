from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common import FollowupCase


class TestCompanyWalls(FollowupCase):
    """Users of one company see and change nothing of another's customers, follow-ups, reminders,
    pools and grades, whatever their role, unless they are members of both."""

    @classmethod
    def setUpClass(cls):
        super(TestCompanyWalls, cls).setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.other_salesperson = cls._user("oc_zhou", "周敏", cls.sales, company=cls.other_company)
        cls.both = cls._user("both_wu", "吴刚", cls.managers)
        cls.both.write({"company_ids": [(4, cls.other_company.id)], "company_id": cls.other_company.id})
        cls.pool = cls.env["crm.followup.pool"].create({
            "name": "深圳公海", "company_id": cls.company.id,
            "member_user_ids": [(6, 0, [cls.salesperson.id, cls.salesperson2.id])],
            "grade_rule_ids": [(0, 0, {"grade_id": cls.grade_a.id, "no_followup_days": 15,
                                       "no_opportunity_days": 30, "not_won_days": 60})]})
        cls.pooled = cls._customer("深圳市坪山安泰保安服务有限公司", None, cls.grade_c,
                                   pool_id=cls.pool.id, phone="13812345678")
        cls.unpooled = cls._customer("深圳市龙岗无主贸易有限公司", None, cls.grade_c)
        cls.other_grade = cls.env["crm.followup.grade"].create({
            "name": "重点客户", "code": "A", "followup_interval": 7, "company_id": cls.other_company.id})
        cls.other_customer = cls._customer("上海浦江精密机械有限公司", cls.other_salesperson, cls.other_grade,
                                           company_id=cls.other_company.id)
        cls.other_contact = cls.Partner.create({"name": "沈海涛", "parent_id": cls.other_customer.id})
        cls.method = cls.env.ref("crm_followup.crm_followup_method_phone")
        cls.followup = cls._followup(cls.salesperson, cls.customer, next_days=2)
        cls.other_followup = cls._followup(cls.other_salesperson, cls.other_customer, next_days=3)

    @classmethod
    def _followup(cls, user, customer, next_days=None):
        vals = {"partner_id": customer.id, "method_id": cls.method.id, "user_id": user.id,
                "content": "电话沟通", "next_step": "发送报价"}
        if next_days:
            vals["next_followup_date"] = fields.Datetime.to_string(datetime.utcnow() + timedelta(days=next_days))
        return cls.env["crm.followup.record"].sudo(user).create(vals)

    def _visible(self, user, model, records):
        return self.env[model].sudo(user).search([("id", "in", records.ids)])

    # ---- customers and contacts ------------------------------------------------------------

    def test_other_company_manager_finds_no_customer(self):
        first = self.customer | self.customer2 | self.contact | self.pooled | self.unpooled
        self.assertFalse(self._visible(self.other_company_user, "res.partner", first))
        partners = self.Partner.sudo(self.other_company_user)
        self.assertFalse(partners.name_search("深圳"))
        self.assertFalse(partners.read_group([("id", "in", first.ids)], ["phone"], ["phone"]))
        with self.assertRaises(AccessError):
            self.pooled.sudo(self.other_company_user).read(["phone"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.customer.sudo(self.other_company_user).write({"name": "改名"})

    def test_other_company_salesperson_sees_no_unowned_customer(self):
        # an unowned customer lands in its company's default pool: its members see it
        self.assertTrue(self.unpooled.pool_id.is_default)
        self.unpooled.pool_id.member_user_ids |= self.salesperson
        self.assertIn(self.unpooled, self._visible(self.salesperson, "res.partner", self.unpooled))
        self.assertFalse(self._visible(self.other_salesperson, "res.partner", self.unpooled | self.pooled))

    def test_first_company_sees_nothing_of_the_other(self):
        for user in (self.manager, self.salesperson):
            self.assertFalse(self._visible(user, "res.partner", self.other_customer | self.other_contact))

    def test_member_of_both_companies_sees_both(self):
        both = self.other_customer | self.other_contact | self.customer | self.pooled
        self.assertEqual(self._visible(self.both, "res.partner", both), both)
        self.assertEqual(self._visible(self.both, "crm.followup.record", self.followup | self.other_followup),
                         self.followup | self.other_followup)

    def test_a_new_member_of_a_company_sees_it_at_once(self):
        """The rules are cached per user: joining a company must reach them."""
        self.assertFalse(self._visible(self.manager, "res.partner", self.other_customer))
        self.manager.write({"company_ids": [(4, self.other_company.id)]})
        self.assertEqual(self._visible(self.manager, "res.partner", self.other_customer), self.other_customer)
        self.manager.write({"company_ids": [(3, self.other_company.id)]})
        self.assertFalse(self._visible(self.manager, "res.partner", self.other_customer))

    def test_partners_odoo_reads_everywhere_stay_readable(self):
        """Message authors, followers and attendees: partners of internal users and companies,
        partners without a company, one's own partner."""
        shared = self.Partner.create({"name": "共享联系人", "customer": False, "company_id": False})
        readable = (self.salesperson.partner_id | self.manager.partner_id | self.company.partner_id
                    | shared | self.other_company_user.partner_id)
        for user in (self.other_company_user, self.other_salesperson):
            self.assertEqual(len(readable.sudo(user).read(["name"])), len(readable))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.salesperson.partner_id.sudo(self.other_company_user).write({"name": "改名"})

    def test_new_customer_gets_its_creators_company_and_a_contact_its_customers(self):
        created = self.Partner.sudo(self.other_company_user).create(
            {"name": "北京新客户有限公司", "is_company": True, "company_id": False})
        self.assertEqual(created.company_id, self.other_company)
        # a member of both, working in the other company, adds a contact to a first-company customer
        contact = self.Partner.sudo(self.both).create({"name": "刘洋二", "parent_id": self.customer.id})
        self.assertEqual(contact.company_id, self.company)
        self.assertIn(contact, self._visible(self.manager, "res.partner", contact))

    def test_customer_keeps_a_company(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.customer.sudo(self.manager).write({"company_id": False})

    def test_nobody_moves_a_customer_into_another_company(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.customer.sudo(self.salesperson).write({"company_id": self.other_company.id})
        self.assertEqual(self.customer.company_id, self.company)

    # ---- follow-ups ----------------------------------------------------------------------

    def test_other_company_reads_no_followup(self):
        for user in (self.other_company_user, self.other_salesperson):
            self.assertFalse(self._visible(user, "crm.followup.record", self.followup))
            self.assertFalse(self.env["crm.followup.record"].sudo(user).read_group(
                [("partner_id", "=", self.customer.id)], ["user_id"], ["user_id"]))
        self.assertFalse(self._visible(self.manager, "crm.followup.record", self.other_followup))

    def test_other_company_cannot_log_a_followup_on_a_first_company_customer(self):
        records = self.env["crm.followup.record"]
        vals = {"partner_id": self.customer.id, "method_id": self.method.id, "content": "越界"}
        for company in (self.other_company, self.company, None):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                records.sudo(self.other_company_user).create(dict(vals, company_id=company and company.id))
        # the customer's company is checked on its own too (e.g. a customer shared by mistake)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            records.create(dict(vals, company_id=self.other_company.id))
        self.assertEqual(records.search_count([("content", "=", "越界")]), 0)

    def test_followup_takes_its_customers_company(self):
        """A member of both companies working in the other one logs on a first-company customer."""
        rec = self._followup(self.both, self.customer)
        self.assertEqual(rec.company_id, self.company)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            rec.sudo(self.both).write({"company_id": self.other_company.id})

    # ---- reminders ---------------------------------------------------------------------------

    def _reminders(self, user, customers):
        return self.env["mail.activity"].sudo(user).search(
            [("res_model", "=", "res.partner"), ("res_id", "in", customers.ids)])

    def test_reminders_are_private(self):
        mine = self._reminders(self.salesperson, self.customer)
        self.assertEqual(mine.mapped("user_id"), self.salesperson)
        self.assertFalse(self._reminders(self.salesperson2, self.customer))
        self.assertFalse(self.env["mail.activity"].sudo(self.salesperson2).search_read(
            [("user_id", "=", self.salesperson.id)], ["res_name", "summary"]))
        self.assertEqual(self._reminders(self.manager, self.customer), mine)
        self.assertFalse(self._reminders(self.manager, self.other_customer))
        for user in (self.other_company_user, self.other_salesperson):
            self.assertFalse(self._reminders(user, self.customer))
        self.assertTrue(self._reminders(self.other_salesperson, self.other_customer))
        self.assertEqual(len(self._reminders(self.both, self.customer | self.other_customer)), 2)

    def test_reminders_keep_working(self):
        """The customer's form (activity fields), the systray and closing one's reminder by logging
        the follow-up."""
        customer = self.customer.sudo(self.salesperson)
        self.assertEqual(customer.activity_ids.mapped("user_id"), self.salesperson)
        self.assertEqual(customer.activity_state, "planned")
        systray = self.env["res.users"].sudo(self.salesperson).activity_user_count()
        self.assertEqual([m["planned_count"] for m in systray if m["model"] == "res.partner"], [1])
        self._followup(self.salesperson, self.customer)
        self.assertFalse(self.customer.activity_ids)

    def test_other_company_cannot_schedule_a_reminder_on_a_first_company_customer(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["mail.activity"].sudo(self.other_company_user).create({
                "res_model_id": self.env["ir.model"]._get("res.partner").id, "res_id": self.customer.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                "summary": "越界", "user_id": self.other_company_user.id})

    # ---- pools, history, grades ----------------------------------------------------------

    def test_other_company_sees_no_pool_history_or_grade(self):
        log = self.env["crm.followup.pool.log"].create({
            "action": "claim", "partner_id": self.customer.id, "to_user_id": self.salesperson.id,
            "pool_id": self.pool.id, "company_id": self.company.id})
        for user in (self.other_company_user, self.other_salesperson):
            self.assertFalse(self._visible(user, "crm.followup.pool", self.pool))
            self.assertFalse(self._visible(user, "crm.followup.pool.grade.rule", self.pool.grade_rule_ids))
            self.assertFalse(self._visible(user, "crm.followup.pool.log", log))
            self.assertFalse(self._visible(user, "crm.followup.grade", self.grade_a))
        self.assertFalse(self._visible(self.manager, "crm.followup.grade", self.other_grade))
        self.assertFalse(self.env["crm.followup.deal.report"].sudo(self.other_company_user).search(
            [("company_id", "=", self.company.id)]))

    # ---- a group's companies handled by different salespeople ---------------------------

    def test_salesperson_opens_own_customer_whose_parent_is_a_colleagues(self):
        self.customer.parent_id = self.customer2  # a subsidiary of 李娜's customer
        names = list(self.Partner.fields_view_get(view_type="form")["fields"])
        values = self.customer.sudo(self.salesperson).read(names)[0]
        self.assertEqual(values["parent_id"], (self.customer2.id, self.customer2.display_name))
        self.assertEqual(values["related_company_count"], 0)
        self.assertEqual(values["contact_count"], 1)
        with self.assertRaises(AccessError):
            self.customer2.sudo(self.salesperson).read(["phone"])
        # the parent's owner does not see the subsidiary either; the manager sees the group
        self.assertEqual(self.customer2.sudo(self.salesperson2).related_company_count, 0)
        self.assertEqual(self.customer2.sudo(self.manager).related_company_count, 1)
        action = self.customer.sudo(self.manager).action_view_related_companies()
        self.assertEqual(self.Partner.sudo(self.manager).search(action["domain"]), self.customer2)

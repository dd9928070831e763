from datetime import date, datetime, timedelta

from odoo import fields

from ..models.followup_rules import birthday_occurrence, birthday_window_keys, suggest_lifecycle
from .test_followup_record import FollowupRecordCase, ago


class TestCadence(FollowupRecordCase):

    @classmethod
    def setUpClass(cls):
        super(TestCadence, cls).setUpClass()
        # Both customers were received long ago; grade A: every 7 days, grade C: every 30 days.
        (cls.customer | cls.customer2).write({"date_owner_received": ago(days=100)})

    def test_due_follows_last_followup_and_grade(self):
        self._log(date=ago(days=10))                    # grade A, 10 > 7 days: due
        self._log(customer=self.customer2, date=ago(days=10))  # grade C, 10 < 30 days: not due
        self.assertEqual((self.customer.followup_due, self.customer2.followup_due), (True, False))
        due = self.env["res.partner"].search([("followup_due", "=", True)])
        self.assertIn(self.customer, due)
        self.assertNotIn(self.customer2, due)
        self.assertIn(self.customer2, self.env["res.partner"].search([("followup_due", "=", False)]))
        Partner = self.env["res.partner"].sudo()
        with self.assertQueryCount(1):  # a sub-select, not the due ids fetched first
            self.assertEqual(Partner.search_count([("followup_due", "=", True), ("id", "=", self.customer.id)]), 1)
        self._log(date=ago(days=1))
        self.assertFalse(self.customer.followup_due)

    def test_new_owner_gets_a_full_interval(self):
        self._log(date=ago(days=10))
        self.customer.date_owner_received = ago(days=2)
        self.assertFalse(self.customer.followup_due)

    def test_cron_reminds_each_due_customer_once(self):
        self._log(date=ago(days=10))
        self._log(customer=self.customer2, date=ago(days=40))
        Partner = self.env["res.partner"]
        now = fields.Datetime.now()
        Partner._due_reminder_customers(now)._create_due_reminders(now, batch_size=1)
        self.assertEqual(len(self._reminders()), 1)
        self.assertEqual(len(self._reminders(self.customer2)), 1)
        self.assertIn("A", self._reminders().summary)
        self.assertEqual(Partner._cron_followup_due_reminders(), 0, "a second run creates nothing")
        self.assertEqual(len(self._reminders()), 1)
        self._log(content="回访完成")  # the owner's follow-up completes the cadence reminder
        self.assertFalse(self._reminders())

    def test_cron_skips_customers_without_owner(self):
        nobody = self._customer("东莞市无主五金厂", None, self.grade_a)
        self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s", (ago(days=30), nobody.id))
        self.env["res.partner"].invalidate_cache()
        self.assertTrue(nobody.followup_due)
        self.env["res.partner"]._cron_followup_due_reminders()
        self.assertFalse(self.env["mail.activity"].search([("res_model", "=", "res.partner"),
                                                           ("res_id", "=", nobody.id)]))


class TestBirthdays(FollowupRecordCase):

    def _birthday_reminders(self):
        return self._reminders(activity_type=self.env.ref("crm_followup.mail_activity_type_birthday"))

    def test_owner_reminded_once_days_ahead(self):
        today = date(2026, 11, 23)
        self.company.followup_birthday_days = 5
        self.contact.birthday = "1980-11-27"
        far = self.env["res.partner"].create({"name": "黄磊", "parent_id": self.customer.id, "birthday": "1985-12-20"})
        Partner = self.env["res.partner"]
        Partner._cron_birthday_reminders(date_ref="2026-11-23")
        reminder = self._birthday_reminders()
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.date_deadline, "2026-11-27")
        self.assertIn(self.contact.name, reminder.summary)
        self.assertEqual(self.contact.birthday_reminded_year, 2026)
        self.assertFalse(far.birthday_reminded_year)
        reminder.action_feedback("已发祝福")
        Partner._cron_birthday_reminders(date_ref=fields.Date.to_string(today + timedelta(days=1)))
        self.assertFalse(self._birthday_reminders(), "once per year, even after the reminder is done")

    def test_birthday_helpers(self):
        self.assertEqual(birthday_occurrence(date(1980, 2, 29), date(2027, 2, 1)), date(2027, 2, 28))
        self.assertEqual(birthday_occurrence(date(1980, 1, 2), date(2026, 12, 30)), date(2027, 1, 2))
        self.assertIn("02-29", birthday_window_keys(date(2027, 2, 27), 2))
        self.assertEqual(birthday_window_keys(date(2026, 12, 31), 1), {"12-31", "01-01"})


class TestLifecycle(FollowupRecordCase):

    def test_rule(self):
        now = datetime(2026, 11, 23)
        day = timedelta(days=1)
        self.assertEqual(suggest_lifecycle(now, 7, 0, None, now - day, 5, 1), "acquisition")
        self.assertEqual(suggest_lifecycle(now, 7, 1, now - 30 * day, now - 2 * day, 4, 2), "growth")
        self.assertEqual(suggest_lifecycle(now, 7, 3, now - 30 * day, now - 2 * day, 4, 4), "maturity")
        self.assertEqual(suggest_lifecycle(now, 7, 3, now - 30 * day, now - 2 * day, 2, 6), "decline")
        self.assertEqual(suggest_lifecycle(now, 7, 3, now - 30 * day, now - 10 * day, 4, 4), "decline")
        self.assertEqual(suggest_lifecycle(now, 7, 3, now - 30 * day, now - 20 * day, 4, 4), "departure")

    def test_suggestion_from_history_and_apply(self):
        self._log(date=ago(days=2))
        self.assertEqual(self.customer.lifecycle_suggestion, "acquisition")
        lead = self.env["crm.lead"].create({"name": "华信年度合同", "partner_id": self.contact.id,
                                            "type": "opportunity"})
        lead.action_set_won()
        self.customer.invalidate_cache()
        self.assertEqual(self.customer.lifecycle_suggestion, "growth")
        self.customer.lifecycle_stage = "maturity"  # still settable by hand
        self.customer.action_apply_lifecycle_suggestion()
        self.assertEqual(self.customer.lifecycle_stage, "growth")


class TestCustomer360(FollowupRecordCase):

    def test_related_companies_and_contacts(self):
        branch = self._customer("深圳市华信电子东莞分公司", self.salesperson, parent_id=self.customer.id)
        self.assertEqual(self.customer.contact_count, 1)
        self.assertEqual(self.customer.related_company_count, 1)
        self.assertEqual(branch.related_company_count, 1)
        action = branch.action_view_related_companies()
        self.assertEqual(self.env["res.partner"].search(action["domain"]), self.customer)

    def test_log_from_customer_contact_and_opportunity(self):
        action = self.contact.action_log_followup()
        self.assertEqual(action["res_model"], "crm.followup.record")
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        self.assertEqual(action["context"]["default_contact_id"], self.contact.id)
        lead = self.env["crm.lead"].create({"name": "华信采购", "partner_id": self.contact.id})
        action = lead.action_log_followup()
        self.assertEqual(action["context"]["default_lead_id"], lead.id)
        rec = self._log(lead_id=lead.id, contact_id=self.contact.id)
        self.assertEqual(lead.followup_count, 1)
        self.assertEqual(self.env["crm.followup.record"].search(lead.action_view_followups()["domain"]), rec)
        self.assertEqual(self.customer.followup_ids, rec)

    def test_log_call_fills_in_the_phone_method(self):
        phone = self.phone
        action = self.contact.sudo(self.salesperson).action_log_call()
        self.assertEqual(action["target"], "new")
        context = action["context"]
        self.assertEqual((context["default_partner_id"], context["default_contact_id"], context["default_method_id"]),
                         (self.customer.id, self.contact.id, phone.id))
        record = self.env["crm.followup.record"].sudo(self.salesperson).with_context(**context).create(
            {"content": "电话确认交期"})
        self.assertEqual((record.partner_id, record.contact_id, record.method_id), (self.customer, self.contact, phone))
        phone.active = False  # an archived method is not offered
        self.assertNotIn("default_method_id", self.customer.sudo(self.salesperson).action_log_call()["context"])


class TestStatistics(FollowupRecordCase):

    def test_followups_by_salesperson_and_method(self):
        self._log(date=ago(days=3))
        self._log(date=ago(days=2), method_id=self.visit.id)
        self._log(customer=self.customer2, date=ago(days=1))
        groups = self.env["crm.followup.record"].read_group(
            [("partner_id", "in", (self.customer | self.customer2).ids)],
            ["user_id", "method_id"], ["user_id", "method_id"], lazy=False)
        counts = {(g["user_id"][0], g["method_id"][0]): g["__count"] for g in groups}
        self.assertEqual(counts, {(self.salesperson.id, self.phone.id): 1,
                                  (self.salesperson.id, self.visit.id): 1,
                                  (self.salesperson2.id, self.phone.id): 1})

    def test_followups_before_first_deal(self):
        for days in (30, 20, 10, 5, 4):
            self._log(date=ago(days=days))
        lead = self.env["crm.lead"].create({"name": "华信采购", "partner_id": self.customer.id,
                                            "type": "opportunity"})
        lead.action_set_won()
        self._log(date=ago(hours=-1))  # after the deal: not counted
        row = self.env["crm.followup.deal.report"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual((row.followups_before_won, row.bucket), (5, "04_11"))

    def test_first_deal_report_lists_customers_only(self):
        """A won deal of a partner that is no customer (Odoo's demo Agrolait in the demo) is not a
        customer's first deal."""
        supplier = self.env["res.partner"].create({"name": "深圳市宏达包装材料厂", "is_company": True,
                                                   "customer": False, "supplier": True})
        self.env["crm.lead"].create({"name": "包装材料", "partner_id": supplier.id, "type": "opportunity"}).action_set_won()
        self.assertFalse(self.env["crm.followup.deal.report"].search([("partner_id", "=", supplier.id)]))

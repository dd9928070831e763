from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError

from ..models import followup_dates as dates
from .common import FollowupCase
from .pool_common import PoolCase, days_ago
from .test_followup_record import FollowupRecordCase, ago


class TestSettingsScreen(FollowupCase):
    """Settings > Customer Tracking switches the capabilities of the current company only."""

    def test_settings_write_the_current_company_only(self):
        admin = self.env.ref("base.user_root")
        admin.company_ids |= self.other_company
        admin.company_id = self.other_company
        try:
            settings = self.env["res.config.settings"].sudo(admin).create({
                "followup_pool_enabled": False, "followup_cadence_enabled": False,
                "followup_birthday_enabled": False, "followup_birthday_days": 3})
            settings.execute()
        finally:
            admin.company_id = self.company
        self.assertEqual(
            [self.other_company[f] for f in ("followup_pool_enabled", "followup_cadence_enabled",
                                             "followup_birthday_enabled", "followup_birthday_days")],
            [False, False, False, 3])
        self.assertTrue(self.company.followup_pool_enabled and self.company.followup_cadence_enabled
                        and self.company.followup_birthday_enabled)
        Company = self.env["res.company"]
        self.assertIn(self.company, Company._followup_companies_with("pool"))
        self.assertNotIn(self.other_company, Company._followup_companies_with("pool"))
        self.assertFalse(self.other_company._followup_enabled("birthday"))
        self.assertFalse(Company._followup_enabled("pool"), "no company: nothing switched on")
        with self.assertRaises(ValueError):
            self.company._followup_enabled("teleport")

    def test_settings_show_the_current_company(self):
        self.company.followup_birthday_days = 9
        settings = self.env["res.config.settings"].create({})
        self.assertEqual((settings.followup_pool_enabled, settings.followup_birthday_days), (True, 9))


class TestPoolSwitchedOff(PoolCase):
    """A company with its public pool switched off: plain CRM for the pool (nothing masked, no
    claim, release nor take-back); switched on again, it resumes without punishing the owners for
    the days it was off."""

    @classmethod
    def setUpClass(cls):
        super(TestPoolSwitchedOff, cls).setUpClass()
        cls.aged = cls._customer("深圳市福田区久未跟进贸易行", cls.salesperson, cls.grade_c, pool_id=cls.pool.id)
        cls._set(cls.aged, date_owner_received=days_ago(100), last_followup_date=days_ago(40))

    def _switch(self, on):
        self.company.followup_pool_enabled = on
        self.env["res.partner"].invalidate_cache()

    def test_nothing_masked_and_the_other_company_still_masked(self):
        other_seller = self._user("oc_sun", "孙丽", self.sales, company=self.other_company)
        other_pool = self.env["crm.followup.pool"].create({
            "name": "广州公海", "company_id": self.other_company.id, "member_user_ids": [(6, 0, [other_seller.id])]})
        other_pooled = self._customer("广州市白云区华联五金", None, company_id=self.other_company.id,
                                      pool_id=other_pool.id, phone="13922223333")
        self.assertEqual(self.pooled.sudo(self.salesperson).phone, "138****5678")
        self._switch(False)
        member = self.pooled.sudo(self.salesperson)
        self.assertEqual((member.phone, member.email), ("13812345678", "zhang@anti.example.com"))
        self.assertEqual(self.pooled_contact.sudo(self.salesperson).mobile, "13965693803")
        self.assertFalse(member.followup_contact_masked)
        Partner = self.env["res.partner"].sudo(self.salesperson)
        self.assertIn(self.pooled, Partner.search([("phone", "=", "13812345678")]), "searchable by its number")
        self.assertNotIn(self.pooled, Partner.search([("followup_contact_masked", "=", True)]))
        # the other company's pool is still on: its salesperson sees the number masked, in one query
        theirs = other_pooled.sudo(other_seller)
        theirs._followup_sees_contact_data()  # the user's groups, read once per user
        with self.assertQueryCount(1):
            masked = theirs._followup_masked_ids()
        self.assertEqual(masked, {other_pooled.id})
        self.assertEqual(theirs.phone, "139****3333")

    def test_no_claim_no_release_a_manager_assigns(self):
        self.assertTrue(self.pooled.sudo(self.salesperson).followup_pool_on)
        self._switch(False)
        self.assertFalse(self.pooled.sudo(self.salesperson).followup_pool_on, "the form hides Claim and Release")
        with self.assertRaisesRegex(UserError, "public pool is switched off"):
            self.pooled.sudo(self.salesperson).action_claim()
        with self.assertRaisesRegex(UserError, "public pool is switched off"):
            self.customer.sudo(self.salesperson)._followup_release("不再跟进")
        self.assertEqual((self.pooled.user_id, self.customer.user_id), (self.env["res.users"], self.salesperson))
        self.pool.holding_cap = 1  # salesperson2 owns customer2 already: no cap with the pool off
        self.pooled.sudo(self.manager)._followup_take(self.salesperson2, "assign")
        self.assertEqual(self.pooled.user_id, self.salesperson2)
        self.env["crm.followup.pool"]._default_pool(self.company).holding_cap = 1
        mine = self.env["res.partner"].sudo(self.salesperson2).create({"name": "深圳市新建客户贸易行", "customer": True})
        self.assertEqual(mine.user_id, self.salesperson2, "a new customer of one's own, whatever the cap")

    def test_unowned_customer_is_anybodys_to_edit_and_see(self):
        # outsider is no member of the pool: with the pool on he neither sees nor edits its customers
        self.assertFalse(self.env["res.partner"].sudo(self.outsider).search([("id", "=", self.pooled.id)]))
        with self.assertRaisesRegex(UserError, "claim it before you change it"):
            self.pooled.sudo(self.salesperson).write({"function": "保安服务"})
        self._switch(False)
        self.assertTrue(self.env["res.partner"].sudo(self.outsider).search([("id", "=", self.pooled.id)]))
        self.pooled.sudo(self.salesperson).write({"phone": "0755-12345678"})
        self.assertEqual(self.pooled.phone, "0755-12345678")
        # colleagues' customers stay theirs
        self.assertFalse(self.env["res.partner"].sudo(self.outsider).search([("id", "=", self.customer2.id)]))

    def test_the_cron_takes_back_in_the_companies_with_the_pool_on(self):
        self.assertIn(self.pool, self.pool.search(self.pool._takeback_domain()))
        self.env["crm.followup.pool"]._cron_takeback()
        self.assertFalse(self.aged.user_id)
        self.assertEqual(self.Log.search([("partner_id", "=", self.aged.id)]).action, "takeback")

    def test_no_takeback_no_warning_no_due_date(self):
        self._switch(False)
        self.assertEqual(self._takeback(), 0)
        self.assertEqual(self.aged.user_id, self.salesperson)
        self.assertFalse(self.pool.search(self.pool._takeback_domain()) & self.pool)
        self.env["crm.followup.pool"]._cron_takeback()
        self.assertEqual(self.aged.user_id, self.salesperson)
        self.assertEqual((self.aged.days_to_takeback, self.aged.followup_takeback_date), (0, False))
        self.assertEqual(self.pool.preview_count, 0)
        self.pool._warn(dates.add_days(fields.Datetime.now(), 60))
        self.assertFalse(self.Log.search([("partner_id", "=", self.aged.id)]))

    def test_switched_on_again_the_off_days_do_not_count(self):
        self._claim_and_release_history()
        self._switch(False)
        self._switch(True)
        since = self.company.followup_pool_since
        self.assertTrue(since)
        # the history is all there, the pool customer is in its pool and masked again
        self.assertEqual(sorted(self.Log.search([("partner_id", "=", self.pooled.id)]).mapped("action")),
                         ["claim", "release"])
        self.assertEqual(self.pooled.pool_id, self.pool)
        self.assertEqual(self.pooled.sudo(self.salesperson2).phone, "138****5678")
        # 40 days without follow-up (rule: 30) is not taken back at once: a full period from `since`
        self.assertEqual(self._takeback(), 0)
        self.assertEqual(self.aged.user_id, self.salesperson)
        self.assertIn(self.aged.days_to_takeback, (29, 30), "30 days from switching on")
        self.pool._takeback(dates.add_days(since, 29))
        self.assertEqual(self.aged.user_id, self.salesperson)
        self.pool._takeback(dates.add_days(since, 30.1))
        self.assertFalse(self.aged.user_id)
        # switching on what is on already does not move the date
        self.company.followup_pool_enabled = True
        self.assertEqual(self.company.followup_pool_since, since)

    def test_warning_counts_from_switching_on(self):
        self._switch(False)
        self._switch(True)
        since = self.company.followup_pool_since
        self.pool._warn(dates.add_days(since, 20))  # warning_days 3: not yet
        self.assertFalse(self.Log.search([("partner_id", "=", self.aged.id), ("action", "=", "warning")]))
        self.pool._warn(dates.add_days(since, 28))
        self.assertTrue(self.Log.search([("partner_id", "=", self.aged.id), ("action", "=", "warning")]))

    def _claim_and_release_history(self):
        self.pooled.sudo(self.salesperson).action_claim()
        self.pooled.sudo(self.salesperson)._followup_release("客户暂无需求")
        self.pooled.invalidate_cache()


class TestReminderSwitches(FollowupRecordCase):
    """Cadence and birthday reminders are created only for the companies that have them on."""

    @classmethod
    def setUpClass(cls):
        super(TestReminderSwitches, cls).setUpClass()
        (cls.customer | cls.customer2).write({"date_owner_received": ago(days=100)})
        cls.birthday_type = cls.env.ref("crm_followup.mail_activity_type_birthday")

    def test_cadence_reminders_follow_the_switch(self):
        self._log(date=ago(days=10))  # grade A (7 days): due
        self.company.followup_cadence_enabled = False
        Partner = self.env["res.partner"]
        Partner._cron_followup_due_reminders()
        self.assertFalse(self._reminders())
        self.assertTrue(self.customer.followup_due, "still shown as due: only the reminder is off")
        self.company.followup_cadence_enabled = True
        Partner._cron_followup_due_reminders()
        self.assertEqual(len(self._reminders()), 1)

    def test_birthday_reminders_follow_the_switch_and_the_customers_company(self):
        self.contact.birthday = "1980-11-27"
        Partner = self.env["res.partner"]
        self.company.write({"followup_birthday_enabled": False, "followup_birthday_days": 5})
        Partner._cron_birthday_reminders(date_ref="2026-11-23")
        self.assertFalse(self._reminders(activity_type=self.birthday_type))
        self.assertFalse(self.contact.birthday_reminded_year)
        # the lead time is the customer's company's, not that of the owner's current company
        self.company.followup_birthday_enabled = True
        self.other_company.followup_birthday_days = 0
        self.salesperson.write({"company_ids": [(4, self.other_company.id)], "company_id": self.other_company.id})
        self.assertIn((self.contact.id, self.customer.id, self.salesperson.id, date(2026, 11, 27)),
                      Partner._birthday_reminders_due(date(2026, 11, 23)))
        self.company.followup_birthday_days = 3  # the customer's company: too early now
        self.assertNotIn(self.contact.id, [d[0] for d in Partner._birthday_reminders_due(date(2026, 11, 23))])
        self.company.followup_birthday_days = 5
        Partner._cron_birthday_reminders(date_ref="2026-11-23")
        self.assertEqual(self._reminders(activity_type=self.birthday_type).date_deadline, "2026-11-27")
        self.assertNotIn(self.contact.id, [d[0] for d in Partner._birthday_reminders_due(
            date(2026, 11, 23) + timedelta(days=1))], "once per birthday")

    def test_the_cron_and_the_button_path_are_one(self):
        """The cron finds its customers through _due_reminder_customers and creates the reminders
        with the ordinary method, batch by batch."""
        self._log(date=ago(days=10))
        self._log(customer=self.customer2, date=ago(days=40))
        now = fields.Datetime.now()
        customers = self.env["res.partner"]._due_reminder_customers(now)
        self.assertEqual(customers & (self.customer | self.customer2), self.customer | self.customer2)
        self.assertEqual((self.customer | self.customer2)._create_due_reminders(now, batch_size=1), 2)
        self.assertEqual(len(self._reminders()) + len(self._reminders(self.customer2)), 2)
        self.assertFalse(self.env["res.partner"]._due_reminder_customers(now) & (self.customer | self.customer2))

from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import ValidationError

from .common import FollowupCase


def ago(days=0, hours=0):
    return fields.Datetime.to_string(datetime.now() - timedelta(days=days, hours=hours))


class FollowupRecordCase(FollowupCase):

    @classmethod
    def setUpClass(cls):
        super(FollowupRecordCase, cls).setUpClass()
        cls.Record = cls.env["crm.followup.record"]
        cls.phone = cls.env.ref("crm_followup.crm_followup_method_phone")
        cls.visit = cls.env.ref("crm_followup.crm_followup_method_visit")
        cls.talk = cls.env.ref("crm_followup.crm_followup_result_effective")
        cls.deal = cls.env.ref("crm_followup.crm_followup_result_deal")
        cls.followup_type = cls.env.ref("crm_followup.mail_activity_type_followup")

    def _log(self, customer=None, user=None, **vals):
        vals.setdefault("date", ago(hours=1))
        vals.setdefault("method_id", self.phone.id)
        vals.setdefault("result_id", self.talk.id)
        vals.setdefault("content", "电话沟通采购计划")
        customer = customer or self.customer
        vals.update(partner_id=customer.id, user_id=(user or customer.user_id).id)
        return self.Record.create(vals)

    def _reminders(self, customer=None, user=None, activity_type=None):
        customer = customer or self.customer
        return self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "=", customer.id),
            ("user_id", "=", (user or customer.user_id).id),
            ("activity_type_id", "=", (activity_type or self.followup_type).id)])

    def _queries(self, func):
        count0 = self.cr.sql_log_count
        func()
        return self.cr.sql_log_count - count0


class TestCustomerFigures(FollowupRecordCase):

    def test_logging_updates_customer_figures(self):
        self.assertEqual(self.customer.followup_count, 0)
        self._log(date=ago(days=3), next_followup_date=ago(days=1))
        last = self._log(date=ago(days=1), next_followup_date=ago(days=-4))
        self.assertEqual(self.customer.followup_count, 2)
        self.assertEqual(self.customer.last_followup_date, last.date)
        self.assertEqual(self.customer.next_followup_date, last.next_followup_date)

    def test_moving_changing_customer_and_deleting_keep_figures_right(self):
        first = self._log(date=ago(days=5))
        second = self._log(date=ago(days=2), next_followup_date=ago(days=-3))
        second.date = ago(days=9)  # now the older one: the figures follow the latest, `first`
        self.assertEqual(self.customer.last_followup_date, first.date)
        self.assertFalse(self.customer.next_followup_date)
        first.write({"partner_id": self.customer2.id, "contact_id": False})
        self.assertEqual((self.customer.followup_count, self.customer2.followup_count), (1, 1))
        self.assertEqual(self.customer.last_followup_date, second.date)
        self.assertEqual(self.customer2.last_followup_date, first.date)
        (first | second).unlink()
        self.assertEqual((self.customer.followup_count, self.customer2.followup_count), (0, 0))
        self.assertFalse(self.customer.last_followup_date)
        self.assertFalse(self.customer2.last_followup_date)

    def test_figures_take_one_query_whatever_the_batch(self):
        customers = self.customer | self.customer2
        with self.assertQueryCount(1):
            self.Record._update_customer_stats(customers)
        one = self._log(date=ago(days=4))
        five = self.Record.browse([self._log(date=ago(days=4)).id for _i in range(5)])
        one_write = self._queries(lambda: one.write({"date": ago(days=3)}))
        five_write = self._queries(lambda: five.write({"date": ago(days=3)}))
        self.assertEqual(one_write, five_write)
        self.assertEqual(self.customer.last_followup_date, five[0].date)

    def test_batch_upkeep_takes_the_same_queries_for_2_or_6_customers(self):
        customers = [self._customer("批量客户 %d" % i, self.salesperson) for i in range(8)]
        deferred = self.Record.with_context(followup_defer_sync=True, tracking_disable=True)

        def batch(some, **extra):
            return self.Record.browse([deferred.create(dict(
                partner_id=c.id, user_id=self.salesperson.id, method_id=self.phone.id, date=ago(days=2),
                **extra)).id for c in some])

        plans = dict(next_followup_date=ago(days=-3))
        warm_up = self._customer("预热客户", self.salesperson)
        batch(warm_up, **plans)._after_create(quiet=True)  # ormcaches (model ids, xml ids) filled
        two, six = batch(customers[:2], **plans), batch(customers[2:], **plans)
        self.Record.invalidate_cache()
        self.assertEqual(self._queries(lambda: two._after_create(quiet=True)),
                         self._queries(lambda: six._after_create(quiet=True)))
        self.assertEqual([c.followup_count for c in customers], [1] * 8)
        self.assertEqual(len(self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "in", [c.id for c in customers])])), 8)
        # the next batch moves or removes those reminders, still in a constant number of queries
        two, six = batch(customers[:2], **plans), batch(customers[2:])
        self.Record.invalidate_cache()
        self.assertEqual(self._queries(lambda: two._after_create(quiet=True)),
                         self._queries(lambda: six._after_create(quiet=True)))
        self.assertEqual(len(self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "in", [c.id for c in customers])])), 2)


class TestReminders(FollowupRecordCase):

    def test_next_followup_creates_moves_and_completes_one_reminder(self):
        rec = self._log(next_followup_date=ago(days=-3), next_step="发送报价单")
        reminder = self._reminders()
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.summary, "发送报价单")
        rec.next_followup_date = ago(days=-6)
        self.assertEqual(self._reminders(), reminder, "moved, not duplicated")
        self.assertEqual(reminder.date_deadline, rec._user_date(rec.next_followup_date))
        self._log(content="客户确认了报价")
        self.assertFalse(reminder.exists(), "the next follow-up completes the reminder")
        done = self.customer.message_ids.filtered(lambda m: m.mail_activity_type_id == self.followup_type)
        self.assertIn("客户确认了报价", done[0].body)

    def test_reminder_done_by_the_salesperson_who_logged(self):
        """The "done" note in the customer's chatter names the salesperson who logged the follow-up,
        not the administrator the reminder is closed as."""
        self._log(next_followup_date=ago(days=-3))
        self.Record.sudo(self.salesperson).create({
            "partner_id": self.customer.id, "method_id": self.phone.id, "date": ago(hours=1),
            "content": "上门演示新品"})
        self.assertFalse(self._reminders())
        done = self.customer.message_ids.filtered(lambda m: m.mail_activity_type_id == self.followup_type)
        self.assertEqual(done[0].author_id, self.salesperson.partner_id)

    def test_no_duplicate_reminders(self):
        self._log(date=ago(days=2), next_followup_date=ago(days=-1))
        self._log(date=ago(days=1), next_followup_date=ago(days=-2))
        self.assertEqual(len(self._reminders()), 1)
        self.assertEqual(len(self._reminders(user=self.salesperson2)), 0)

    def test_backdated_followup_does_not_complete_the_reminder(self):
        self._log(date=ago(days=1), next_followup_date=ago(days=-2))
        reminder = self._reminders()
        self._log(date=ago(days=20), content="补录上个月的拜访")
        self.assertTrue(reminder.exists())

    def test_clearing_the_next_date_removes_the_reminder(self):
        rec = self._log(next_followup_date=ago(days=-3))
        rec.next_followup_date = False
        self.assertFalse(self._reminders())

    def test_batch_create_moves_or_removes_reminders_quietly(self):
        self._log(customer=self.customer, date=ago(days=3), next_followup_date=ago(days=-1))
        self._log(customer=self.customer2, date=ago(days=3), next_followup_date=ago(days=-1))
        reminder, reminder2 = self._reminders(), self._reminders(self.customer2)
        new_customer = self._customer("珠海市横琴新科技有限公司", self.salesperson)
        base = dict(method_id=self.phone.id, date=ago(days=1), content="批量导入")
        self.Record.create_batch([
            dict(base, partner_id=self.customer.id, user_id=self.salesperson.id, next_followup_date=ago(days=-9)),
            dict(base, partner_id=self.customer2.id, user_id=self.salesperson2.id),
            dict(base, partner_id=new_customer.id, user_id=self.salesperson.id, next_followup_date=ago(days=-5),
                 next_step="寄样品"),
        ])
        self.assertEqual(self._reminders(), reminder, "moved to the imported plan")
        self.assertEqual(reminder.date_deadline, ago(days=-9)[:10])
        self.assertFalse(reminder2.exists())
        created = self._reminders(new_customer)
        self.assertEqual((created.summary, created.date_deadline, created.res_name),
                         ("寄样品", ago(days=-5)[:10], new_customer.display_name))
        self.assertEqual(new_customer.activity_ids, created)
        self.assertEqual((self.customer.followup_count, self.customer2.followup_count), (2, 2))

    def test_each_salesperson_has_own_reminder(self):
        self._log(user=self.salesperson, next_followup_date=ago(days=-3))
        self._log(user=self.salesperson2, next_followup_date=ago(days=-3))
        self.assertEqual(len(self._reminders(user=self.salesperson)), 1)
        self.assertEqual(len(self._reminders(user=self.salesperson2)), 1)


class TestBadInput(FollowupRecordCase):

    def assertRefused(self, **vals):
        count = self.Record.search_count([])
        activities = self.env["mail.activity"].search_count([])
        with self.assertRaises(ValidationError) as err:
            with self.env.cr.savepoint():
                self._log(**vals)
        self.assertEqual(self.Record.search_count([]), count, "nothing half-saved")
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)
        self.assertEqual(self.customer.followup_count, 0)
        return err.exception

    def test_next_followup_before_the_followup(self):
        """The dates are quoted as the user typed them: their time zone, their language's format
        (10:00 in Shanghai, not 02:00 UTC)."""
        self.Record = self.Record.with_context(tz="Asia/Shanghai", lang="zh_CN")
        err = self.assertRefused(date="2026-11-01 02:00:00", next_followup_date="2026-10-31 02:30:00")
        self.assertIn("下次跟进时间（2026年10月31日 10时30分）必须晚于本次跟进时间（2026年11月01日 10时00分）", err.name)

    def test_future_followup_quoted_in_local_time(self):
        self.Record = self.Record.with_context(tz="Asia/Shanghai", lang="zh_CN")
        err = self.assertRefused(date="2099-01-01 16:30:00")
        self.assertIn("2099年01月02日 00时30分", err.name)

    def test_contact_of_another_customer(self):
        other = self.env["res.partner"].create({"name": "赵敏", "parent_id": self.customer2.id})
        self.assertRefused(contact_id=other.id)

    def test_followup_on_a_contact_of_a_company(self):
        err = self.assertRefused(customer=self.contact, user=self.salesperson)
        self.assertIn(self.customer.name, err.name)

    def test_deal_without_content(self):
        self.assertRefused(result_id=self.deal.id, content="  ")

    def test_done_followup_dated_in_the_future(self):
        self.assertRefused(date=ago(days=-3))

    def test_opportunity_of_another_customer(self):
        lead = self.env["crm.lead"].create({"name": "瑞丰采购", "partner_id": self.customer2.id})
        self.assertRefused(lead_id=lead.id)

    def test_moving_a_followup_into_the_future_is_refused_too(self):
        rec = self._log(next_followup_date=ago(days=-2))
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                rec.write({"date": ago(days=-5)})
        self.assertEqual(self.customer.last_followup_date, rec.date)

    def test_errors_are_translated(self):
        record = self.Record.with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as err:
            with self.env.cr.savepoint():
                record.create({"partner_id": self.customer.id, "method_id": self.phone.id,
                               "result_id": self.deal.id, "date": ago(hours=1)})
        self.assertIn("成交", err.exception.name)

    def test_picking_a_contact_moves_it_to_its_company(self):
        rec = self.Record.new({"partner_id": self.contact.id})
        rec._onchange_partner_id()
        self.assertEqual((rec.partner_id, rec.contact_id), (self.customer, self.contact))


class TestPlannedFollowup(FollowupRecordCase):

    def test_next_followup_picked_as_a_day_is_due_at_the_start_of_that_day(self):
        """A salesperson in Shanghai clicks 27 November in the picker at 19:17:43: the follow-up
        is planned for 09:00 that day (01:00 UTC), on the record and the customer, on create and
        on write; a time typed to the minute is kept."""
        user = self.customer.user_id
        user.tz = "Asia/Shanghai"
        Record = self.Record.sudo(user)
        rec = Record.create({"partner_id": self.customer.id, "user_id": user.id, "date": ago(hours=1),
                             "method_id": self.phone.id, "result_id": self.talk.id, "content": "电话沟通",
                             "next_followup_date": "2099-11-27 11:17:43"})
        self.assertEqual(rec.next_followup_date, "2099-11-27 01:00:00")
        self.assertEqual(self.customer.next_followup_date, "2099-11-27 01:00:00")
        rec.sudo(user).write({"next_followup_date": "2099-12-03 03:41:12"})
        self.assertEqual(rec.next_followup_date, "2099-12-03 01:00:00")
        rec.sudo(user).write({"next_followup_date": "2099-12-03 06:30:00"})
        self.assertEqual(rec.next_followup_date, "2099-12-03 06:30:00")

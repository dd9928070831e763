"""Reminders written one way (crm.followup.reminder) and read in the user's time and language."""
from odoo import fields
from odoo.exceptions import UserError

from ..models import followup_dates as dates
from ..models.crm_followup_reminder import Reminder
from .pool_common import PoolCase, days_ago
from .test_followup_record import FollowupRecordCase, ago

SHANGHAI = {"tz": "Asia/Shanghai", "lang": "zh_CN"}


class TestReminderHelper(FollowupRecordCase):

    @classmethod
    def setUpClass(cls):
        super(TestReminderHelper, cls).setUpClass()
        cls.Reminders = cls.env["crm.followup.reminder"]
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def test_create_move_close_remove(self):
        ids = self.Reminders.create_many(self.todo, [
            Reminder(self.customer.id, self.salesperson.id, "2026-12-01", "寄样品"),
            Reminder(self.contact.id, self.salesperson.id, "2026-12-02", "约拜访", "<p>带上样品册</p>")])
        first, second = self.env["mail.activity"].browse(ids)
        self.assertEqual(self.customer.activity_ids, first, "the customer's cache sees the new reminder")
        self.assertEqual((first.res_name, first.user_id, first.date_deadline, first.summary),
                         (self.customer.display_name, self.salesperson, "2026-12-01", "寄样品"))
        self.assertEqual(second.res_name, self.contact.display_name, "named as the ORM names it")
        self.assertEqual(second.note, "<p>带上样品册</p>")
        self.Reminders.move_many([(first.id, "2026-12-05", "寄样品和报价")])
        self.assertEqual((first.date_deadline, first.summary), ("2026-12-05", "寄样品和报价"))
        self.Reminders.reassign([(self.customer.id, self.salesperson.id)], self.salesperson2)
        self.assertEqual((first | second).mapped("user_id"), self.salesperson2, "the contact's reminder too")
        self.Reminders.close(first, "样品已寄出", author=self.manager.partner_id)
        self.assertFalse(first.exists())
        note = self.customer.message_ids[0]
        self.assertEqual(note.author_id, self.manager.partner_id, "signed by whoever closed it")
        self.assertIn("寄样品和报价", note.body)
        self.assertIn("样品已寄出", note.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_activities"))
        self.Reminders.remove(second)
        self.assertFalse(second.exists())
        self.assertFalse(self.contact.activity_ids)

    def test_close_is_set_based(self):
        def queries(n):
            partners = [self._customer("东莞市石碣电子厂%d-%d" % (n, i), self.salesperson) for i in range(n)]
            ids = self.Reminders.create_many(self.todo, [
                Reminder(p.id, self.salesperson.id, "2026-12-01", "回访") for p in partners])
            before = self.cr.sql_log_count
            self.Reminders.close_of_former_owners([(p.id, self.salesperson.id) for p in partners], "收回")
            self.assertFalse(self.env["mail.activity"].browse(ids).exists())
            return self.cr.sql_log_count - before
        queries(1)  # warm the caches
        self.assertEqual(queries(2), queries(20))


class TestLocalDates(FollowupRecordCase):

    def test_reminder_due_on_the_salespersons_day(self):
        """Planned for 07:00 on 2 December in Shanghai (23:00 UTC on the 1st): due on the 2nd."""
        self.salesperson.tz = "Asia/Shanghai"
        self._log(next_followup_date="2099-12-01 23:00:00")
        self.assertEqual(self._reminders().date_deadline, "2099-12-02")

    def test_cadence_reminder_due_today_where_the_owner_lives(self):
        self.salesperson.tz = "Asia/Shanghai"
        self.env.cr.execute("UPDATE res_partner SET date_owner_received = %s WHERE id = %s",
                            [ago(days=100), self.customer.id])
        self._log(date=ago(days=10))
        today = fields.Date.today()
        self.env["res.partner"]._cron_followup_due_reminders(date_ref=today + " 20:00:00")
        self.assertEqual(self._reminders().date_deadline, dates.date_string(dates.add_days(today + " 20:00:00", 1)),
                         "04:00 the next day in Shanghai")

    def test_birthday_summary_in_the_owners_language(self):
        self.salesperson.lang = "zh_CN"
        self.company.followup_birthday_days = 5
        self.contact.birthday = "1980-11-27"
        self.env["res.partner"].with_context(lang="en_US")._cron_birthday_reminders(date_ref="2026-11-23")
        reminder = self._reminders(activity_type=self.env.ref("crm_followup.mail_activity_type_birthday"))
        self.assertEqual(reminder.summary, "刘洋 的生日（2026年11月27日）")


class TestMarkDone(FollowupRecordCase):
    """"Mark Done" on a follow-up reminder logs the follow-up, or nothing happens."""

    def test_feedback_alone_is_refused(self):
        self._log(next_followup_date=ago(days=-3))
        reminder = self._reminders().sudo(self.salesperson)
        count, last = self.customer.followup_count, self.customer.last_followup_date
        messages = len(self.customer.message_ids)
        for done in (lambda: reminder.action_feedback("电话聊过了"), reminder.action_done):
            with self.assertRaisesRegex(UserError, "写跟进"):  # the salesperson works in Chinese
                done()
        self.assertTrue(reminder.exists())
        self.customer.invalidate_cache()
        self.assertEqual((self.customer.followup_count, self.customer.last_followup_date), (count, last))
        self.assertEqual(len(self.customer.message_ids), messages, "no note that looks like a follow-up")

    def test_mark_done_opens_the_log_dialog_and_saving_closes_the_reminder(self):
        self._log(next_followup_date=ago(days=-3))
        reminder = self._reminders().sudo(self.salesperson)
        action = reminder.action_followup_log(feedback="客户确认下周下单 &amp; 付款")
        self.assertEqual(action["res_model"], "crm.followup.record")
        context = action["context"]
        self.assertEqual((context["default_partner_id"], context["default_user_id"], context["default_content"]),
                         (self.customer.id, self.salesperson.id, "客户确认下周下单 & 付款"))
        record = self.Record.sudo(self.salesperson).with_context(**context).create({"method_id": self.phone.id})
        self.assertFalse(reminder.exists(), "the follow-up completes the reminder")
        self.assertEqual(self.customer.followup_count, 2)
        self.assertEqual(self.customer.last_followup_date, record.date)

    def test_other_reminders_are_marked_done_as_usual(self):
        todo = self.env["crm.followup.reminder"].create_many(
            self.env.ref("mail.mail_activity_data_todo"),
            [Reminder(self.customer.id, self.salesperson.id, "2026-12-01", "寄合同")])
        activity = self.env["mail.activity"].browse(todo).sudo(self.salesperson)
        self.assertFalse(activity.action_followup_log(feedback="已寄"))
        activity.action_feedback("已寄")
        self.assertFalse(activity.exists())


class TestPoolMessagesInLocalTime(PoolCase):

    def test_reclaim_block_quotes_the_local_time(self):
        self.salesperson.write({"tz": "Asia/Shanghai", "lang": "zh_CN"})
        self._set(self.pooled, previous_user_id=self.salesperson.id, date_released="2099-01-01 17:00:00")
        with self.assertRaisesRegex(UserError, "2099年01月09日 01时00分"):  # + 7 days, UTC+8
            self.pooled.sudo(self.salesperson).with_context(**SHANGHAI).action_claim()

    def test_warning_due_on_the_owners_day_in_their_language(self):
        self.salesperson.write({"tz": "Asia/Shanghai", "lang": "zh_CN"})
        soon = self._owned("深圳市罗湖金丰珠宝有限公司", self.salesperson, 90, 28)
        self.pool.with_context(lang="en_US")._warn(days_ago(0))
        warning = self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "=", soon.id)])
        self.assertIn("公海", warning.summary)
        due = self.Partner.browse(soon.id).followup_takeback_date
        self.assertEqual(warning.date_deadline, dates.local_date(due, dates.tz_of("Asia/Shanghai")))

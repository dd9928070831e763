from datetime import date, timedelta

from odoo import fields

from ..models import followup_dates as dates
from .pool_common import PoolCase, days_ago


def in_days(days):
    return fields.Datetime.to_string(fields.Datetime.from_string(fields.Datetime.now()) + timedelta(days=days))


class TestWorkbench(PoolCase):
    """张伟's workbench (今日工作台): each section shows his own customers, as the rule behind it
    counts them, and nobody else's."""

    @classmethod
    def setUpClass(cls):
        super(TestWorkbench, cls).setUpClass()
        cls.pool.write({"daily_claim_limit": 5, "holding_cap": 20})
        cls.phone = cls.env.ref("crm_followup.crm_followup_method_phone")
        # due by its grade's cadence (B: every 14 days), last followed up 16 days ago
        cls.cadence_due = cls._owned_cls("深圳市南山华强科技有限公司", cls.salesperson, 20, 16,
                                         cls.env.ref("crm_followup.crm_followup_grade_b"))
        # a follow-up 3 days ago planned the next one for yesterday
        cls.planned_due = cls._owned_cls("深圳市福田天成贸易有限公司", cls.salesperson, 5)
        cls._log(cls.planned_due, days_ago(3), days_ago(1), "送报价单")
        # planned for the day after tomorrow: not due yet
        cls.planned_later = cls._owned_cls("深圳市宝安恒泰物流有限公司", cls.salesperson, 5)
        cls._log(cls.planned_later, days_ago(1), in_days(2), "约见采购经理")
        # no follow-up for 26 days: the pool takes it back in 4 (30-day rule), grade C not yet due
        cls.takeback_soon = cls._owned_cls("深圳市龙岗永盛五金有限公司", cls.salesperson, 26)
        # a contact with a birthday in two days, one of a colleague's customer today
        cls.birthday_contact = cls.Partner.create({
            "name": "陈晓红", "parent_id": cls.cadence_due.id, "birthday": cls._birthday(2)})
        cls.Partner.create({"name": "黄磊", "parent_id": cls.customer2.id, "birthday": cls._birthday(0)})
        # the colleague's customer: due, soon taken back
        cls._set(cls.customer2, date_owner_received=days_ago(28), last_followup_date=days_ago(28))
        # a customer of another company that names 张伟 as owner: he cannot see it, so it never shows
        cls.foreign = cls._customer("广州另一家公司的客户", cls.salesperson, cls.grade_a,
                                    company_id=cls.other_company.id)
        cls._set(cls.foreign, date_owner_received=days_ago(40), next_followup_date=days_ago(2))

    @classmethod
    def _owned_cls(cls, name, user, received_days, last_days=None, grade=None):
        partner = cls._customer(name, user, grade or cls.grade_c, pool_id=cls.pool.id)
        cls._set(partner, date_owner_received=days_ago(received_days),
                 last_followup_date=days_ago(last_days) if last_days is not None else None)
        return partner

    @classmethod
    def _log(cls, partner, when, next_date, next_step):
        cls.env["crm.followup.record"].sudo(cls.salesperson).create({
            "partner_id": partner.id, "method_id": cls.phone.id, "date": when,
            "next_followup_date": next_date, "next_step": next_step, "content": "电话沟通"})

    @classmethod
    def _birthday(cls, days):
        # the salesperson's today, as the workbench counts (not the test runner's time zone)
        day = fields.Date.from_string(dates.local_today(cls.env, cls.salesperson)) + timedelta(days=days)
        if (day.month, day.day) == (2, 29):
            day -= timedelta(days=1)
        return fields.Date.to_string(date(1985, day.month, day.day))

    def _data(self, user=None):
        return self.env["crm.followup.workbench"].sudo(user or self.salesperson).get_data()

    @staticmethod
    def _ids(section):
        return [line["partner_id"] for line in section["lines"]]

    def test_due_followups(self):
        """Due today and overdue: by cadence (the "Due for Follow-up" filter's customers) and by
        the planned next follow-up, with the planned next step and since when, oldest first."""
        due = self._data()["due"]
        self.assertEqual(set(self._ids(due)), {self.cadence_due.id, self.planned_due.id})
        self.assertEqual(due["total"], 2)
        planned = next(line for line in due["lines"] if line["partner_id"] == self.planned_due.id)
        self.assertEqual((planned["next_step"], planned["reason"], planned["overdue_days"]), ("送报价单", "Planned", 1))
        cadence = next(line for line in due["lines"] if line["partner_id"] == self.cadence_due.id)
        self.assertEqual((cadence["reason"], cadence["overdue_days"], cadence["grade"]), ("Cadence", 2, "B"))
        self.assertEqual(self._ids(due), [self.cadence_due.id, self.planned_due.id], "the longest waiting first")
        # the cadence part is exactly what the "Due for Follow-up" filter finds for him
        mine_due = self.Partner.sudo(self.salesperson).search(
            [("followup_due", "=", True), ("user_id", "=", self.salesperson.id)])
        self.assertEqual(mine_due, self.cadence_due)

    def test_logging_the_followup_clears_the_line(self):
        self.env["crm.followup.record"].sudo(self.salesperson).create({
            "partner_id": self.planned_due.id, "method_id": self.phone.id, "content": "已发报价单"})
        self.assertNotIn(self.planned_due.id, self._ids(self._data()["due"]))

    def test_takeback_within_seven_days(self):
        """Taken back within 7 days: the days left and the rule, as "Days to Take-back" says."""
        takeback = self._data()["takeback"]
        self.assertEqual(self._ids(takeback), [self.takeback_soon.id])
        line = takeback["lines"][0]
        self.assertEqual(line["days_left"], self.takeback_soon.days_to_takeback)
        self.assertIn(line["days_left"], (3, 4))  # 26 days (and a few seconds) of 30 gone
        self.assertEqual(line["rule"], "No follow-up for 30 days")
        mine = self.Partner.sudo(self.salesperson).search(
            [("days_to_takeback", "<=", 7), ("user_id", "=", self.salesperson.id)])
        self.assertEqual(set(takeback["ids"]), set(mine.ids), "the same as the filter Taken Back within 7 Days")

    def test_claims_left_and_cap(self):
        """Claims left under the daily limit and room under the holding cap, counted as the claim
        counts them: a claim moves both."""
        before = next(line for line in self._data()["claims"]["lines"] if line["pool_id"] == self.pool.id)
        self.pooled.sudo(self.salesperson).action_claim()
        after = next(line for line in self._data()["claims"]["lines"] if line["pool_id"] == self.pool.id)
        self.assertEqual((before["claims_left"], after["claims_left"], after["daily_limit"]), (5, 4, 5))
        self.assertEqual(after["held"], before["held"] + 1)
        self.assertEqual(after["cap_left"], 20 - after["held"])
        held = self.Partner.search_count([("user_id", "=", self.salesperson.id), ("is_followup_customer", "=", True)])
        self.assertEqual(after["held"], held)
        self.assertNotIn(self.other_pool.id, [line["pool_id"] for line in self._data()["claims"]["lines"]],
                         "a pool he is no member of")

    def test_birthdays_this_week(self):
        birthdays = self._data()["birthdays"]
        self.assertEqual([(line["contact_id"], line["partner_id"], line["days_until"]) for line in birthdays["lines"]],
                         [(self.birthday_contact.id, self.cadence_due.id, 2)])

    def test_received_customers(self):
        """New customers: claimed, assigned or handed over in the last 7 days and still his."""
        self.pooled.sudo(self.salesperson).action_claim()
        received = self._data()["received"]
        self.assertEqual(self._ids(received), [self.pooled.id])
        self.assertEqual(received["lines"][0]["how"], "Claim")

    def test_nobody_elses_customers(self):
        """Another salesperson's customers and another company's never appear; the colleague's
        page has the colleague's own."""
        data = self._data()
        shown = {line["partner_id"] for name in ("due", "takeback", "birthdays", "received")
                 for line in data[name]["lines"]}
        self.assertFalse(shown & {self.customer2.id, self.foreign.id})
        colleague = self._data(self.salesperson2)
        self.assertEqual(self._ids(colleague["takeback"]), [self.customer2.id])
        self.assertEqual([line["contact"] for line in colleague["birthdays"]["lines"]], ["黄磊"])
        self.assertFalse({line["partner_id"] for line in colleague["due"]["lines"]} - {self.customer2.id})

    def test_query_count_does_not_grow_with_customers(self):
        """The page costs the same number of queries for 5 customers and for 40 more of every kind."""
        def count():
            self.env["res.partner"].invalidate_cache()  # the whole cache, as a new request has
            start = self.cr.sql_log_count
            self._data()
            return self.cr.sql_log_count - start

        count()  # warm the registry caches
        few = count()
        for i in range(10):
            self._owned_cls("深圳市测试到期%d有限公司" % i, self.salesperson, 20, 10, self.grade_a)
            self._owned_cls("深圳市测试回收%d有限公司" % i, self.salesperson, 27)
            planned = self._owned_cls("深圳市测试计划%d有限公司" % i, self.salesperson, 5)
            self._log(planned, days_ago(3), days_ago(1), "回访")
            self.Partner.create({"name": "联系人%d" % i, "parent_id": planned.id, "birthday": self._birthday(1)})
        self.assertEqual(len(self._data()["due"]["lines"]), 22)
        self.assertEqual(count(), few)
        # 36 with the demo's three pools, the company switches read, the open complaints (3) and today's visits
        self.assertLessEqual(few, 36)

    def test_calendar_shows_planned_beside_done(self):
        """The follow-up calendar: the follow-ups done and each customer's planned next one, for
        whoever may see the follow-ups, nobody else."""
        Agenda = self.env["crm.followup.agenda"].sudo(self.salesperson)
        rows = Agenda.search([("partner_id", "=", self.planned_due.id)])
        self.assertEqual(sorted(rows.mapped("kind")), ["done", "planned"])
        planned = rows.filtered(lambda r: r.kind == "planned")
        self.assertEqual((planned.date, planned.note, planned.user_id), (self.planned_due.next_followup_date,
                                                                         "送报价单", self.salesperson))
        self.assertTrue(Agenda.search([("partner_id", "=", self.planned_later.id), ("kind", "=", "planned")]))
        colleague = self.env["crm.followup.agenda"].sudo(self.salesperson2)
        self.assertFalse(colleague.search([("partner_id", "in", (self.planned_due | self.planned_later).ids)]))
        self.assertEqual(planned.action_log_followup()["res_model"], "crm.followup.record")

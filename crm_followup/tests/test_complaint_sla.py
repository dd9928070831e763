"""Complaint service levels (服务等级): the Chinese working calendar, policies, the lines' clock
(pause, resume, re-matching), the late searches, the warning and the escalation ladder."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from ..models import followup_dates as dates
from .complaint_common import ComplaintCase


def utc(local):
    """A Shanghai wall-clock time ('2026-11-23 09:00') as Odoo's UTC string."""
    return fields.Datetime.to_string(datetime.strptime(local, "%Y-%m-%d %H:%M") - timedelta(hours=8))


class SlaCase(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(SlaCase, cls).setUpClass()
        cls.china = cls.env.ref("crm_followup.resource_calendar_china")
        cls.Policy = cls.env["crm.followup.complaint.sla.policy"]
        cls.Policy.search([]).write({"active": False})
        # the demo complaints' service levels are not these tests' (the scheduled run counts its events)
        cls.env["crm.followup.complaint.sla"].search([]).unlink()
        cls.director = cls._user("dir_sun", "孙总监", cls.managers)
        cls.sales_manager = cls._user("sm_zhao", "赵经理", cls.managers)
        cls.sales_team = cls.env["crm.team"].create({"name": "华南销售部", "user_id": cls.sales_manager.id})
        cls.salesperson.sale_team_id = cls.sales_team
        cls.policy = cls.Policy.create({
            "name": "标准", "sequence": 20, "calendar_id": cls.china.id, "warning_share": 50,
            "target_ids": [(0, 0, {"metric": "first_response", "target_hours": 2}),
                           (0, 0, {"metric": "solution", "target_hours": 10})],
            "step_ids": [(0, 0, {"sequence": 1, "delay_hours": 0, "recipient": "team_leader"}),
                         (0, 0, {"sequence": 2, "delay_hours": 4, "recipient": "sales_manager"}),
                         (0, 0, {"sequence": 3, "delay_hours": 24, "recipient": "user",
                                 "user_id": cls.director.id})]})
        cls.reminders = cls.env.ref("crm_followup.mail_activity_type_complaint_sla")

    def _line(self, complaint, metric="solution"):
        return complaint.sla_ids.filtered(lambda line: line.metric == metric)

    def _registered(self, local, **vals):
        return self._complaint(self.customer, date_registered=utc(local), **vals).sudo()

    def _run(self, local):
        return self.env["crm.followup.complaint.sla"]._run(utc(local), [self.company.id])


class TestSlaDeadlines(SlaCase):

    def test_deadline_skips_the_lunch_break_and_the_night(self):
        # Monday 2026-11-23 09:00 Shanghai: 2 h -> 11:00; 10 h -> 3 h + 4.5 h Monday, 2.5 h Tuesday -> 11:30
        complaint = self._registered("2026-11-23 09:00")
        self.assertEqual(self._line(complaint, "first_response").deadline, utc("2026-11-23 11:00"))
        self.assertEqual(self._line(complaint).deadline, utc("2026-11-24 11:30"))
        # received at 11:00: 2 h are 1 h before lunch and 1 h after it, from 13:30
        complaint = self._registered("2026-11-23 11:00")
        self.assertEqual(self._line(complaint, "first_response").deadline, utc("2026-11-23 14:30"))

    def test_deadline_skips_the_public_holidays_and_works_the_make_up_days(self):
        # received Wednesday 30 Sep 2026 at 16:00: 2 h that day, then National Day (1-7 Oct); Thursday
        # the 8th gives 7.5 h, the last 0.5 h end Friday the 9th at 09:30
        complaint = self._registered("2026-09-30 16:00")
        self.assertEqual(self._line(complaint).deadline, utc("2026-10-09 09:30"))
        # Friday 13 Feb 2026 at 17:00: 1 h, Saturday 14 Feb is a make-up working day (调休, 7.5 h), then
        # the Spring Festival (15-23 Feb): the 10 h end Tuesday 24 Feb at 10:30
        complaint = self._registered("2026-02-13 17:00")
        self.assertEqual(self._line(complaint).deadline, utc("2026-02-24 10:30"))

    def test_same_deadlines_as_resource_calendar(self):
        """The fast clock gives resource.calendar's own plan_hours, on a sample of starts and targets."""
        calendar = self.china.with_context(tz="Asia/Shanghai")
        clock = self.env["crm.followup.complaint.sla"]._clocks([self.china.id], dates.to_date("2026-01-01"))[
            self.china.id]
        from ..models.sla_clock import to_datetime, to_seconds
        start = datetime(2026, 9, 28, 0, 17)
        for step in range(40):
            start_at = start + timedelta(hours=7.3 * step)
            hours = [0.5, 2, 3, 7.5, 10, 24][step % 6]
            expected = calendar.plan_hours(hours, start_at, compute_leaves=True)
            self.assertEqual(to_datetime(clock.add(to_seconds(start_at), round(hours * 3600))).replace(microsecond=0),
                             expected.replace(microsecond=0), "%s + %s h" % (start_at, hours))


class TestSlaPolicies(SlaCase):

    def test_most_specific_policy_wins(self):
        a_grade = self.Policy.create({
            "name": "A 级客户", "sequence": 30, "calendar_id": self.china.id, "grade_ids": [(4, self.grade_a.id)],
            "target_ids": [(0, 0, {"metric": "solution", "target_hours": 4})]})
        urgent_quality = self.Policy.create({
            "name": "紧急质量", "sequence": 40, "calendar_id": self.china.id, "severity": "urgent",
            "category_ids": [(4, self.quality.id)],
            "target_ids": [(0, 0, {"metric": "solution", "target_hours": 1})]})
        self.assertEqual(self._line(self._registered("2026-11-23 09:00")).policy_id, a_grade)
        self.assertEqual(self._line(self._registered("2026-11-23 09:00", severity="urgent")).policy_id,
                         urgent_quality, "two conditions beat one, whatever the sequence")
        other = self._complaint(self.customer2, date_registered=utc("2026-11-23 09:00")).sudo()
        self.assertEqual(self._line(other).policy_id, self.policy, "grade C: the policy for any")

    def test_bad_input_is_refused(self):
        cases = [
            ({"target_ids": [(0, 0, {"metric": "solution", "target_hours": 0})]}, "more than 0"),
            ({"target_ids": [(0, 0, {"metric": "solution", "target_hours": -2})]}, "more than 0"),
            ({"warning_share": 0}, "between 1 and 99"),
            ({"warning_share": 100}, "between 1 and 99"),
            ({"step_ids": [(0, 0, {"sequence": 1, "delay_hours": 4, "recipient": "team_leader"}),
                           (0, 0, {"sequence": 2, "delay_hours": 1, "recipient": "team_leader"})]}, "in order"),
        ]
        for vals, message in cases:
            with self.assertRaisesRegex(ValidationError, message), self.cr.savepoint():
                self.Policy.sudo(self.manager).create(dict({"name": "坏", "calendar_id": self.china.id}, **vals))
        empty = self.env["resource.calendar"].create({"name": "无工时", "attendance_ids": []})
        with self.assertRaisesRegex(ValidationError, "no working time"), self.cr.savepoint():
            self.Policy.create({"name": "坏", "calendar_id": empty.id})
        with self.assertRaisesRegex(ValidationError, "give it at least one working period"), self.cr.savepoint():
            self.china.write({"attendance_ids": [(2, att.id) for att in self.china.attendance_ids]})
        self.china.invalidate_cache()
        self.assertTrue(self.china.attendance_ids)
        self.assertFalse(self.Policy.search([("name", "=", "坏")]), "nothing saved")

    def test_calendar_without_working_time_is_a_clear_error(self):
        holidays = self.env["resource.calendar"].create({"name": "全年放假", "tz": "Asia/Shanghai"})
        self.env["resource.calendar.leaves"].create({
            "name": "休", "calendar_id": holidays.id, "date_from": "2000-01-01 00:00:00",
            "date_to": "2099-01-01 00:00:00", "tz": "Asia/Shanghai"})
        with self.assertRaisesRegex(UserError, "no working time"):
            holidays._followup_clock(dates.to_date("2026-11-01")).add(0, 3600)
        with self.assertRaisesRegex(UserError, "no working time"):
            self.env["crm.followup.complaint.sla"]._clocks([holidays.id], dates.to_date("2026-11-01"))[
                holidays.id].moment(3600)


class TestSlaClock(SlaCase):

    def test_first_response_is_leaving_new(self):
        complaint = self._registered("2026-11-23 09:00")
        complaint.write({"stage_id": self.stage["in_progress"].id})
        first, solution = self._line(complaint, "first_response"), self._line(complaint)
        self.assertEqual(first.state, "reached")
        self.assertTrue(first.date_reached)
        self.assertEqual(solution.state, "running")

    def test_pause_keeps_consumed_time_and_resume_replans(self):
        complaint = self._registered("2026-11-23 09:00")
        line = self._line(complaint)
        line._follow_stage(utc("2026-11-23 12:00"))  # still new: nothing changes
        self.assertEqual(line.state, "running")
        self.env.cr.execute("UPDATE crm_followup_complaint_ticket SET stage_id = %s, state = 'waiting' WHERE id = %s",
                            [self.stage["waiting"].id, complaint.id])
        complaint.invalidate_cache()
        complaint.sla_ids._follow_stage(utc("2026-11-23 15:00"))  # 3 h + 1.5 h worked; first response reached
        self.assertEqual((line.state, line.consumed_hours, line.deadline), ("paused", 4.5, False))
        self.assertEqual(self._run("2026-12-31 09:00"), (0, 0, 0), "a paused line never fails")
        self.env.cr.execute("UPDATE crm_followup_complaint_ticket SET stage_id = %s, state = 'in_progress' "
                            "WHERE id = %s", [self.stage["in_progress"].id, complaint.id])
        complaint.invalidate_cache()
        complaint.sla_ids._follow_stage(utc("2026-11-25 09:00"))  # two days later: 5.5 h remain
        self.assertEqual((line.state, line.consumed_hours), ("running", 4.5))
        self.assertEqual(line.deadline, utc("2026-11-25 16:00"))

    def test_pause_stage_through_the_complaint(self):
        complaint = self._registered("2026-11-23 09:00")
        complaint.write({"stage_id": self.stage["waiting"].id})
        line = self._line(complaint)
        self.assertEqual(line.state, "paused")
        self.assertGreaterEqual(line.consumed_hours, 7.5, "Monday and more worked before the pause")
        complaint.write({"stage_id": self.stage["in_progress"].id})
        self.assertEqual(line.state, "running")
        self.assertTrue(line.deadline)

    def test_rematch_keeps_consumed_time(self):
        complaint = self._registered("2026-11-23 09:00")
        tight = self.Policy.create({
            "name": "紧急", "calendar_id": self.china.id, "severity": "urgent",
            "target_ids": [(0, 0, {"metric": "solution", "target_hours": 12})]})
        line = self._line(complaint)
        self.env.cr.execute("UPDATE crm_followup_complaint_ticket SET severity = 'urgent' WHERE id = %s",
                            [complaint.id])
        complaint.invalidate_cache()
        complaint.sla_ids._rematch(complaint, utc("2026-11-23 15:00"))  # 4.5 h consumed
        self.assertEqual((line.policy_id, line.target_hours, line.consumed_hours), (tight, 12, 4.5))
        self.assertEqual(line.deadline, utc("2026-11-24 15:00"), "7.5 h remain from Monday 15:00")
        self.assertFalse(self._line(complaint, "first_response"), "no first-response target in the new policy")

    def test_rematch_through_the_complaint(self):
        complaint = self._registered("2026-11-23 09:00")
        tight = self.Policy.create({
            "name": "交付", "calendar_id": self.china.id, "category_ids": [(4, self.delivery.id)],
            "target_ids": [(0, 0, {"metric": "solution", "target_hours": 30})]})
        complaint.write({"category_id": self.delivery.id})
        self.assertEqual(self._line(complaint).policy_id, tight)

    def test_failed_stays_failed_after_solving(self):
        complaint = self._registered("2026-11-23 09:00")
        # both missed: steps 1 of both, and step 2 (+4 h) of the first response
        self.assertEqual(self._run("2026-11-24 12:00"), (2, 0, 3))
        line = self._line(complaint)
        self.assertEqual((line.state, line.date_failed), ("failed", utc("2026-11-24 11:30")))
        complaint.write({"stage_id": self.stage["solved"].id, "root_cause_id": self.cause.id, "resolution": "换货"})
        self.assertEqual(line.state, "failed")
        self.assertTrue(line.date_reached, "when it was solved, for the reports")
        self.assertFalse(complaint.sla_late)


class TestSlaSearchesAndRun(SlaCase):

    def test_late_searches(self):
        now = dates.to_datetime(fields.Datetime.now())
        late = self._complaint(self.customer, date_registered=dates.datetime_string(now - timedelta(days=20))).sudo()
        soon = self._complaint(self.customer, date_registered=dates.datetime_string(now)).sudo()
        self._line(soon).write({"deadline": dates.datetime_string(now + timedelta(hours=3))})
        self._line(soon, "first_response").write({"deadline": dates.datetime_string(now + timedelta(hours=3))})
        later = self._complaint(self.customer, date_registered=dates.datetime_string(now)).sudo()
        self.env["crm.followup.complaint.sla"].search([("complaint_id", "=", later.id)]).write(
            {"deadline": dates.datetime_string(now + timedelta(days=3))})
        Complaint = self.Complaint.sudo(self.salesperson)
        ids = {late.id, soon.id, later.id}
        self.assertEqual(set(Complaint.search([("sla_late", "=", True)]).ids) & ids, {late.id})
        self.assertEqual(set(Complaint.search([("sla_late", "=", False)]).ids) & ids, {soon.id, later.id})
        self.assertEqual(set(Complaint.search([("sla_due_in_hours", "<=", 4)]).ids) & ids, {late.id, soon.id})
        self.assertTrue(late.sla_late)
        with self.assertQueryCount(1):  # the lines in a subquery of the complaints' search
            self.Complaint.sudo().search([("sla_due_in_hours", "<=", 4)])

    def test_warning_once(self):
        complaint = self._registered("2026-11-23 09:00")
        # first response (2 h): warned at 1 h; solution (10 h): warned at 5 h, Monday 15:30
        self.assertEqual(self._run("2026-11-23 10:05"), (0, 1, 0))
        self.assertEqual(self._run("2026-11-23 10:10"), (0, 0, 0), "nobody warned twice")
        reminder = self.env["mail.activity"].search([
            ("res_model", "=", "crm.followup.complaint"), ("res_id", "=", complaint.id),
            ("activity_type_id", "=", self.reminders.id)])
        self.assertEqual(reminder.user_id, complaint.user_id, "the assignee")
        self.assertIn(complaint.name, reminder.summary)
        mail = self.env["mail.mail"].sudo().search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])
        self.assertEqual(mail.recipient_ids, complaint.user_id.partner_id)
        # the solution's warning; the first response missed at 11:00 and escalated to the team leader
        self.assertEqual(self._run("2026-11-23 15:31"), (1, 1, 1))

    def test_each_escalation_step_once(self):
        complaint = self._registered("2026-11-23 09:00")
        complaint.write({"stage_id": self.stage["in_progress"].id})  # the first response reached
        messages = complaint.message_ids
        # due Tuesday 11:30: step 1 (+0, the team leader) at once
        self.assertEqual(self._run("2026-11-24 11:31"), (1, 0, 1))
        self.assertEqual(self._run("2026-11-24 11:35"), (0, 0, 0), "run twice: nobody notified twice")
        # step 2 (+4 working hours: 17:00, the owner's sales manager), step 3 (+24 h: Friday 14:30)
        self.assertEqual(self._run("2026-11-24 17:01"), (0, 0, 1))
        self.assertEqual(self._run("2026-11-27 14:00"), (0, 0, 0))
        self.assertEqual(self._run("2026-11-27 14:31"), (0, 0, 1))
        self.assertEqual(self._run("2026-12-31 11:31"), (0, 0, 0), "the ladder ends")
        notified = self.env["mail.activity"].search([
            ("res_model", "=", complaint._name), ("res_id", "=", complaint.id),
            ("activity_type_id", "=", self.reminders.id)]).mapped("user_id")
        self.assertEqual(notified, complaint.team_id.leader_id | self.sales_manager | self.director)
        log = complaint.message_ids - messages
        steps = log.filtered(lambda m: m.message_type == "notification" and complaint.name in (m.subject or ""))
        self.assertEqual(len(steps), 3, "each step logged on the complaint")
        self.assertIn("11月24日 11时30分", steps[0].body, "the deadline missed, in the calendar's time zone")

    def test_hand_over_follows_the_complaints_rules(self):
        complaint = self._registered("2026-11-23 09:00")
        self.policy.step_ids[0].reassign = True  # the team leader (a member of the team by being its leader)
        self.policy.step_ids[2].reassign = True  # the director: not in the team, refused and logged
        self._run("2026-11-23 11:01")
        self.assertEqual(complaint.user_id, self.manager)
        self._run("2026-11-30 11:01")
        self.assertEqual(complaint.user_id, self.manager)
        self.assertTrue(complaint.message_ids.filtered(lambda m: "could not hand" in (m.body or "")))

    def test_switched_off_company_is_skipped(self):
        self._registered("2026-11-23 09:00")
        self.company.followup_complaint_enabled = False
        self.assertEqual(self.env["crm.followup.complaint.sla"]._cron_complaint_sla("2026-12-31 00:00:00"),
                         (0, 0, 0))

    def test_cron_query_count_does_not_grow(self):
        for _index in range(2):
            self._registered("2026-11-23 09:00")
        self.env.cr.execute("SELECT count(*) FROM crm_followup_sla_line")
        with self.assertQueryCount(3):
            self._run("2026-11-23 09:30")  # nothing due: three statements
        counts = []
        for size in (1, 2, 6):  # the first run warms the caches (translations, xml ids)
            for _index in range(size):
                self._registered("2026-11-16 09:00")
            count0 = self.cr.sql_log_count
            self._run("2026-11-16 10:05")  # the first-response warnings of the new ones
            counts.append(self.cr.sql_log_count - count0)
        self.assertEqual(counts[1], counts[2], "queries of a run do not grow with the complaints")

    def test_step_with_nobody_to_notify_is_logged(self):
        complaint = self._registered("2026-11-23 09:00")
        self.sales_team.user_id = False  # the owner's sales team has no manager
        self._run("2026-11-23 16:31")  # first response missed at 11:00: steps +0 h and +4 h
        notes = complaint.message_ids.filtered(lambda m: "nobody to notify" in (m.subject or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("Owner's Sales Manager", notes.subject)
        self.assertEqual(self._run("2026-11-23 16:35"), (0, 0, 0))

    def test_escalation_query_count_does_not_grow(self):
        counts = []
        for size in (1, 2, 6):  # the first run warms the caches (translations, xml ids)
            for _index in range(size):
                self._registered("2026-11-16 09:00")
            count0 = self.cr.sql_log_count
            self.assertEqual(self._run("2026-11-16 11:05"), (size, 0, size))  # first responses missed at 11:00
            counts.append(self.cr.sql_log_count - count0)
        self.assertEqual(counts[1], counts[2], "queries of a run do not grow with the escalations")

    def test_notices_in_each_readers_language_and_time_zone(self):
        complaint = self._registered("2026-11-23 09:00")
        self.env["res.lang"].with_context(active_test=False).search([("code", "=", "en_US")]).active = True
        complaint.user_id.write({"lang": "en_US", "tz": "Europe/Berlin"})
        self.manager.write({"lang": "zh_CN", "tz": False})  # the team leader: the calendar's time zone
        self.assertEqual(self._run("2026-11-23 10:05"), (0, 1, 0))  # the first response's warning
        self.assertEqual(self._run("2026-11-23 11:05"), (1, 0, 1))  # missed at 11:00: the team leader
        reminders = self.env["mail.activity"].search([
            ("res_model", "=", complaint._name), ("res_id", "=", complaint.id),
            ("activity_type_id", "=", self.reminders.id)], order="id")
        self.assertEqual(reminders.mapped("user_id"), complaint.user_id | self.manager)
        self.assertEqual(reminders[0].summary, "First Response of complaint %s due 11/23/2026 04:00" % complaint.name,
                         "in English, Berlin time")
        self.assertEqual(reminders[1].summary, "已升级：投诉 %s 未在时限内完成首次响应" % complaint.name)
        self.assertIn("2026年11月23日 11时00分", reminders[1].note, "in Chinese, the calendar's Shanghai time")
        self.assertEqual(reminders[0].res_name, "%s %s" % (complaint.name, complaint.subject))
        messages = complaint.message_ids.filtered(lambda m: m.message_type == "notification" and m.subject)
        self.assertEqual(sorted(messages.mapped("subject")), sorted(reminders.mapped("summary")),
                         "each notice logged once in the chatter")

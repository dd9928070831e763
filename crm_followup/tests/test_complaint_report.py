"""Complaint analysis (投诉分析): the figures each user reads in the pivot, the graph and Excel, counted
over the complaints created here, through the complaint's own record rules."""
import xlrd

from odoo.exceptions import AccessError

from .complaint_common import ComplaintCase
from .test_complaint_sla import SlaCase, utc

HEADER_ROW = 2  # title, subtitle, header


class ComplaintReportCase(ComplaintCase):
    """Four complaints of the company's two customers over two months, one solved, and one of
    another company."""

    @classmethod
    def setUpClass(cls):
        super(ComplaintReportCase, cls).setUpClass()
        cls.Report = cls.env["crm.followup.complaint.report"]
        # with an e-mail: solving sends the satisfaction request that the return visit answers
        cls.customer.write({"city": "深圳市", "email": "service@huaxin.example.cn"})
        cls.customer2.write({"city": "广州市", "email": "service@ruifeng.example.cn"})
        cls.wechat = wechat = cls.env.ref("crm_followup.crm_followup_complaint_channel_wechat")
        # 张伟's customer: one complaint in October, two in November (one solved); 李娜's: one in November
        cls.october = cls._complaint(cls.customer, date_registered="2026-10-08 02:00:00")
        cls.solved = cls._complaint(cls.customer, date_registered="2026-11-03 02:00:00")
        cls.solved.sudo(cls.manager).write({"stage_id": cls.stage["in_progress"].id})
        cls.solved.sudo(cls.manager).write({"stage_id": cls.stage["solved"].id, "root_cause_id": cls.cause.id,
                                            "resolution": "整批换货"})
        cls.late_delivery = cls._complaint(cls.customer, date_registered="2026-11-20 02:00:00",
                                           category_id=cls.delivery.id, channel_id=wechat.id)
        cls.colleagues = cls._complaint(cls.customer2, date_registered="2026-11-05 02:00:00",
                                        category_id=cls.delivery.id)
        cls.ours = (cls.october | cls.solved | cls.late_delivery | cls.colleagues).sudo()
        # behind the company wall: a customer and a complaint of the other company
        cls.other_customer = cls._customer("广州另一家客户有限公司", cls.other_company_user,
                                           company_id=cls.other_company.id, city="深圳市")
        cls.walled = cls._complaint(cls.other_customer, user=cls.other_company_user)


class TestComplaintReport(ComplaintReportCase):

    def _counts(self, user, groupby, domain=None):
        """{group value: complaints} as the pivot shows them to `user` (a many2one by its name)."""
        domain = (domain or []) + [("complaint_id", "in", (self.ours | self.walled).ids)]
        groups = self.Report.sudo(user).read_group(domain, [groupby.split(":")[0], "complaint_count"], [groupby])
        return {g[groupby][1] if isinstance(g[groupby], tuple) else g[groupby]: g["complaint_count"]
                for g in groups}

    def test_manager_counts_by_each_dimension(self):
        self.assertEqual(self._counts(self.manager, "category_id"), {self.quality.name: 2, self.delivery.name: 2})
        self.assertEqual(self._counts(self.manager, "channel_id"), {self.phone.name: 3, self.wechat.name: 1})
        self.assertEqual(self._counts(self.manager, "city"), {"深圳市": 3, "广州市": 1})
        self.assertEqual(self._counts(self.manager, "customer_grade_id"),
                         {self.grade_a.name: 3, self.grade_c.name: 1})
        self.assertEqual(self._counts(self.manager, "team_id"), {self.team.name: 4})
        self.assertEqual(self._counts(self.manager, "root_cause_id"), {self.cause.name: 1, False: 3})
        self.assertEqual(list(self._counts(self.manager, "date_registered:month").values()), [1, 3],
                         "October, then November")
        groups = self.Report.sudo(self.manager).read_group(
            [("complaint_id", "in", self.ours.ids)], ["complaint_count", "open_count", "solved_count"], [])
        self.assertEqual((groups[0]["complaint_count"], groups[0]["open_count"], groups[0]["solved_count"]),
                         (4, 3, 1))

    def test_salesperson_reads_only_the_complaints_they_may_open(self):
        self.assertEqual(self._counts(self.salesperson, "category_id"), {self.quality.name: 2, self.delivery.name: 1})
        self.assertEqual(self._counts(self.salesperson2, "category_id"), {self.delivery.name: 1})
        mine = self.Report.sudo(self.salesperson).search([("complaint_id", "in", self.ours.ids)])
        self.assertEqual(mine.mapped("complaint_id"), self.october | self.solved | self.late_delivery)
        with self.assertRaises(AccessError):
            self.Report.sudo(self.salesperson).browse(self.colleagues.id).read(["name"])
        # a handler reads the complaints assigned to them, whoever owns the customer
        handler = self.colleagues.user_id
        assigned = self.Report.sudo(handler).search([("complaint_id", "in", self.ours.ids)]).mapped("complaint_id")
        self.assertEqual(assigned, self.ours.sudo().filtered(lambda c: c.user_id == handler))

    def test_rows_follow_the_complaints_rules_when_the_customer_moves(self):
        self.env.cr.execute("UPDATE res_partner SET user_id = %s WHERE id = %s",
                            [self.salesperson2.id, self.customer.id])
        self.customer.invalidate_cache()
        self.assertEqual(self._counts(self.salesperson, "category_id"), {})
        self.assertEqual(self._counts(self.salesperson2, "category_id"), {self.quality.name: 2, self.delivery.name: 2})

    def test_companies_are_walled(self):
        self.assertEqual(self._counts(self.other_company_user, "city"), {"深圳市": 1})
        self.assertNotIn(self.walled.id, self.Report.sudo(self.manager).search([]).ids)
        self.assertEqual(self.Report.sudo(self.other_company_user).search_count(
            [("complaint_id", "in", self.ours.ids)]), 0)

    def _answer(self, complaint, score):
        """The customer's answer at the return visit, recorded by phone by the manager."""
        if complaint.state != "solved":
            complaint.sudo(self.manager).write({"stage_id": self.stage["solved"].id, "root_cause_id": self.cause.id,
                                                "resolution": "补发配件"})
        complaint.sudo(self.manager)._record_satisfaction(score, False)

    def _satisfaction(self, user):
        groups = self.Report.sudo(user).read_group(
            [("complaint_id", "in", self.ours.ids)], ["satisfaction_score", "satisfied_rate", "rated_count"], [])
        return groups[0]["rated_count"], groups[0]["satisfaction_score"], groups[0]["satisfied_rate"]

    def test_satisfaction_over_the_answered_complaints(self):
        self.assertEqual(self._satisfaction(self.manager), (0, None, None), "nobody answered yet")
        self._answer(self.solved, 10)
        self._answer(self.colleagues, 5)
        self.assertEqual(self._satisfaction(self.manager), (2, 7.5, 50.0), "the unanswered two do not count")
        self.assertEqual(self._satisfaction(self.salesperson), (1, 10.0, 100.0), "his customer's answer only")
        by_answer = self._counts(self.manager, "satisfaction", [("rated_count", "=", 1)])
        self.assertEqual(by_answer, {"satisfied": 1, "not_satisfied": 1})

    def test_excel_as_the_salesperson_sees_it(self):
        wizard = self.env["crm.followup.xlsx.export"].sudo(self.salesperson).create(
            {"report": "complaints", "date_from": "2026-10-01", "date_to": "2026-11-30"})
        action = wizard.action_export()
        report = self.env["ir.actions.report"]._get_report_from_name(action["report_name"])
        content, kind = report.sudo(self.salesperson).with_context(lang="en_US").render_xlsx(
            None, data=action["data"])
        self.assertEqual(kind, "xlsx")
        book = xlrd.open_workbook(file_contents=content)
        self.assertEqual(book.sheet_names(), ["Figures per Team", "Service Levels", "By Month", "By Channel",
                                              "By Region", "By Grade", "By Team", "By Root Cause", "Satisfaction",
                                              "Complaints"])
        figures = book.sheet_by_name("Figures per Team")
        headers = figures.row_values(HEADER_ROW)
        self.assertEqual(headers, ["Team", "Complaints", "Solved", "Late", "First Response on Time (%)",
                                   "Solution on Time (%)", "First Response (working hours)",
                                   "Solution (working hours)", "Answered", "Satisfaction Score", "Satisfied (%)"])
        team, total = figures.row_values(HEADER_ROW + 1), figures.row_values(HEADER_ROW + 2)
        self.assertEqual((team[:3], total[:3]), ([self.team.name, 3, 1], ["Total", 3, 1]), "his three, one solved")
        answered = headers.index("Answered")
        self.assertEqual(team[answered:], [0, "", ""], "no answer yet: no average")
        self.assertEqual(book.sheet_by_name("Service Levels").row_values(HEADER_ROW), [
            "Team", "Metric", "Decided", "On Time (%)", "Average (working hours)", "90th Percentile (working hours)"])
        by_month = book.sheet_by_name("By Month")
        self.assertEqual(by_month.row_values(HEADER_ROW), ["Received on", self.quality.name, self.delivery.name,
                                                           "Total"])
        rows = [by_month.row_values(r)[1:] for r in range(HEADER_ROW + 1, by_month.nrows)]
        self.assertEqual(rows[-1], [2, 1, 3], "the totals: his three complaints, not 李娜's")
        self.assertEqual(rows[:-1], [[1, 0, 1], [1, 1, 2]])
        details = book.sheet_by_name("Complaints")
        numbers = {details.cell_value(r, 0) for r in range(HEADER_ROW + 1, details.nrows)}
        self.assertEqual(numbers, set((self.october | self.solved | self.late_delivery).mapped("name")))


class TestComplaintsOnTheWorkbenchAndDailyReport(ComplaintReportCase):
    """The complaints line of the workbench and of the manager's daily report."""

    def _workbench(self, user):
        return self.env["crm.followup.workbench"].sudo(user).get_data()["complaints"]

    def test_workbench_lists_the_open_complaints_of_my_customers_and_assigned_to_me(self):
        section = self._workbench(self.salesperson)
        self.assertEqual([line["complaint_id"] for line in section["lines"]], (self.october | self.late_delivery).ids,
                         "the oldest first; the solved one is done, 李娜's customer's is not his")
        self.assertEqual(section["total"], 2)
        self.assertEqual(section["lines"][0]["name"], self.customer.name)
        self.assertFalse(section["lines"][0]["mine"], "assigned to a handler, not to him")
        handler = self.colleagues.user_id
        assigned = self.ours.filtered(lambda c: c.user_id == handler and c.state != "solved")
        section = self._workbench(handler)
        self.assertEqual(sorted(line["complaint_id"] for line in section["lines"]), sorted(assigned.ids))
        self.assertTrue(all(line["mine"] for line in section["lines"]))
        self.assertEqual([line["complaint_id"] for line in self._workbench(self.other_company_user)["lines"]],
                         self.walled.ids, "another company's complaints stay behind the wall")

    def test_workbench_skips_companies_with_complaints_switched_off(self):
        self.company.followup_complaint_enabled = False
        self.assertEqual(self._workbench(self.salesperson)["total"], 0)

    def test_daily_report_counts_complaints_received_and_solved(self):
        Report = self.env["crm.followup.activity.report"]
        figures = Report.sudo(self.manager).with_context(tz="UTC")._team_figures("2026-11-03", "2026-11-05")
        lines = {line["user_id"]: line for line in figures["lines"]}
        self.assertEqual(lines[self.salesperson.id]["complaint_count"], 1, "received about his customer on the 3rd")
        self.assertEqual(lines[self.salesperson2.id]["complaint_count"], 1, "and about hers on the 5th")
        solver = self.solved.user_id
        today = Report.sudo(self.manager).with_context(tz="UTC")._team_figures(
            self.solved.date_solved[:10], self.solved.date_solved[:10], solver)
        self.assertEqual([(line["name"], line["complaint_solved_count"]) for line in today["lines"]],
                         [(solver.name, 1)], "solved by its assignee today")
        own = Report.sudo(self.salesperson2).with_context(tz="UTC")._team_figures("2026-11-03", "2026-11-05")
        self.assertEqual([(line["user_id"], line["complaint_count"]) for line in own["lines"]],
                         [(self.salesperson2.id, 1)], "a salesperson reads their own line only")

    def test_workbench_complaints_cost_the_same_queries_for_more_complaints(self):
        Workbench = self.env["crm.followup.workbench"].sudo(self.salesperson)

        def count():
            self.env["crm.followup.complaint"].invalidate_cache()
            start = self.cr.sql_log_count
            Workbench._open_complaints(self.salesperson)
            return self.cr.sql_log_count - start

        count()  # warm the registry caches
        few = count()
        for day in range(1, 11):
            self._complaint(self.customer, date_registered="2026-09-%02d 02:00:00" % day,
                            category_id=self.delivery.id)
        self.assertEqual(self._workbench(self.salesperson)["total"], 12)
        self.assertEqual(count(), few)
        self.assertLessEqual(few, 7)  # the switches, the rules, the lines, the stages, the language


class TestComplaintReportServiceLevels(SlaCase):
    """Service levels in the analysis: met or missed per metric and team, and the working hours
    they took (average and 90th percentile), as the SLA lines recorded them."""

    def _move(self, complaint, state, local):
        """The complaint enters a stage of `state` at the local time `local`."""
        self.env.cr.execute("UPDATE crm_followup_complaint_ticket SET stage_id = %s, state = %s WHERE id = %s",
                            [self.stage[state].id, state, complaint.id])
        complaint.invalidate_cache()
        complaint.sla_ids._follow_stage(utc(local))

    def test_compliance_and_working_hours_per_team_and_metric(self):
        on_time = self._registered("2026-11-23 09:00")              # Monday, in Shanghai
        self._move(on_time, "in_progress", "2026-11-23 10:00")     # answered in 1 working hour
        self._move(on_time, "solved", "2026-11-23 15:00")          # solved in 4.5 (lunch break out)
        late = self._registered("2026-11-23 09:00")
        self._run("2026-11-23 14:00")                               # its first response was due at 11:00
        self._move(late, "in_progress", "2026-11-23 15:00")        # answered after 4.5 working hours
        self._move(late, "solved", "2026-11-24 11:00")             # solved in 9.5, within the 10
        self.assertEqual(self._line(late, "first_response").consumed_hours, 4.5,
                         "a missed line's clock runs on until it is reached")
        Report = self.env["crm.followup.complaint.report"]
        domain = [("complaint_id", "in", (on_time | late).ids)]
        figures = [(row["total"], row["metric"], row["decided"], row["met_rate"], row["avg_hours"],
                    round(row["p90_hours"], 2)) for row in Report.sudo(self.manager)._sla_figures(domain)]
        self.assertEqual(figures, [
            (False, "first_response", 2, 50.0, 2.75, 4.15),   # 1 and 4.5 hours
            (False, "solution", 2, 100.0, 7.0, 9.0),          # 4.5 and 9.5 hours
            (True, "first_response", 2, 50.0, 2.75, 4.15),
            (True, "solution", 2, 100.0, 7.0, 9.0),
        ])
        self.assertEqual(Report.sudo(self.manager)._sla_figures(domain)[0]["team_id"], self.team.id)
        groups = Report.sudo(self.manager).read_group(
            domain, ["team_id", "response_met_rate", "solution_met_rate", "response_hours", "solution_hours"],
            ["team_id"])
        self.assertEqual([(g["response_met_rate"], g["solution_met_rate"], g["response_hours"], g["solution_hours"])
                          for g in groups], [(50.0, 100.0, 2.75, 7.0)], "the pivot's figures")
        self.assertEqual(Report.sudo(self.salesperson2)._sla_figures(domain), [], "not her customer's")

    def test_late_now_on_the_report_and_the_workbench(self):
        waiting = self._registered("2026-11-23 09:00")  # still new: both deadlines are long past
        answered = self._registered("2026-11-23 09:00")
        self._move(answered, "in_progress", "2026-11-23 10:00")
        self._move(answered, "solved", "2026-11-23 15:00")
        Report = self.env["crm.followup.complaint.report"].sudo(self.salesperson)
        rows = Report.search_read([("complaint_id", "in", (waiting | answered).ids)],
                                  ["complaint_id", "late_count", "response_met_rate"])
        self.assertEqual({row["complaint_id"][0]: (row["late_count"], row["response_met_rate"]) for row in rows},
                         {waiting.id: (1, 0.0), answered.id: (0, 100.0)})
        self.assertEqual(Report.search_count([("late_count", "=", 1), ("complaint_id", "=", waiting.id)]), 1)
        lines = self.env["crm.followup.workbench"].sudo(self.salesperson).get_data()["complaints"]["lines"]
        self.assertEqual([(line["complaint_id"], line["late"]) for line in lines], [(waiting.id, True)])

"""The managers' daily report on a known day: what the manager sees in his time zone (records at
the day's boundaries in Shanghai), what a salesperson and another company see, the Excel file
opened with xlrd, the printed report, and the morning mail queued once."""
import io
import re
import zipfile

import xlrd

from odoo.exceptions import UserError

from ..models import followup_dates as dates
from ..models.crm_followup_activity_report import rank_lines
from .pool_common import PoolCase

DAY = "2026-01-06"  # a Tuesday; in Shanghai (UTC+8) it runs from 2026-01-05 16:00 to 2026-01-06 16:00 UTC


class ActivityReportCase(PoolCase):

    @classmethod
    def setUpClass(cls):
        super(ActivityReportCase, cls).setUpClass()
        cls.Report = cls.env["crm.followup.activity.report"]
        for user in (cls.salesperson, cls.salesperson2, cls.manager):
            user.write({"tz": "Asia/Shanghai"})
        cls.team = cls.env["crm.team"].create({
            "name": "华南销售部", "user_id": cls.manager.id,
            "member_ids": [(6, 0, [cls.salesperson.id, cls.salesperson2.id])]})
        cls.phone = cls.env.ref("crm_followup.crm_followup_method_phone")
        cls.visit = cls.env.ref("crm_followup.crm_followup_method_visit")
        cls.talk = cls.env.ref("crm_followup.crm_followup_result_effective")
        # 张伟: two calls inside the Shanghai day (00:30 and 23:59), two just outside it
        for date in ("2026-01-05 15:59:59", "2026-01-05 16:30:00", "2026-01-06 15:59:00", "2026-01-06 16:00:00"):
            cls._log(cls.customer, date, cls.phone, cls.talk)
        # 李娜: a visit without result in the morning
        cls._log(cls.customer2, "2026-01-06 01:00:00", cls.visit, None)
        # pool moves of the day
        for action, from_user, to_user, date in (
                ("claim", None, cls.salesperson2, "2026-01-06 02:00:00"),
                ("handover", cls.salesperson, cls.salesperson2, "2026-01-06 03:00:00"),
                ("release", cls.salesperson, None, "2026-01-06 04:00:00"),
                ("takeback", cls.salesperson, None, "2026-01-06 05:00:00"),
                ("takeback", cls.salesperson, None, "2026-01-06 16:00:00"),  # the next day there
                ("warning", None, cls.salesperson, "2026-01-06 05:00:00")):  # not a move
            cls.Log.create({"action": action, "partner_id": cls.pooled.id, "pool_id": cls.pool.id,
                            "from_user_id": from_user and from_user.id, "to_user_id": to_user and to_user.id,
                            "date": date, "company_id": cls.company.id})
        # 张伟 enters a customer; 李娜 creates an opportunity and wins another
        new = cls.Partner.sudo(cls.salesperson).create({"name": "东莞市新客户有限公司", "is_company": True,
                                                        "customer": True})
        lead = cls.env["crm.lead"].create({"name": "采购50台", "partner_id": cls.customer2.id,
                                           "user_id": cls.salesperson2.id, "type": "opportunity"})
        won = cls.env["crm.lead"].create({"name": "年度合同", "partner_id": cls.customer2.id,
                                          "user_id": cls.salesperson2.id, "type": "opportunity"})
        won.action_set_won()
        cls._set_dates("res_partner", new, create_date="2026-01-06 02:30:00")
        cls._set_dates("crm_lead", lead, create_date="2026-01-06 06:00:00")
        cls._set_dates("crm_lead", won, create_date="2025-12-20 06:00:00", date_closed="2026-01-06 07:00:00")
        # another company's salesperson works the same day
        other = cls._customer("佛山市外司客户", cls.other_company_user, None, company_id=cls.other_company.id)
        cls.env["crm.followup.record"].create({
            "partner_id": other.id, "user_id": cls.other_company_user.id, "date": "2026-01-06 02:00:00",
            "method_id": cls.phone.id, "company_id": cls.other_company.id})

    @classmethod
    def _log(cls, customer, date, method, result):
        return cls.env["crm.followup.record"].create({
            "partner_id": customer.id, "user_id": customer.user_id.id, "date": date,
            "method_id": method.id, "result_id": result and result.id, "content": "电话沟通采购计划"})

    @classmethod
    def _set_dates(cls, table, record, **values):
        for name, value in values.items():
            cls.env.cr.execute("UPDATE {} SET {} = %s WHERE id = %s".format(table, name), [value, record.id])
        record.invalidate_cache()

    def _figures(self, user, date_from=DAY, date_to=DAY, users=None, tz="Asia/Shanghai"):
        report = self.Report.sudo(user).with_context(tz=tz, lang="en_US")
        return report._team_figures(date_from, date_to, users)

    @staticmethod
    def _lines(figures):
        return {line["name"]: line for line in figures["lines"]}


class TestActivityReportFigures(ActivityReportCase):

    def test_manager_sees_his_days_figures_per_salesperson_ranked(self):
        figures = self._figures(self.manager)
        lines = self._lines(figures)
        self.assertEqual(set(lines), {"张伟", "李娜"}, "another company's salesperson is not there")
        zhang, li = lines["张伟"], lines["李娜"]
        self.assertEqual(
            [zhang[m] for m in ("followup_count", "claim_count", "received_count", "release_count",
                                "takeback_count", "new_customer_count", "lead_count", "won_count")],
            [2, 0, 0, 1, 1, 1, 0, 0])
        self.assertEqual(
            [li[m] for m in ("followup_count", "claim_count", "received_count", "release_count",
                             "takeback_count", "new_customer_count", "lead_count", "won_count")],
            [1, 1, 1, 0, 0, 0, 1, 1])
        self.assertEqual([(line["rank"], line["name"]) for line in figures["lines"]], [(1, "张伟"), (2, "李娜")])
        self.assertEqual(figures["totals"]["followup_count"], 3)
        self.assertEqual(figures["totals"]["takeback_count"], 1)
        # by method and result
        self.assertEqual(zhang["methods"], {self.phone.id: 2})
        self.assertEqual(li["methods"], {self.visit.id: 1})
        self.assertEqual(zhang["results"], {self.talk.id: 2})
        self.assertEqual(li["results"], {0: 1})
        self.assertEqual(figures["results"][-1], (0, "No result"))

    def test_days_are_the_readers_days(self):
        """The same UTC rows give other figures to a reader in UTC: the boundary records move."""
        in_utc = self._lines(self._figures(self.manager, tz="UTC"))
        self.assertEqual(in_utc["张伟"]["takeback_count"], 2)  # 05:00 and 16:00 UTC of the 6th

    def test_pivot_buckets_days_in_the_readers_time_zone(self):
        report = self.Report.sudo(self.manager).with_context(tz="Asia/Shanghai", lang="en_US")
        domain = report._period_domain("2026-01-05", "2026-01-07") + [("user_id", "=", self.salesperson.id)]
        groups = report.read_group(domain, ["date", "followup_count"], ["date:day"])
        self.assertEqual([(g["date:day"], g["followup_count"]) for g in groups],
                         [("05 Jan 2026", 1), ("06 Jan 2026", 2), ("07 Jan 2026", 1)])

    def test_week_and_period(self):
        wizard = self.env["crm.followup.activity.report.wizard"].sudo(self.manager).with_context(
            tz="Asia/Shanghai").create({"period": "week", "day": "2026-01-08"})
        self.assertEqual(wizard._period(), ("2026-01-05", "2026-01-11"))
        self.assertEqual(self._lines(wizard._report_values())["张伟"]["followup_count"], 4)
        wizard.write({"period": "period", "date_from": "2026-01-07", "date_to": "2026-01-06"})
        with self.assertRaises(UserError):
            wizard._period()

    def test_salesperson_gets_only_his_own_line(self):
        for users in (None, self.salesperson | self.salesperson2):
            lines = self._lines(self._figures(self.salesperson, users=users))
            self.assertEqual(list(lines), ["张伟"])
            self.assertEqual(lines["张伟"]["followup_count"], 2)
        groups = self.Report.sudo(self.salesperson).read_group([], ["user_id", "followup_count"], ["user_id"])
        self.assertEqual([g["user_id"][0] for g in groups], [self.salesperson.id])

    def test_another_company_sees_nothing_of_this_one(self):
        lines = self._lines(self._figures(self.other_company_user, users=self.salesperson | self.other_company_user))
        self.assertEqual(list(lines), ["陈静"])
        self.assertEqual(lines["陈静"]["followup_count"], 1)
        self.assertFalse(self.Report.sudo(self.other_company_user).search_count(
            [("user_id", "in", [self.salesperson.id, self.salesperson2.id])]))

    def test_a_salesperson_without_figures_shows_zeros_last(self):
        idle = self._user("sp_idle", "周闲", self.sales)
        lines = self._figures(self.manager, users=self.salesperson | self.salesperson2 | idle)["lines"]
        self.assertEqual([(line["name"], line["rank"], line["followup_count"]) for line in lines],
                         [("张伟", 1, 2), ("李娜", 2, 1), ("周闲", 3, 0)])

    def test_queries_do_not_grow_with_the_team(self):
        def queries(users):
            self.env["res.users"].invalidate_cache()
            count = self.cr.sql_log_count
            self._figures(self.manager, users=users)
            return self.cr.sql_log_count - count

        team = self.salesperson | self.salesperson2
        idle = self.env["res.users"]
        for index in range(8):
            idle |= self._user("sp_idle%d" % index, "闲%d" % index, self.sales)
        queries(team)  # warm the caches (groups, rules) that creating users cleared
        # salespeople without figures cost one query for all their names, however many they are
        self.assertEqual(queries(team | idle[:2]), queries(team | idle))

    def test_rank_lines_ties_share_a_rank(self):
        def line(name, followups, won=0, new=0, leads=0):
            return {"name": name, "followup_count": followups, "won_count": won, "new_customer_count": new,
                    "lead_count": leads}
        ranked = rank_lines([line("b", 3), line("a", 3), line("c", 5), line("d", 3, won=1), line("e", 0),
                             line("f", 0, leads=2), line("g", 3, new=1)])
        self.assertEqual([(each["name"], each["rank"]) for each in ranked],
                         [("c", 1), ("d", 2), ("g", 3), ("a", 4), ("b", 4), ("f", 6), ("e", 7)])

    def test_choices_read_in_chinese(self):
        wizard = self.env["crm.followup.activity.report.wizard"].with_context(lang="zh_CN")
        self.assertEqual(wizard.fields_get(["period"])["period"]["selection"],
                         [("day", "日"), ("week", "周"), ("period", "期间")])
        export = self.env["crm.followup.xlsx.export"].with_context(lang="zh_CN")
        self.assertEqual(dict(export.fields_get(["report"])["report"]["selection"])["activity"], "跟进日报")
        self.assertEqual(dict(export.fields_get(["report"])["report"]["selection"])["pool_log"], "公海记录")

    def test_date_helpers(self):
        tz = dates.tz_of("Asia/Shanghai")
        self.assertEqual(dates.local_day_bounds(DAY, DAY, tz), ("2026-01-05 16:00:00", "2026-01-06 16:00:00"))
        self.assertEqual(dates.week_of("2026-01-11"), ("2026-01-05", "2026-01-11"))
        self.assertEqual(dates.shift_date("2026-03-01", -1), "2026-02-28")


class TestActivityReportOutputs(ActivityReportCase):

    def _render_xlsx(self, user, data):
        report = self.env.ref("crm_followup.crm_followup_activity_report_xlsx")
        report = report.sudo(user).with_context(lang="zh_CN", tz="Asia/Shanghai")
        content, kind = report.render_xlsx([], data=data)
        self.assertEqual(kind, "xlsx")
        return content

    def test_excel_summary_with_chart_and_breakdowns(self):
        self.manager.lang = "zh_CN"
        wizard = self.env["crm.followup.activity.report.wizard"].sudo(self.manager).with_context(
            tz="Asia/Shanghai", lang="zh_CN").create({"period": "day", "day": DAY})
        action = wizard.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        content = self._render_xlsx(self.manager, action["data"])
        book = xlrd.open_workbook(file_contents=content)
        self.assertEqual(book.sheet_names(), ["汇总", "按方式", "按结果"])
        summary = book.sheet_by_index(0)
        self.assertEqual(summary.cell_value(0, 0), "跟进日报")
        self.assertIn("2026-01-06", summary.cell_value(1, 0))
        self.assertEqual(summary.row_values(2), ["排名", "销售员", "跟进次数", "认领", "接收", "释放", "被收回",
                                                 "新增客户", "新建商机", "赢单商机", "收到投诉", "解决投诉"])
        self.assertEqual(summary.row_values(3), [1, "张伟", 2, 0, 0, 1, 1, 1, 0, 0, 0, 0])
        self.assertEqual(summary.row_values(4), [2, "李娜", 1, 1, 1, 0, 0, 0, 1, 1, 0, 0])
        self.assertEqual(summary.row_values(5), [3, "王建国", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])  # in his team, idle
        self.assertEqual(summary.row_values(6), ["", "团队合计", 3, 1, 1, 1, 1, 1, 1, 1, 0, 0])
        by_method = book.sheet_by_index(1)
        methods = (self.phone | self.visit).sorted("id").with_context(lang="zh_CN")
        self.assertEqual(by_method.row_values(2), ["销售员"] + methods.mapped("name") + ["总计"])
        self.assertEqual(by_method.row_values(6), ["团队合计"] + [{self.phone: 2, self.visit: 1}[m] for m in methods] + [3])
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        self.assertIn("xl/charts/chart1.xml", names)
        self.assertRegex(sheet, r'<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>')
        self.assertTrue(re.search(r'<autoFilter ref="A3:L6"/>', sheet), "autofilter over header and lines")

    def test_excel_from_the_export_wizard_as_a_salesperson_has_his_line_only(self):
        wizard = self.env["crm.followup.xlsx.export"].sudo(self.salesperson).with_context(
            tz="Asia/Shanghai", lang="zh_CN").create({"report": "activity", "date_from": DAY, "date_to": DAY})
        action = wizard.action_export()
        content = self._render_xlsx(self.salesperson, action["data"])
        summary = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        self.assertEqual(summary.col_values(1, 3), ["张伟", "团队合计"])

    def test_printed_report_shows_the_ranked_team(self):
        wizard = self.env["crm.followup.activity.report.wizard"].sudo(self.manager).with_context(
            tz="Asia/Shanghai", lang="zh_CN").create({"period": "day", "day": DAY})
        self.assertEqual(wizard.action_print()["report_name"], "crm_followup.activity_report")
        html = self.env.ref("crm_followup.crm_followup_activity_report_print").sudo(self.manager).with_context(
            tz="Asia/Shanghai", lang="zh_CN").render_qweb_html(wizard.ids)[0].decode("utf-8")
        self.assertIn("跟进日报</span> 2026年01月06日", html)
        # ranked: 张伟, 李娜, then the manager himself (in his team, nothing that day)
        self.assertLess(html.index("张伟"), html.index("李娜"))
        self.assertLess(html.index("李娜"), html.index("王建国"))
        self.assertIn("团队合计", html)
        self.assertIn("按跟进方式", html)

    def test_view_action_filters_the_period(self):
        wizard = self.env["crm.followup.activity.report.wizard"].sudo(self.manager).with_context(
            tz="Asia/Shanghai").create({"period": "day", "day": DAY})
        action = wizard.action_view()
        self.assertEqual(action["res_model"], "crm.followup.activity.report")
        rows = self.Report.sudo(self.manager).read_group(action["domain"], ["followup_count"], [])
        self.assertEqual(rows[0]["followup_count"], 3)

    def test_morning_mail_queued_once_in_the_managers_language(self):
        self.manager.write({"lang": "zh_CN"})
        self.manager.company_id.followup_report_mail_enabled = True
        Mail = self.env["mail.mail"]
        before = Mail.search_count([("recipient_ids", "in", self.manager.partner_id.id)])
        # 2026-01-07 07:30 in Shanghai: yesterday there is the 6th
        self.Report._cron_mail_daily_report(date_ref="2026-01-06 23:30:00")
        mails = Mail.search([("recipient_ids", "in", self.manager.partner_id.id)])
        self.assertEqual(len(mails) - before, 1)
        mail = mails[0]
        self.assertEqual(mail.subject, "跟进日报 2026年01月06日")
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("张伟", mail.body_html)
        self.assertIn("团队合计", mail.body_html)
        self.assertEqual(self.manager.followup_report_date, DAY)
        # again the same morning, and again an hour later: nothing new
        self.Report._cron_mail_daily_report(date_ref="2026-01-06 23:30:00")
        self.Report._cron_mail_daily_report(date_ref="2026-01-07 00:30:00")
        self.assertEqual(Mail.search_count([("recipient_ids", "in", self.manager.partner_id.id)]) - before, 1)
        # the next morning, the next day's report
        self.Report._mail_daily_reports(self.manager, "2026-01-07 23:30:00")
        self.assertEqual(self.manager.followup_report_date, "2026-01-07")

    def test_no_morning_mail_where_the_company_has_it_off(self):
        """Off by default: the scheduled action queues nothing until an administrator switches it
        on for the company; then the company's managers get it."""
        Mail = self.env["mail.mail"]
        before = Mail.search_count([("recipient_ids", "in", self.manager.partner_id.id)])
        self.assertFalse(self.manager.company_id.followup_report_mail_enabled)
        self.assertFalse(self.Report._cron_mail_daily_report(date_ref="2026-01-06 23:30:00"))
        self.assertEqual(Mail.search_count([("recipient_ids", "in", self.manager.partner_id.id)]), before)
        self.env["res.config.settings"].create({"followup_report_mail_enabled": True}).execute()
        self.assertTrue(self.manager.company_id.followup_report_mail_enabled)
        self.Report._cron_mail_daily_report(date_ref="2026-01-06 23:30:00")
        self.assertEqual(Mail.search_count([("recipient_ids", "in", self.manager.partner_id.id)]), before + 1)

    def test_salespeople_get_no_morning_mail(self):
        self.manager.company_id.followup_report_mail_enabled = True
        managers = self.env["res.users"].search(self.Report._daily_report_managers_domain())
        self.assertIn(self.manager, managers)
        self.assertNotIn(self.salesperson, managers)

"""The Excel exports as a salesperson and as a manager see them: the files are opened with xlrd
and checked cell by cell (headers in the user's language, values, masking, time zone), the
sheet XML for the frozen header row, the autofilter and the native chart."""
import io
import re
import zipfile
from datetime import datetime, timedelta

import xlrd

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .pool_common import PoolCase

HEADER_ROW = 2  # title, subtitle, header


class XlsxCase(PoolCase):

    @classmethod
    def setUpClass(cls):
        super(XlsxCase, cls).setUpClass()
        for user in (cls.salesperson, cls.salesperson2, cls.manager):
            user.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        cls.phone = cls.env.ref("crm_followup.crm_followup_method_phone")
        cls.visit = cls.env.ref("crm_followup.crm_followup_method_visit")
        cls.talk = cls.env.ref("crm_followup.crm_followup_result_effective")
        # 2026-01-05 17:30 UTC is 2026-01-06 01:30 in Shanghai: the user's day differs from UTC's
        cls.late_call = cls._log(cls.customer, "2026-01-05 17:30:00", cls.phone)
        cls._log(cls.customer, "2026-01-06 03:00:00", cls.visit)
        cls._log(cls.customer2, "2026-01-07 02:00:00", cls.phone)

    @classmethod
    def _log(cls, customer, date, method):
        return cls.env["crm.followup.record"].create({
            "partner_id": customer.id, "user_id": customer.user_id.id, "date": date,
            "method_id": method.id, "result_id": cls.talk.id, "content": "电话沟通采购计划"})

    def _render(self, report, user, docids=None, data=None, context=None):
        """The file as report_xlsx's controller makes it for this user (their language)."""
        report = self.env.ref(report) if isinstance(report, str) else report
        report = report.sudo(user).with_context(lang=user.lang, tz=user.tz, **(context or {}))
        content, kind = report.render_xlsx(docids, data=data)
        self.assertEqual(kind, "xlsx")
        return content

    @staticmethod
    def _book(content):
        return xlrd.open_workbook(file_contents=content)

    @staticmethod
    def _rows(sheet):
        """{first column: row} of the data rows."""
        return {sheet.cell_value(r, 0): sheet.row_values(r) for r in range(HEADER_ROW + 1, sheet.nrows)}

    @staticmethod
    def _sheet_xml(content, index):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return archive.read("xl/worksheets/sheet%d.xml" % index).decode("utf-8")

    def _assert_frozen_and_filtered(self, content, index, columns):
        xml = self._sheet_xml(content, index)
        self.assertRegex(xml, r'<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>')
        ref = re.search(r'<autoFilter ref="([A-Z]+)3:([A-Z]+)(\d+)"/>', xml)
        self.assertTrue(ref, "autofilter on the header row")
        self.assertEqual(ref.group(1), "A")
        self.assertEqual(ord(ref.group(2)) - ord("A") + 1, columns)

    def _wizard(self, user, **vals):
        wizard = self.env["crm.followup.xlsx.export"].sudo(user).with_context(lang=user.lang, tz=user.tz)
        return wizard.create(vals)

    def _export(self, user, **vals):
        """Run the wizard as the web client would: its action, then the report with its data."""
        action = self._wizard(user, **vals).action_export()
        self.assertEqual(action["report_type"], "xlsx")
        context = {k: v for k, v in action["context"].items() if k == "crm_followup_my_customers"}
        report = self.env["ir.actions.report"]._get_report_from_name(action["report_name"])
        name = self.env["report.%s" % report.report_name].sudo(user).with_context(
            lang=user.lang, tz=user.tz, **context)._xlsx_file_name(action["data"])
        return self._render(report, user, data=action["data"], context=context), name


class TestCustomerExport(XlsxCase):

    def test_pool_customer_masked_for_salesperson_real_for_manager(self):
        customers = (self.customer | self.pooled).ids
        book = self._book(self._render("crm_followup.res_partner_report_xlsx", self.salesperson, customers))
        sheet = book.sheet_by_index(0)
        headers = sheet.row_values(HEADER_ROW)
        self.assertEqual(sheet.cell_value(0, 0), "客户")
        self.assertEqual(headers[:3], ["客户名称", "客户等级", "销售员"])
        labels = self.env["res.partner"].with_context(lang="zh_CN").fields_get(["phone", "email"], ["string"])
        phone = headers.index(labels["phone"]["string"])
        email = headers.index(labels["email"]["string"])
        rows = self._rows(sheet)
        self.assertEqual(rows[self.pooled.name][phone], "138****5678")
        self.assertEqual(rows[self.pooled.name][email], "z***@anti.example.com")

        book = self._book(self._render("crm_followup.res_partner_report_xlsx", self.manager, customers))
        rows = self._rows(book.sheet_by_index(0))
        self.assertEqual(rows[self.pooled.name][phone], "13812345678")
        self.assertEqual(rows[self.pooled.name][email], "zhang@anti.example.com")

    def test_headers_in_english_for_an_english_user(self):
        self.env.ref("base.lang_en").active = True
        self.salesperson.lang = "en_US"
        book = self._book(self._render("crm_followup.res_partner_report_xlsx", self.salesperson, self.customer.ids))
        self.assertEqual(book.sheet_by_index(0).row_values(HEADER_ROW)[:3], ["Customer Name", "Grade", "Salesperson"])

    def test_my_customers_with_days_to_takeback(self):
        # grade A in this pool: taken back 15 days after the later of receipt and last follow-up
        self._set(self.customer, date_owner_received=fields.Datetime.to_string(datetime.utcnow() - timedelta(days=10)))
        content, name = self._export(self.salesperson, report="my_customers")
        today = fields.Date.context_today(self.customer.sudo(self.salesperson).with_context(tz="Asia/Shanghai"))
        self.assertEqual(name, "我的客户_%s.xlsx" % today)
        sheet = self._book(content).sheet_by_index(0)
        self.assertEqual(sheet.cell_value(0, 0), "我的客户")
        headers = sheet.row_values(HEADER_ROW)
        rows = self._rows(sheet)
        # only the salesperson's own customers, not the colleague's, not the pool's
        self.assertEqual(set(rows), {self.customer.name})
        row = rows[self.customer.name]
        self.assertEqual(row[headers.index("客户等级")], self.grade_a.with_context(lang="zh_CN").name)
        self.assertIn(row[headers.index("距回收天数")], (4, 5))
        takeback = xlrd.xldate_as_datetime(row[headers.index("回收日期")], 0)
        expected = fields.Datetime.context_timestamp(
            self.customer.sudo(self.salesperson),
            fields.Datetime.from_string(self.customer.followup_takeback_date)).replace(tzinfo=None)
        self.assertEqual(takeback.replace(second=0), expected.replace(second=0, microsecond=0))
        self._assert_frozen_and_filtered(content, 1, len(headers))


class TestFollowupAnalysisExport(XlsxCase):

    def test_salesperson_sees_own_followups_in_own_time_zone(self):
        content, name = self._export(self.salesperson, report="analysis", date_from="2026-01-01", date_to="2026-01-31")
        self.assertRegex(name, r"^跟进分析_\d{4}-\d{2}-\d{2}\.xlsx$")
        book = self._book(content)
        self.assertEqual([s.name for s in book.sheets()], ["按方式", "按结果", "跟进记录"])
        detail = book.sheet_by_index(2)
        headers = detail.row_values(HEADER_ROW)
        self.assertEqual(headers[:3], ["跟进时间", "销售员", "客户"])
        dates = sorted(xlrd.xldate_as_datetime(detail.cell_value(r, 0), book.datemode)
                       for r in range(HEADER_ROW + 1, detail.nrows))
        # the colleague's follow-up is not in the salesperson's file; 17:30 UTC is 01:30 next day
        self.assertEqual(dates, [datetime(2026, 1, 6, 1, 30), datetime(2026, 1, 6, 11, 0)])
        self.assertIn("期间：2026-01-01 至 2026-01-31", detail.cell_value(1, 0))
        self._assert_frozen_and_filtered(content, 3, len(headers))

    def test_manager_pivot_by_method_with_chart(self):
        content, _name = self._export(self.manager, report="analysis", date_from="2026-01-01", date_to="2026-01-31")
        pivot = self._book(content).sheet_by_index(0)
        headers = pivot.row_values(HEADER_ROW)
        self.assertEqual(headers, ["销售员", "电话", "拜访", "总计"])
        rows = self._rows(pivot)
        self.assertEqual(rows[self.salesperson.name][1:], [1, 1, 2])
        self.assertEqual(rows[self.salesperson2.name][1:], [1, 0, 1])
        self.assertEqual(rows["总计"][1:], [2, 1, 3])
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
            self.assertEqual(len(charts), 2, "a chart by method and one by result")
            chart = archive.read(charts[0]).decode("utf-8")
        self.assertIn('<c:grouping val="stacked"/>', chart)
        self.assertIn("按方式", chart)  # the series point at the pivot's cells

    def test_period_is_the_users_days(self):
        # the follow-up of 2026-01-05 17:30 UTC happened on the 6th in Shanghai
        content, _name = self._export(self.salesperson, report="analysis", date_from="2026-01-05", date_to="2026-01-05")
        self.assertEqual(self._rows(self._book(content).sheet_by_index(2)), {})
        content, _name = self._export(self.salesperson, report="analysis", date_from="2026-01-06", date_to="2026-01-06")
        self.assertEqual(len(self._rows(self._book(content).sheet_by_index(2))), 2)

    def test_bad_period_refused(self):
        with self.assertRaisesRegex(UserError, "开始日期"):
            self._export(self.salesperson, report="analysis", date_from="2026-02-01", date_to="2026-01-01")


class TestOtherExports(XlsxCase):

    yesterday = fields.Date.to_string(datetime.utcnow() - timedelta(days=1))
    tomorrow = fields.Date.to_string(datetime.utcnow() + timedelta(days=1))

    def test_deal_report_managers_only(self):
        with self.assertRaisesRegex(UserError, "跟进经理"):
            self._export(self.salesperson, report="deal", date_from="2026-01-01", date_to="2026-01-31")
        with self.assertRaises(AccessError):
            self._render("crm_followup.crm_followup_deal_report_report_xlsx", self.salesperson, [self.customer.id])
        # the customer's two follow-ups of January came before its deal of the 10th
        self.env["crm.lead"].create({"name": "安防系统采购", "type": "opportunity", "partner_id": self.customer.id,
                                     "user_id": self.salesperson.id, "probability": 100,
                                     "date_closed": "2026-01-10 02:00:00"})
        content, name = self._export(self.manager, report="deal", date_from="2026-01-01", date_to="2026-01-31")
        self.assertRegex(name, r"^首次成交前的跟进次数_")
        book = self._book(content)
        summary = book.sheet_by_index(0)
        self.assertEqual(summary.row_values(HEADER_ROW), ["销售员", "1-3 次跟进", "总计"])
        self.assertEqual(self._rows(summary)[self.salesperson.name][1:], [1, 1])
        detail = book.sheet_by_index(1)
        headers = detail.row_values(HEADER_ROW)
        self.assertEqual(headers[:3], ["客户", "销售员", "客户等级"])
        row = self._rows(detail)[self.customer.name]
        self.assertEqual(xlrd.xldate_as_datetime(row[headers.index("首次成交")], 0), datetime(2026, 1, 10, 10, 0))
        self.assertEqual(row[4:], [2, "1-3 次跟进"])

    def test_pool_history_as_each_user_may_see_it(self):
        self.pooled.sudo(self.salesperson2).action_claim()
        content, _name = self._export(self.salesperson2, report="pool_log",
                                      date_from=self.yesterday, date_to=self.tomorrow)
        sheet = self._book(content).sheet_by_index(0)
        headers = sheet.row_values(HEADER_ROW)
        rows = [sheet.row_values(r) for r in range(HEADER_ROW + 1, sheet.nrows)]
        self.assertEqual([(r[headers.index("动作")], r[headers.index("客户")]) for r in rows],
                         [("领取", self.pooled.name)])
        # a salesperson who took no part in the move does not see it
        content, _name = self._export(self.salesperson, report="pool_log",
                                      date_from=self.yesterday, date_to=self.tomorrow)
        self.assertEqual(self._book(content).sheet_by_index(0).nrows, HEADER_ROW + 1)

from odoo import _, models

from .crm_followup_xlsx_base import Column


class ComplaintAnalysisXlsx(models.AbstractModel):
    """Complaint analysis in Excel: complaints per month by category, per category by channel, per
    city by category, per grade at registration by category, per team by status and per root cause
    by category (each with its chart), then every complaint; as the user may see them."""

    _name = "report.crm_followup.complaint_report_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Complaint Analysis (Excel)"

    _xlsx_model = "crm.followup.complaint.report"

    def _xlsx_title(self):
        return _("Complaint Analysis")

    def _xlsx_columns(self):
        return [Column("name"), Column("date_registered"), Column("partner_id", width=32), Column("state_id"),
                Column("city"), Column("customer_grade_id"), Column("customer_owner_id"), Column("category_id"),
                Column("channel_id"), Column("severity"), Column("team_id"), Column("user_id"),
                Column("stage_id"), Column("root_cause_id"), Column("date_solved")]

    def _xlsx_pivots(self):
        """(sheet name, title, row field, column field) of the summary sheets, in order."""
        return [
            (_("By Month"), _("Complaints per Month by Category"), "date_registered:month", "category_id"),
            (_("By Channel"), _("Complaints per Category by Channel"), "category_id", "channel_id"),
            (_("By Region"), _("Complaints per City by Category"), "city", "category_id"),
            (_("By Grade"), _("Complaints per Customer Grade by Category"), "customer_grade_id", "category_id"),
            (_("By Team"), _("Complaints per Team by Status"), "team_id", "state"),
            (_("By Root Cause"), _("Complaints per Root Cause by Category"), "root_cause_id", "category_id"),
        ]

    def _xlsx_write(self, workbook, data, records):
        domain = data["domain"] if data.get("domain") is not None else [("id", "in", records.ids)]
        for sheet_name, title, row_field, col_field in self._xlsx_pivots():
            self._xlsx_write_pivot(workbook, sheet_name, title, data, domain, row_field, col_field,
                                   _("Complaints"), measure="complaint_count")
        self._xlsx_write_records(workbook, _("Complaints"), data, records)

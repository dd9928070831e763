from odoo import _, models

from .crm_followup_xlsx_base import Column


class DealReportXlsx(models.AbstractModel):
    """Follow-ups before first deal in Excel: customers per salesperson and bucket (with the
    chart the graph view shows), then each customer's count."""

    _name = "report.crm_followup.deal_report_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Follow-ups before First Deal (Excel)"

    _xlsx_model = "crm.followup.deal.report"

    def _xlsx_title(self):
        return _("Follow-ups before First Deal")

    def _xlsx_columns(self):
        return [Column("partner_id", width=32), Column("user_id"), Column("grade_id"), Column("date_won"),
                Column("followups_before_won"), Column("bucket")]

    def _xlsx_write(self, workbook, data, records):
        domain = data["domain"] if data.get("domain") is not None else [("id", "in", records.ids)]
        self._xlsx_write_pivot(workbook, _("Summary"), self._xlsx_title(), data, domain, "user_id", "bucket",
                               _("Customers"), measure="customer_count")
        self._xlsx_write_records(workbook, _("Customers"), data, records)

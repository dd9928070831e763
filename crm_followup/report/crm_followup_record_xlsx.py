from odoo import _, models

from .crm_followup_xlsx_base import Column


class FollowupAnalysisXlsx(models.AbstractModel):
    """Follow-up analysis in Excel: follow-ups per salesperson by method and by result (each
    with a stacked chart, as the graph view shows them), then every follow-up of the period."""

    _name = "report.crm_followup.followup_analysis_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Follow-up Analysis (Excel)"

    _xlsx_model = "crm.followup.record"

    def _xlsx_title(self):
        return _("Follow-up Analysis")

    def _xlsx_columns(self):
        return [Column("date"), Column("user_id"), Column("partner_id"), Column("contact_id"),
                Column("method_id"), Column("result_id"), Column("content", width=40),
                Column("next_step", width=30), Column("next_followup_date"), Column("lead_id")]

    def _xlsx_write(self, workbook, data, records):
        domain = data["domain"] if data.get("domain") is not None else [("id", "in", records.ids)]
        self._xlsx_write_pivot(workbook, _("By Method"), _("Follow-ups per Salesperson by Method"),
                               data, domain, "user_id", "method_id", _("Number of Follow-ups"))
        self._xlsx_write_pivot(workbook, _("By Result"), _("Follow-ups per Salesperson by Result"),
                               data, domain, "user_id", "result_id", _("Number of Follow-ups"))
        self._xlsx_write_records(workbook, _("Follow-ups"), data, records)

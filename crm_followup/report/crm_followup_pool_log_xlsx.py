from odoo import _, models

from .crm_followup_xlsx_base import Column


class PoolLogXlsx(models.AbstractModel):
    """Public pool history in Excel: every move of a customer the user may see."""

    _name = "report.crm_followup.pool_log_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Public Pool History (Excel)"

    _xlsx_model = "crm.followup.pool.log"

    def _xlsx_title(self):
        return _("Pool History")

    def _xlsx_columns(self):
        return [Column("date"), Column("action"), Column("partner_id", width=32), Column("from_user_id"),
                Column("to_user_id"), Column("pool_id"), Column("rule"), Column("reason", width=40),
                Column("user_id")]

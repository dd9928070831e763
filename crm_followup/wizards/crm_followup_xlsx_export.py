from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models import followup_dates as dates

# report -> (report action, model, Datetime field the period filters on)
EXPORTS = {
    "activity": ("crm_followup.crm_followup_activity_report_xlsx", "crm.followup.activity.report", "date"),
    "analysis": ("crm_followup.crm_followup_record_report_xlsx", "crm.followup.record", "date"),
    "deal": ("crm_followup.crm_followup_deal_report_report_xlsx", "crm.followup.deal.report", "date_won"),
    "pool_log": ("crm_followup.crm_followup_pool_log_report_xlsx", "crm.followup.pool.log", "date"),
    "my_customers": ("crm_followup.res_partner_report_xlsx", "res.partner", None),
    "complaints": ("crm_followup.crm_followup_complaint_report_report_xlsx", "crm.followup.complaint.report",
                   "date_registered"),
}


class CrmFollowupXlsxExport(models.TransientModel):
    """Export an analysis of a period (or the user's customers) to Excel, as the user sees it."""

    _name = "crm.followup.xlsx.export"
    _description = "Export to Excel"

    report = fields.Selection([
        ("activity", "Follow-up Daily Report"),
        ("analysis", "Follow-up Analysis"),
        ("deal", "Follow-ups before First Deal"),
        ("pool_log", "Pool History"),
        ("my_customers", "My Customers with Days to Take-back"),
        ("complaints", "Complaint Analysis"),
    ], string="Export", required=True, default="analysis")
    date_from = fields.Date(string="From", default=lambda self: dates.local_today(self.env)[:8] + "01")
    date_to = fields.Date(string="To", default=lambda self: dates.local_today(self.env))

    @api.multi
    def action_export(self):
        self.ensure_one()
        xmlid, model, date_field = EXPORTS[self.report]
        if not self.env[model].check_access_rights("read", raise_exception=False):
            raise UserError(_("Only Follow-up Managers can export this analysis."))
        report = self.env.ref(xmlid)
        if date_field:
            if not self.date_from or not self.date_to or self.date_from > self.date_to:
                raise UserError(_("Choose a period whose start is not after its end."))
            start, end = dates.local_day_bounds(self.date_from, self.date_to, dates.env_tz(self.env))
            data = {"domain": [(date_field, ">=", start), (date_field, "<", end)],
                    "date_from": self.date_from, "date_to": self.date_to}
        else:
            data = {"domain": [("user_id", "=", self.env.uid), ("is_followup_customer", "=", True)]}
            report = report.with_context(crm_followup_my_customers=True)
        return report.report_action([], data=data, config=False)

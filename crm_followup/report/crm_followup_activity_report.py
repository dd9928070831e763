from odoo import api, models


class ActivityReportPrint(models.AbstractModel):
    """The printed daily / weekly report (QWeb: PDF where wkhtmltopdf is installed, else the web
    client shows it as HTML): the wizard's period and salespeople."""

    _name = "report.crm_followup.activity_report"
    _description = "Follow-up Daily Report (printed)"

    @api.model
    def get_report_values(self, docids, data=None):
        wizards = self.env["crm.followup.activity.report.wizard"].browse(docids)
        return {"doc_ids": docids, "doc_model": wizards._name, "docs": wizards,
                "reports": [wizard._report_values() for wizard in wizards]}

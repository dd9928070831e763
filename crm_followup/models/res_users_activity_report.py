"""What the managers' daily report keeps on a user: the last day whose report was mailed to them,
so that running the morning scheduled action twice mails nothing twice."""
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    followup_report_date = fields.Date(
        string="Daily Report Mailed For", readonly=True, copy=False,
        help="The last day whose follow-up daily report was queued for this manager.")

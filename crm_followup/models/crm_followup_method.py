from odoo import fields, models


class CrmFollowupMethod(models.Model):
    """How a customer was contacted (跟进方式): phone, visit, WeChat... configurable per team."""

    _name = "crm.followup.method"
    _description = "Follow-up Method"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_visit = fields.Boolean(
        string="On-site Visit", help="Follow-ups by this method may record check-in coordinates.")
    active = fields.Boolean(default=True)

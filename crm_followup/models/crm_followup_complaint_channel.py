from odoo import fields, models


class CrmFollowupComplaintChannel(models.Model):
    """How a complaint came in (投诉渠道): phone, WeChat, e-mail, visit, web... configurable."""

    _name = "crm.followup.complaint.channel"
    _description = "Complaint Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

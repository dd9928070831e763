from odoo import fields, models


class CrmFollowupComplaintCategory(models.Model):
    """What a complaint is about (投诉类别): product quality, delivery, service attitude, billing...
    configurable; assignment rules route by it, and it says whether solving needs a root cause and
    resolution."""

    _name = "crm.followup.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    resolution_required = fields.Boolean(
        string="Resolution Required", default=True,
        help="A complaint of this category is solved only with its root cause and resolution filled in.")

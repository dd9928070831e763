from odoo import fields, models


class CrmFollowupComplaintCause(models.Model):
    """Why a complaint happened (根本原因), given when it is solved: a configurable list, so that
    the reports can count causes."""

    _name = "crm.followup.complaint.cause"
    _description = "Complaint Root Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

from odoo import fields, models


class CrmFollowupVisitUnplanned(models.Model):
    """A customer due for a visit that the weekly plan could not hold, and why: nothing due is
    dropped silently."""

    _name = "crm.followup.visit.unplanned"
    _description = "Customer Not Planned"
    _order = "plan_id, id"

    plan_id = fields.Many2one("crm.followup.visit.plan", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade")
    reason = fields.Text(required=True)
    user_id = fields.Many2one(related="plan_id.user_id", store=True, readonly=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, readonly=True)
    grade_id = fields.Many2one(related="partner_id.grade_id", readonly=True)

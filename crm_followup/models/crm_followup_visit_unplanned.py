from odoo import api, fields, models


class CrmFollowupVisitUnplanned(models.Model):
    """A customer due for a visit that the weekly plan could not hold, and why: nothing due is
    dropped silently."""

    _name = "crm.followup.visit.unplanned"
    _description = "Customer Not Planned"
    _order = "plan_id, id"

    plan_id = fields.Many2one("crm.followup.visit.plan", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade")
    reason = fields.Text(required=True)
    # the plan's, copied when created (access rules read them; a related field is filled too late)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    grade_id = fields.Many2one(related="partner_id.grade_id", readonly=True)

    @api.model
    def create(self, vals):
        plan = self.env["crm.followup.visit.plan"].browse(vals.get("plan_id"))
        return super(CrmFollowupVisitUnplanned, self).create(
            dict(vals, user_id=plan.user_id.id, company_id=plan.company_id.id))

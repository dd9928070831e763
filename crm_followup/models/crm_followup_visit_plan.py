from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import followup_dates

PLAN_STATES = [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")]


class CrmFollowupVisitPlan(models.Model):
    """A salesperson's visits of one week (Monday to Sunday): which customer on which day, in
    which order, from a start point back to an end point."""

    _name = "crm.followup.visit.plan"
    _description = "Weekly Visit Plan"
    _order = "week_start desc, user_id"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, default=lambda self: self.env.user,
        states={"done": [("readonly", True)]})
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    week_start = fields.Date(
        string="Week of", required=True, index=True,
        default=lambda self: followup_dates.week_of(followup_dates.local_today(self.env))[0],
        help="The Monday the week starts on.")
    state = fields.Selection(PLAN_STATES, default="draft", required=True, index=True)
    visit_ids = fields.One2many("crm.followup.visit", "plan_id", string="Visits")
    unplanned_ids = fields.One2many("crm.followup.visit.unplanned", "plan_id", string="Not Planned")
    start_label = fields.Char(string="Start Point", help="Empty: the company's address, else the salesperson's.")
    start_latitude = fields.Float(digits=(10, 6))
    start_longitude = fields.Float(digits=(10, 6))
    end_label = fields.Char(string="End Point", help="Empty: the start point.")
    end_latitude = fields.Float(digits=(10, 6))
    end_longitude = fields.Float(digits=(10, 6))
    planned_km = fields.Float(string="Planned km", digits=(8, 1), readonly=True)
    travel_minutes = fields.Integer(string="Travel (min)", readonly=True)
    visit_count = fields.Integer(compute="_compute_visit_count", string="Visits")
    unplanned_count = fields.Integer(compute="_compute_visit_count", string="Not Planned")
    optimize_note = fields.Text(string="Last Optimisation", readonly=True)

    _sql_constraints = [
        ("user_week_uniq", "unique(user_id, company_id, week_start)",
         "A salesperson has one visit plan per week and company."),
    ]

    @api.depends("user_id.name", "week_start")
    def _compute_name(self):
        for plan in self:
            plan.name = _("%s · week of %s") % (plan.user_id.name or "", plan.week_start or "")

    @api.depends("visit_ids", "unplanned_ids")
    def _compute_visit_count(self):
        for plan in self:
            plan.visit_count = len(plan.visit_ids)
            plan.unplanned_count = len(plan.unplanned_ids)

    @api.constrains("week_start")
    def _check_week_start(self):
        for plan in self:
            if followup_dates.to_date(plan.week_start).weekday() != 0:
                raise ValidationError(_("A visit plan's week starts on a Monday."))

    @api.constrains("user_id", "company_id")
    def _check_user_company(self):
        for plan in self:
            if plan.company_id not in plan.user_id.company_ids:
                raise ValidationError(_("%s does not work for company %s.") % (
                    plan.user_id.name, plan.company_id.name))

    def action_confirm(self):
        self.write({"state": "confirmed"})

    def action_draft(self):
        self.write({"state": "draft"})

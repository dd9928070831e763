from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmFollowupVisitArea(models.Model):
    """An area (片区) of a salesperson's territory: customers close to each other, visited on the
    same day. Computed by balancing the visit workload (visit_areas.py), editable by hand."""

    _name = "crm.followup.visit.area"
    _description = "Visit Area"
    _order = "user_id, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, default=lambda self: self.env.user)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    color = fields.Integer()
    partner_ids = fields.One2many("res.partner", "followup_area_id", string="Customers")
    partner_count = fields.Integer(compute="_compute_workload", string="Customers")
    monthly_visits = fields.Float(
        compute="_compute_workload", string="Visits per Month",
        help="The visit workload of the area: its customers' visits per month.")

    @api.depends("partner_ids.grade_id.visit_frequency", "partner_ids.followup_visit_frequency")
    def _compute_workload(self):
        for area in self:
            area.partner_count = len(area.partner_ids)
            area.monthly_visits = sum(partner._followup_visits_per_month() for partner in area.partner_ids)

    @api.constrains("user_id", "company_id")
    def _check_user_company(self):
        for area in self:
            if area.company_id not in area.user_id.company_ids:
                raise ValidationError(_("%s does not work for company %s.") % (
                    area.user_id.name, area.company_id.name))

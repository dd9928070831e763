from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmFollowupGrade(models.Model):
    """Customer value grade (客户等级): drives follow-up cadence and visit frequency."""

    _name = "crm.followup.grade"
    _description = "Customer Grade"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code shown in lists, e.g. A, B, C, D.")
    sequence = fields.Integer(default=10)
    followup_interval = fields.Integer(
        string="Follow-up Interval (days)", required=True, default=30,
        help="A customer of this grade is due for follow-up when its last follow-up is older than this.")
    visit_frequency = fields.Integer(
        string="Visits per Month", default=1,
        help="How many visits a customer of this grade should get each month (route planning).")
    visit_duration = fields.Integer(
        string="Visit Duration (min)", default=30,
        help="How long a visit to a customer of this grade takes (route planning).")
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A grade code must be unique per company."),
    ]

    @api.constrains("followup_interval", "visit_frequency", "visit_duration")
    def _check_positive(self):
        for grade in self:
            if grade.followup_interval <= 0:
                raise ValidationError(_("The follow-up interval of grade %s must be at least one day.") % grade.name)
            if grade.visit_frequency < 0:
                raise ValidationError(_("The visit frequency of grade %s cannot be negative.") % grade.name)
            if not 1 <= grade.visit_duration <= 480:
                raise ValidationError(_("A visit to a customer of grade %s must last 1 to 480 minutes.") % grade.name)

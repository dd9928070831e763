from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .complaint_rules import assignment_rule_matches


class CrmFollowupComplaintRule(models.Model):
    """An assignment rule (分派规则): complaints of these categories, from customers of this region
    and these grades go to this team. The first matching rule (by sequence) wins."""

    _name = "crm.followup.complaint.rule"
    _description = "Complaint Assignment Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    category_ids = fields.Many2many(
        "crm.followup.complaint.category", "crm_followup_complaint_rule_category_rel", "rule_id", "category_id",
        string="Categories", help="Empty: any category.")
    city = fields.Char(help="The customer's city, e.g. 深圳市. Empty: any city.")
    district = fields.Char(
        help="A district named in the customer's address, e.g. 福田区. Empty: any district.")
    grade_ids = fields.Many2many(
        "crm.followup.grade", "crm_followup_complaint_rule_grade_rel", "rule_id", "grade_id",
        string="Customer Grades", help="Empty: any grade.")
    team_id = fields.Many2one("crm.followup.complaint.team", string="Team", required=True, ondelete="cascade")

    @api.constrains("company_id", "team_id")
    def _check_team_company(self):
        for rule in self:
            if rule.team_id.company_id != rule.company_id:
                raise ValidationError(_("The rule %(rule)s routes complaints of %(company)s: choose a team of "
                                        "that company.") % {"rule": rule.name, "company": rule.company_id.name})

    @api.model
    def _team_for(self, customer, category):
        """The team of the first rule of the customer's company that matches a complaint of this
        customer (a commercial partner) and category; an empty recordset if none does."""
        customer = customer.sudo()
        complaint = {
            "category_id": category.id, "grade_id": customer.grade_id.id, "city": customer.city,
            "address": " ".join(filter(None, [customer.city, customer.street, customer.street2])),
        }
        for rule in self.sudo().search([("company_id", "=", customer.company_id.id)]):
            conditions = {"category_ids": set(rule.category_ids.ids), "grade_ids": set(rule.grade_ids.ids),
                          "city": rule.city, "district": rule.district}
            if assignment_rule_matches(conditions, complaint):
                return rule.team_id
        return self.env["crm.followup.complaint.team"]

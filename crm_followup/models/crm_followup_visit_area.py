from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import visit_areas


def check_user_company(self):
    """An area's or a plan's salesperson works for its company. (`self`: the areas or plans; so
    named because _() takes the language of the `self` of its caller.)"""
    for rec in self.sudo():  # the access rules answer for who may, not this check
        if rec.company_id not in rec.user_id.company_ids:
            raise ValidationError(_("%(user)s does not work for company %(company)s.") % {
                "user": rec.user_id.name, "company": rec.company_id.name})


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
        check_user_company(self)

    @api.model
    def _split_customers(self, user, company, count):
        """Split the customers of `user` in `company` into `count` areas of similar visit workload
        (visit_areas.split_areas), reusing the salesperson's areas (hand edits are replaced).
        Returns what was done, for the user."""
        if count < 1:
            raise UserError(_("Split into at least one area."))
        Partner = self.env["res.partner"]
        customers = Partner.search([
            ("user_id", "=", user.id), ("customer", "=", True), ("is_company", "=", True),
            "|", ("company_id", "=", company.id), ("company_id", "=", False)])
        placed = customers.filtered(lambda partner: partner._followup_point())
        left = customers - placed
        weights = [partner._followup_visits_per_month() or 0.25 for partner in placed]
        assignment = visit_areas.split_areas([partner._followup_point() for partner in placed], weights, count)
        used = max(assignment) + 1 if assignment else 0
        areas = self.search([("user_id", "=", user.id), ("company_id", "=", company.id)], order="sequence, id")
        while len(areas) < used:
            areas |= self.create({"name": _("Area %d") % (len(areas) + 1), "user_id": user.id,
                                  "company_id": company.id, "sequence": len(areas) + 1, "color": len(areas) + 1})
        areas = areas.sorted(lambda area: (area.sequence, area.id))
        left.filtered("followup_area_id").write({"followup_area_id": False})
        loads = []
        for index, area in enumerate(areas[:used]):
            members = placed.browse([partner.id for partner, a in zip(placed, assignment) if a == index])
            members.write({"followup_area_id": area.id})
            loads.append(sum(weight for weight, a in zip(weights, assignment) if a == index))
        (areas[used:]).unlink()
        message = _("%(customers)d customers of %(user)s split into %(areas)d areas of similar workload "
                    "(visits a month: %(loads)s).") % {
            "customers": len(placed), "user": user.name, "areas": used,
            "loads": ", ".join("%s %.1f" % (area.name, load) for area, load in zip(areas[:used], loads))}
        if left:
            message += " " + _("Left out, without coordinates or district: %s.") % ", ".join(left.mapped("name"))
        return message

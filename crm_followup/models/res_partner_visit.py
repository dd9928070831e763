"""res.partner for visit-route planning (issue 10): the district, the point on the map used for
planning (own coordinates, else the district's centre, marked approximate), the hours the
customer receives visits, a visit frequency overriding the grade's, and the area (片区)."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ADDRESS_FIELDS = ("street", "street2", "city")


class ResPartner(models.Model):
    _inherit = "res.partner"

    followup_district_id = fields.Many2one(
        "crm.followup.district", string="District", index=True, ondelete="restrict",
        help="Filled from the address when it names a district; its centre places the customer on the "
             "map when the customer has no coordinates.")
    followup_geo_latitude = fields.Float(
        string="Planning Latitude", digits=(10, 6), compute="_compute_followup_geo")
    followup_geo_longitude = fields.Float(
        string="Planning Longitude", digits=(10, 6), compute="_compute_followup_geo")
    followup_geo_approximate = fields.Boolean(
        string="Approximate Location", compute="_compute_followup_geo",
        help="The customer has no coordinates of its own: the centre of its district is used.")
    followup_visit_from = fields.Float(
        string="Receives Visits From", help="Local time; leave both times empty for the working hours.")
    followup_visit_to = fields.Float(string="Receives Visits Until")
    followup_visit_frequency = fields.Integer(
        string="Visits per Month (Override)",
        help="0: the grade's visit frequency applies.")
    followup_area_id = fields.Many2one(
        "crm.followup.visit.area", string="Area", index=True, ondelete="set null", copy=False)

    @api.depends("partner_latitude", "partner_longitude", "followup_district_id.latitude",
                 "followup_district_id.longitude")
    def _compute_followup_geo(self):
        for partner in self:
            point = partner._followup_point()
            partner.followup_geo_latitude, partner.followup_geo_longitude = point or (0.0, 0.0)
            partner.followup_geo_approximate = bool(point) and not partner._followup_has_own_point()

    def _followup_has_own_point(self):
        return bool(self.partner_latitude or self.partner_longitude)

    def _followup_point(self):
        """(latitude, longitude) to plan with, or None when neither the customer nor its district
        has one."""
        self.ensure_one()
        if self._followup_has_own_point():
            return (self.partner_latitude, self.partner_longitude)
        if self.followup_district_id:
            return (self.followup_district_id.latitude, self.followup_district_id.longitude)
        return None

    def _followup_visits_per_month(self):
        self.ensure_one()
        return self.followup_visit_frequency or self.grade_id.visit_frequency

    @api.constrains("followup_visit_from", "followup_visit_to")
    def _check_followup_visit_window(self):
        for partner in self:
            start, end = partner.followup_visit_from, partner.followup_visit_to
            if not (start or end):
                continue
            if not (0 <= start < end <= 24):
                raise ValidationError(_(
                    "%s: the visiting hours must start before they end, between 00:00 and 24:00.")
                    % partner.display_name)

    @api.constrains("followup_visit_frequency")
    def _check_followup_visit_frequency(self):
        for partner in self:
            if partner.followup_visit_frequency < 0:
                raise ValidationError(_("%s: the visit frequency cannot be negative.") % partner.display_name)

    # on the area only: a constraint on user_id runs inside every customer's creation and upset the
    # ownership rules' reading of it (res_partner_ownership); a new owner leaves the area (write)
    @api.constrains("followup_area_id")
    def _check_followup_area(self):
        for partner in self.filtered("followup_area_id"):
            area = partner.followup_area_id
            if area.user_id != partner.user_id or (partner.company_id and area.company_id != partner.company_id):
                raise ValidationError(_(
                    "%s can only be in an area of its own salesperson in its company.") % partner.display_name)

    @api.model
    def create(self, vals):
        if not vals.get("followup_district_id"):
            district = self._followup_district_of(vals)
            if district:
                vals = dict(vals, followup_district_id=district.id)
        return super(ResPartner, self).create(vals)

    def write(self, vals):
        if "user_id" in vals and "followup_area_id" not in vals:
            # a customer handed to someone else leaves the former owner's area
            leaving = self.filtered(lambda partner: partner.followup_area_id.user_id.id not in (False, vals["user_id"]))
            if leaving:
                super(ResPartner, leaving).write({"followup_area_id": False})
        if "followup_district_id" in vals or not any(name in vals for name in ADDRESS_FIELDS):
            return super(ResPartner, self).write(vals)
        # the new address names a district: one write per district found, in the same call
        groups = {}
        for partner in self:
            district = partner.followup_district_id or self._followup_district_of(
                {name: vals[name] if name in vals else partner[name] for name in ADDRESS_FIELDS})
            groups.setdefault(district.id if not partner.followup_district_id else None, self.browse())
            groups[district.id if not partner.followup_district_id else None] |= partner
        result = True
        for district_id, partners in groups.items():
            result = super(ResPartner, partners).write(
                dict(vals, followup_district_id=district_id) if district_id else vals) and result
        return result

    @api.model
    def _followup_district_of(self, address):
        """The district an address (a dict of street, street2, city) names, if any: a district
        whose name (e.g. 南山区) appears in it, preferring one of the city it names."""
        text = " ".join(address.get(name) or "" for name in ADDRESS_FIELDS)
        return self.env["crm.followup.district"].sudo()._guess_from_address(text, address.get("city"))

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CrmFollowupDistrict(models.Model):
    """A district (区) of a city with the coordinates of its centre: where a customer whose own
    coordinates are unknown is placed on the map for route planning (marked approximate)."""

    _name = "crm.followup.district"
    _description = "District"
    _order = "city, name"

    name = fields.Char(required=True, help="As written in addresses, e.g. 南山区.")
    city = fields.Char(required=True, help="As written in addresses, e.g. 深圳市.")
    latitude = fields.Float(digits=(10, 6), required=True)
    longitude = fields.Float(digits=(10, 6), required=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_city_uniq", "unique(name, city)", "A district is listed once per city."),
    ]

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for district in self:
            if not (-90 <= district.latitude <= 90 and -180 <= district.longitude <= 180):
                raise ValidationError(_("The centre of district %s is not a point on the map.") % district.name)

    def name_get(self):
        return [(district.id, "%s %s" % (district.city, district.name)) for district in self]

    @api.model
    def _guess_from_address(self, text, city=None):
        """The district named in the address `text` (the longest name found, in `city` first when
        several cities have it), or an empty recordset."""
        if not text:
            return self.browse()
        found = self.search([]).filtered(lambda district: district.name in text)
        if city:
            found = found.filtered(lambda district: district.city in city or city in district.city) or found
        return found.sorted(lambda district: -len(district.name))[:1]

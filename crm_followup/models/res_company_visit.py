from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .visit_geo import StraightLineTravel


class ResCompany(models.Model):
    """Visit-route planning's settings per company (issue 10): how travel times are estimated
    (visit_geo.StraightLineTravel: in town, then beyond the city), how many visits fit a day, and
    the check-in radius."""

    _inherit = "res.company"

    followup_visit_enabled = fields.Boolean(
        string="Visit Routes", default=True,
        help="Salespeople's customers are split into areas, each Friday evening next week's visit plans "
             "are proposed (missed visits rolled forward), each day's route is ordered, and visits are in "
             "the salespeople's calendars.")
    followup_visit_detour = fields.Float(
        string="Detour Factor", default=1.3, digits=(4, 2),
        help="Road distance ÷ straight-line distance (roads are not straight: about 1.3 in cities).")
    followup_visit_speed = fields.Float(
        string="Average Speed in Town (km/h)", default=25.0, digits=(5, 1),
        help="Average speed on the road between customers in town, traffic included: the first "
             "kilometres of every trip (the city distance).")
    followup_visit_long_speed = fields.Float(
        string="Speed Beyond the City (km/h)", default=70.0, digits=(5, 1),
        help="Average speed for the rest of a longer trip (expressways between cities): at 25 km/h for "
             "20 km, then 70 km/h, 深圳 to 广州 (about 136 km of road) takes about 2.5 hours.")
    followup_visit_city_km = fields.Float(
        string="City Distance (km)", default=20.0, digits=(5, 1),
        help="The kilometres of road of a trip driven at the average speed in town; beyond them, the "
             "speed beyond the city.")
    followup_visit_max_per_day = fields.Integer(
        string="Max. Visits a Day", default=12, help="A salesperson's plan never holds more visits in a day.")
    followup_checkin_radius = fields.Integer(
        string="Check-in Radius (m)", default=300,
        help="A check-in closer than this to the customer is verified; farther, it is flagged.")

    @api.constrains("followup_visit_detour", "followup_visit_speed", "followup_visit_long_speed",
                    "followup_visit_city_km", "followup_visit_max_per_day", "followup_checkin_radius")
    def _check_followup_visit_settings(self):
        for company in self:
            if company.followup_visit_detour < 1:
                raise ValidationError(_("The detour factor must be at least 1 (roads are never shorter "
                                        "than the straight line)."))
            if company.followup_visit_speed <= 0:
                raise ValidationError(_("The average speed must be above 0 km/h."))
            if company.followup_visit_long_speed < company.followup_visit_speed:
                raise ValidationError(_("The speed beyond the city must be at least the average speed in town."))
            if company.followup_visit_city_km < 0:
                raise ValidationError(_("The city distance cannot be negative."))
            if not 1 <= company.followup_visit_max_per_day <= 50:
                raise ValidationError(_("The maximum of visits a day must be 1 to 50."))
            if company.followup_checkin_radius <= 0:
                raise ValidationError(_("The check-in radius must be above 0 m."))

    def _followup_travel(self):
        """The company's travel-time estimator (visit_geo)."""
        self.ensure_one()
        return StraightLineTravel(self.followup_visit_detour, self.followup_visit_speed,
                                  self.followup_visit_long_speed, self.followup_visit_city_km)

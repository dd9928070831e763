"""res.partner: nearby customers (附近客户). From the position the phone reports, the user's own
customers and the pool customers they may claim, nearest first, each with its distance, its
tap-to-call number (unless the pool masks it) and links that navigate there."""
import math

from odoo import _, api, models
from odoo.exceptions import UserError

from . import visit_geo, visit_navigation
from .route_picture import grade_color

NEARBY_LIMIT = 20


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _followup_position(self, latitude, longitude):
        """(latitude, longitude) as floats from what the browser sent, or a clear error: the
        position comes from the phone's geolocation, never typed."""
        try:
            lat, lon = float(latitude), float(longitude)
        except (TypeError, ValueError):
            raise UserError(_("Your position is not known: allow this site to use your location "
                              "(browser settings) and try again."))
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise UserError(_("The position %(lat)s, %(lon)s is not a place on Earth: try again.")
                            % {"lat": latitude, "lon": longitude})
        return lat, lon

    @api.model
    def _followup_nearby_domain(self):
        """The user's customers, and the unowned customers of the pools they belong to (where the
        company has its public pool on, so that they may claim them)."""
        user = self.env.user
        return [("is_followup_customer", "=", True), "|", ("user_id", "=", user.id),
                "&", "&", ("user_id", "=", False), ("pool_id", "in", user.followup_pool_ids.ids),
                ("company_id.followup_pool_enabled", "=", True)]

    def _followup_points(self):
        """{id: (latitude, longitude, approximate)} of these partners that have a point: their
        own coordinates, else their district's centre (approximate). One query for any number:
        the set-based form of _followup_point()."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT p.id,
                   CASE WHEN COALESCE(p.partner_latitude, 0) <> 0 OR COALESCE(p.partner_longitude, 0) <> 0
                        THEN p.partner_latitude ELSE d.latitude END,
                   CASE WHEN COALESCE(p.partner_latitude, 0) <> 0 OR COALESCE(p.partner_longitude, 0) <> 0
                        THEN p.partner_longitude ELSE d.longitude END,
                   NOT (COALESCE(p.partner_latitude, 0) <> 0 OR COALESCE(p.partner_longitude, 0) <> 0)
              FROM res_partner p LEFT JOIN crm_followup_district d ON d.id = p.followup_district_id
             WHERE p.id = ANY(%s)""", [self.ids])
        return {pid: (lat, lon, approx) for pid, lat, lon, approx in self.env.cr.fetchall()
                if lat is not None and lon is not None}

    @api.model
    def followup_nearby(self, latitude, longitude, limit=NEARBY_LIMIT):
        """附近客户: the `limit` nearest customers of _followup_nearby_domain from (latitude,
        longitude), as the page on the phone shows them. Contact data is read as the user, so a
        pool customer's number stays masked and is no tel: link."""
        lat, lon = self._followup_position(latitude, longitude)
        points = self.search(self._followup_nearby_domain())._followup_points()
        nearest = sorted((visit_geo.distance_km(lat, lon, plat, plon), pid) for pid, (plat, plon, _a) in points.items())
        nearest = nearest[:limit]
        partners = self.browse([pid for _km, pid in nearest])
        me = self.env.user
        result = []
        for km, partner in zip([km for km, _pid in nearest], partners):
            plat, plon, approximate = points[partner.id]
            phone = partner.mobile or partner.phone or ""
            result.append({
                "id": partner.id,
                "name": partner.name,
                "distance_km": round(km, 2),
                "distance": self._followup_distance_text(km),
                "approximate": approximate,
                "mine": partner.user_id == me,
                "pool": partner.pool_id.name if not partner.user_id else "",
                "grade": partner.grade_id.code or "",
                "grade_color": grade_color(partner.grade_id.color),
                "phone": phone,
                "tel": "" if partner.followup_contact_masked or "*" in phone else "tel:" + phone.replace(" ", ""),
                "address": partner._followup_address_line(),
                "links": visit_navigation.links(plat, plon, partner.name),
            })
        return result

    def _followup_address_line(self):
        """The address on one line, as a stop or a nearby customer shows it."""
        return " ".join((self.contact_address or "").split())

    @api.model
    def _followup_distance_text(self, km):
        """"350 m", "2.4 km": how far, as the phone shows it."""
        if km < 1:
            return _("%d m") % round(km * 1000)
        return _("%.1f km") % km

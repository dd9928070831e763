"""crm.followup.visit on the road: check-in (签到) with the phone's position, verified within the
company's radius of the customer and flagged beyond it, and check-out, which logs the visit as a
follow-up in the same step. planned → checked in → done (missed and moved: the planning's).

The check-in fields and these two states are written here only: a plain `write` or `create`
that sets them is refused, so a check-in cannot be typed in or faked over the API."""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from . import followup_dates as dates
from . import visit_geo

CHECKIN_FIELDS = ("checkin_date", "checkin_latitude", "checkin_longitude", "checkin_distance_m",
                  "checkin_verified", "checkout_date", "record_id")
ON_THE_ROAD_STATES = ("checked_in", "done")


class CrmFollowupVisit(models.Model):
    _inherit = "crm.followup.visit"

    checkin_date = fields.Datetime(string="Checked In", readonly=True, copy=False)
    checkin_latitude = fields.Float(string="Check-in Latitude", digits=(10, 7), readonly=True, copy=False)
    checkin_longitude = fields.Float(string="Check-in Longitude", digits=(10, 7), readonly=True, copy=False)
    checkin_distance_m = fields.Float(
        string="Distance at Check-in (m)", digits=(10, 0), readonly=True, copy=False,
        help="How far from the customer's point on the map the phone was at check-in.")
    checkin_verified = fields.Boolean(
        string="Check-in Verified", readonly=True, copy=False,
        help="The phone was within the company's check-in radius of the customer.")
    checkout_date = fields.Datetime(string="Checked Out", readonly=True, copy=False)
    record_id = fields.Many2one("crm.followup.record", string="Follow-up", readonly=True, copy=False,
                                ondelete="set null", help="The follow-up logged at check-out.")

    @api.model
    def create(self, vals):
        self._followup_check_road_vals(vals)
        return super(CrmFollowupVisit, self).create(vals)

    def write(self, vals):
        self._followup_check_road_vals(vals)
        return super(CrmFollowupVisit, self).write(vals)

    @api.model
    def _followup_check_road_vals(self, vals):
        if self.env.uid == SUPERUSER_ID:
            return
        if any(name in vals for name in CHECKIN_FIELDS) or vals.get("state") in ON_THE_ROAD_STATES:
            raise UserError(_("A visit is checked in and out on the road, with the phone's position "
                              "(Check In / Check Out): it cannot be set by hand."))

    # ---- actions -----------------------------------------------------------------------

    def action_checkin_here(self):
        """Check In on the visit's form: the browser asks the phone for its position and then
        calls action_checkin (static/src/js/crm_followup_road.js)."""
        self.ensure_one()
        self._followup_check_on_the_road("planned")
        return {"type": "ir.actions.client", "tag": "crm_followup_checkin", "params": {"visit_id": self.id}}

    def action_checkin(self, latitude=None, longitude=None):
        """签到 at this visit from where the phone is (latitude, longitude from the browser's
        geolocation). Verified within the company's radius of the customer; farther, or when the
        customer has no point of its own, recorded and flagged, with the distance."""
        self.ensure_one()
        lat, lon = self.env["res.partner"]._followup_position(latitude, longitude)
        self._followup_check_on_the_road("planned")
        visit = self.sudo()
        partner = visit.partner_id
        point = partner._followup_point()
        distance = visit_geo.distance_m(lat, lon, point[0], point[1]) if point else 0.0
        radius = visit.company_id.followup_checkin_radius
        own_point = partner._followup_has_own_point()
        verified = bool(own_point and distance <= radius)
        visit.write({
            "checkin_date": fields.Datetime.now(), "checkin_latitude": lat, "checkin_longitude": lon,
            "checkin_distance_m": round(distance), "checkin_verified": verified, "state": "checked_in",
        })
        if not own_point:
            # the first check-in at a customer without coordinates places it on the map
            partner.write({"partner_latitude": lat, "partner_longitude": lon})
            message = _("Checked in at %s. It had no position of its own: this check-in is now its "
                        "position (not verified).") % partner.name
        elif verified:
            message = _("Checked in at %(customer)s (%(distance)s from it).") % {
                "customer": partner.name, "distance": partner._followup_distance_text(distance / 1000.0)}
        else:
            message = _("Checked in, but %(distance)s from %(customer)s, farther than %(radius)d m: "
                        "the check-in is flagged for your manager.") % {
                "customer": partner.name, "radius": radius,
                "distance": partner._followup_distance_text(distance / 1000.0)}
        return self._followup_road_answer(_("Checked in"), message, verified)

    def action_checkout(self, content=None, result_id=None):
        """Check out: the visit is done and logged as a follow-up (method Visit, dated at the
        check-in, with its position) by the salesperson, in one step."""
        self.ensure_one()
        self._followup_check_on_the_road("checked_in")
        method = self.env.ref("crm_followup.crm_followup_method_visit")
        result = self.env["crm.followup.result"].browse(result_id or [])
        if not (content or "").strip() and not result.requires_content:
            content = _("Visit (route of %s)") % dates.format_date(self.env, self.date)
        record = self.env["crm.followup.record"].create({
            "partner_id": self.partner_id.commercial_partner_id.id,
            "method_id": method.id,
            "result_id": result.id,
            "content": content,
            "date": self.checkin_date,
            "checkin_latitude": self.checkin_latitude,
            "checkin_longitude": self.checkin_longitude,
        })
        self.sudo().write({"checkout_date": fields.Datetime.now(), "record_id": record.id, "state": "done"})
        return self._followup_road_answer(_("Checked out"), _("The visit to %s is logged as a follow-up.")
                                          % self.partner_id.name, True)

    def _followup_check_on_the_road(self, state):
        """Only the visit's salesperson checks in and out, at a customer of their companies, once."""
        self.check_access_rights("read")
        self.check_access_rule("read")
        user = self.env.user
        visit = self.sudo()
        if visit.user_id != user:
            raise UserError(_("Only %(user)s checks in at the visit to %(customer)s.")
                            % {"user": visit.user_id.name, "customer": visit.partner_id.name})
        company = visit.partner_id.company_id or visit.company_id
        if company and company not in user.company_ids:
            raise UserError(_("%s is a customer of another company.") % visit.partner_id.name)
        if visit.partner_id.commercial_partner_id.user_id != user:
            raise UserError(_("%s is no longer your customer: the visit cannot be checked in or out.")
                            % visit.partner_id.name)
        if visit.state == state:
            return
        if visit.state in ("checked_in", "done") and state == "planned":
            raise UserError(_("You checked in at %(customer)s already, at %(time)s.")
                            % {"customer": visit.partner_id.name,
                               "time": dates.format_datetime(self.env, visit.checkin_date)})
        if state == "checked_in" and visit.state == "planned":
            raise UserError(_("Check in at %s before checking out.") % visit.partner_id.name)
        raise UserError(_("The visit to %(customer)s is %(state)s: it cannot be checked in or out.")
                        % {"customer": visit.partner_id.name,
                           "state": dict(visit._fields["state"]._description_selection(self.env))[visit.state]})

    def _followup_road_answer(self, title, message, verified):
        """What the phone shows after a check-in or check-out: the server's message, and whether
        the check-in was verified (the page reloads its route)."""
        return {"type": "ir.actions.client", "tag": "crm_followup_notify",
                "params": {"title": title, "message": message, "verified": verified, "visit_id": self.id}}

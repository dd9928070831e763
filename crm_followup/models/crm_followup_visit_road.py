"""crm.followup.visit on the phone: the salesperson's route of a day as the 在路上 (On the Road)
page shows it: the stops in order with their arrival time, the customer's number as a tel: link
(never a masked one), links that navigate there in 高德 / 百度, the check-in state, and the
day's route picture."""
from odoo import _, api, models
from odoo.exceptions import UserError

from . import followup_dates as dates
from . import visit_navigation


class CrmFollowupVisit(models.Model):
    _inherit = "crm.followup.visit"

    @api.model
    def get_day_route(self, date=None):
        """The current user's visits of `date` (default: today where they live), in route order."""
        user = self.env.user
        tz = dates.env_tz(self.env, user)
        day = date or dates.local_today(self.env, user)
        try:
            dates.to_date(day)
        except ValueError:
            raise UserError(_("%s is not a date: use YYYY-MM-DD.") % day)
        visits = self.search([("user_id", "=", user.id), ("date", "=", day), ("state", "!=", "moved")],
                             order="sequence, planned_arrival, id")
        partners = visits.mapped("partner_id")
        # read as the user: record rules and masking apply; a customer they no longer own and
        # cannot read shows by name only
        readable = partners.search([("id", "in", partners.ids)])
        points = partners._followup_points()
        stops = []
        for number, visit in enumerate(visits, 1):
            partner = visit.partner_id
            point = points.get(partner.id)
            phone = ""
            if partner in readable:
                phone = partner.mobile or partner.phone or ""
            masked = partner in readable and partner.followup_contact_masked
            name = partner.sudo().name
            stops.append({
                "id": visit.id,
                "number": number,
                "partner_id": partner.id,
                "name": name,
                "address": partner.sudo()._followup_address_line(),
                "arrival": dates.local_time(visit.planned_arrival, tz),
                "state": visit.state,
                "state_label": dict(self._fields["state"]._description_selection(self.env))[visit.state],
                "phone": phone,
                "tel": "tel:" + phone.replace(" ", "") if phone and not masked and "*" not in phone else "",
                "approximate": bool(point and point[2]),
                "links": visit_navigation.links(point[0], point[1], name) if point else {},
                "checkin_verified": visit.checkin_verified,
                "checkin_distance": partner._followup_distance_text(visit.checkin_distance_m / 1000.0)
                if visit.checkin_date else "",
                "checkin_time": dates.local_time(visit.checkin_date, tz),
            })
        plan = visits[:1].plan_id
        return {
            "date": day,
            "date_label": dates.format_date(self.env, day),
            "stops": stops,
            "picture": plan._followup_day_picture(day) if plan else "",
            "results": self.env["crm.followup.result"].search_read([], ["name"]),
        }

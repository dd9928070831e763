"""crm.followup.visit.plan: the picture of its routes (route_picture.py, SVG drawn by the addon,
no tile server), the week in one picture with a colour per day and each day on its own; shown in
the plan's form, on the phone and in the printed plan."""
from xml.sax.saxutils import escape

from odoo import _, fields, models

from . import followup_dates as dates
from . import route_picture


class CrmFollowupVisitPlan(models.Model):
    _inherit = "crm.followup.visit.plan"

    route_picture_week = fields.Html(
        string="Week's Routes", compute="_compute_route_pictures", sanitize=False,
        help="Each day's route in its own colour, numbered in the day's order.")
    route_picture_days = fields.Html(
        string="Routes per Day", compute="_compute_route_pictures", sanitize=False)

    def _compute_route_pictures(self):
        for plan in self:
            plan.route_picture_week = plan._followup_week_picture()
            plan.route_picture_days = "".join(
                '<div class="o_followup_route_day"><h3>%s</h3>%s</div>'
                % (escape(plan._followup_day_title(day)), plan._followup_day_picture(day))
                for day in plan._followup_route_days())

    def _followup_route_days(self):
        """The dates of the week that have visits, in order."""
        return sorted(set(self.visit_ids.filtered(lambda v: v.state != "moved").mapped("date")))

    def _followup_day_title(self, day):
        weekday = dates.to_date(day).weekday()
        return "%s %s" % (self._followup_weekday_names()[weekday], dates.format_date(self.env, day))

    def _followup_weekday_names(self):
        return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]

    def _followup_ends(self):
        """(start, end) Places of the plan's routes, or None where it has no point."""
        start = end = None
        if self.start_latitude or self.start_longitude:
            start = route_picture.Place(self.start_latitude, self.start_longitude, self.start_label or _("Start"))
        if self.end_latitude or self.end_longitude:
            end = route_picture.Place(self.end_latitude, self.end_longitude, self.end_label or _("End"))
        return start, end or start

    def _followup_stops(self, visits, points, tz):
        stops = []
        for visit in visits:
            point = points.get(visit.partner_id.id)
            if not point:
                continue
            partner = visit.partner_id.sudo()
            arrival = (dates.local_time(visit.planned_arrival, tz) + " ").lstrip()
            stops.append(route_picture.Stop(point[0], point[1], arrival + partner.name,
                                            route_picture.grade_color(partner.grade_id.color), point[2]))
        return stops

    def _followup_districts(self):
        return [route_picture.Place(d.latitude, d.longitude, d.name)
                for d in self.env["crm.followup.district"].sudo().search([])]

    def _followup_grade_legend(self, visits):
        grades = visits.sudo().mapped("partner_id.grade_id").sorted("sequence")
        return [(grade.code, route_picture.grade_color(grade.color)) for grade in grades]

    def _followup_day_picture(self, day):
        """The SVG of the plan's route on `day` (a date string)."""
        self.ensure_one()
        visits = self.visit_ids.filtered(lambda v: v.date == day and v.state != "moved").sorted("sequence")
        points = visits.mapped("partner_id")._followup_points()
        start, end = self._followup_ends()
        return route_picture.render_day(
            self._followup_stops(visits, points, dates.env_tz(self.env, self.user_id)), start, end,
            self._followup_districts(), title=self._followup_day_title(day),
            legend=self._followup_grade_legend(visits), empty_message=_("No visits planned."))

    def _followup_print_stops(self, day):
        """The stops of `day` as the printed plan lists them under the day's picture."""
        self.ensure_one()
        tz = dates.env_tz(self.env, self.user_id)
        visits = self.visit_ids.filtered(lambda v: v.date == day and v.state != "moved").sorted("sequence")
        return [{
            "number": number,
            "arrival": dates.local_time(visit.planned_arrival, tz),
            "name": visit.partner_id.sudo().name,
            "address": visit.partner_id.sudo()._followup_address_line(),
            "km": "%.1f" % visit.km_from_previous,
        } for number, visit in enumerate(visits, 1)]

    def _followup_week_picture(self):
        self.ensure_one()
        visits = self.visit_ids.filtered(lambda v: v.state != "moved")
        points = visits.mapped("partner_id")._followup_points()
        tz = dates.env_tz(self.env, self.user_id)
        names = self._followup_weekday_names()
        days = []
        for index in range(7):
            day = dates.shift_date(self.week_start, index)
            day_visits = visits.filtered(lambda v: v.date == day).sorted("sequence")
            days.append(route_picture.Day(names[index], route_picture.day_color(index),
                                          self._followup_stops(day_visits, points, tz)))
        start, end = self._followup_ends()
        return route_picture.render_week(days, start, end, self._followup_districts(), title=self.name or "",
                                         empty_message=_("No visits planned."))

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import followup_dates, visit_routing
from .crm_followup_visit_area import check_user_company
from .followup_cron import commit_batch

DAY = 86400
# cost of leaving a customer out, by the rank of its grade (A first): more than any detour
GRADE_PENALTY = 20000
NO_GRADE_PENALTY = 10000
# seconds of travel a visit outside its area's day is worth avoiding (one area per day)
AREA_PENALTY = 1800
PLANNER = {"followup_visit_planner": True}

PLAN_STATES = [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")]


class CrmFollowupVisitPlan(models.Model):
    """A salesperson's visits of one week (Monday to Sunday): which customer on which day, in
    which order, from a start point back to an end point."""

    _name = "crm.followup.visit.plan"
    _description = "Weekly Visit Plan"
    _order = "week_start desc, user_id"

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True, default=lambda self: self.env.user,
        states={"done": [("readonly", True)]})
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    week_start = fields.Date(
        string="Week of", required=True, index=True,
        default=lambda self: followup_dates.week_of(followup_dates.local_today(self.env))[0],
        help="The Monday the week starts on.")
    state = fields.Selection(PLAN_STATES, default="draft", required=True, index=True)
    visit_ids = fields.One2many("crm.followup.visit", "plan_id", string="Visits")
    unplanned_ids = fields.One2many("crm.followup.visit.unplanned", "plan_id", string="Not Planned")
    start_label = fields.Char(string="Start Point", help="Empty: the company's address, else the salesperson's.")
    start_latitude = fields.Float(digits=(10, 6))
    start_longitude = fields.Float(digits=(10, 6))
    end_label = fields.Char(string="End Point", help="Empty: the start point.")
    end_latitude = fields.Float(digits=(10, 6))
    end_longitude = fields.Float(digits=(10, 6))
    planned_km = fields.Float(string="Planned km", digits=(8, 1), readonly=True)
    travel_minutes = fields.Integer(string="Travel (min)", readonly=True)
    visit_count = fields.Integer(compute="_compute_visit_count", string="Visits")
    unplanned_count = fields.Integer(compute="_compute_visit_count", string="Not Planned")
    optimize_note = fields.Text(string="Last Optimisation", readonly=True)

    _sql_constraints = [
        ("user_week_uniq", "unique(user_id, company_id, week_start)",
         "A salesperson has one visit plan per week and company."),
    ]

    @api.depends("user_id.name", "week_start")
    def _compute_name(self):
        for plan in self:
            plan.name = _("%(user)s · week of %(week)s") % {
                "user": plan.user_id.name or "", "week": plan.week_start or ""}

    @api.depends("visit_ids", "unplanned_ids")
    def _compute_visit_count(self):
        for plan in self:
            plan.visit_count = len(plan.visit_ids)
            plan.unplanned_count = len(plan.unplanned_ids)

    @api.constrains("week_start")
    def _check_week_start(self):
        for plan in self.sudo():  # the access rules answer for who may, not this check
            if followup_dates.to_date(plan.week_start).weekday() != 0:
                raise ValidationError(_("A visit plan's week starts on a Monday."))

    @api.constrains("user_id", "company_id")
    def _check_user_company(self):
        check_user_company(self)

    def write(self, vals):
        for field in ("user_id", "company_id", "week_start"):
            if field in vals and self.filtered(lambda plan: plan[field].id != vals[field] if field != "week_start"
                                               else plan[field] != vals[field]).mapped("visit_ids"):
                raise UserError(_("A plan with visits keeps its salesperson, company and week: plan another one."))
        return super(CrmFollowupVisitPlan, self).write(vals)

    def action_confirm(self):
        self.write({"state": "confirmed"})

    def action_draft(self):
        self.write({"state": "draft"})

    # ---- planning the week ------------------------------------------------------------------

    def action_optimize(self):
        """Plan the week: the customers due, each on a day and in the day's order; locked visits
        stay on their day, visits already made stay as they are."""
        for plan in self:
            plan._optimize()
        return True

    def _optimize(self):
        self.ensure_one()
        if self.state == "done":
            raise UserError(_("The plan %s is done: it cannot be planned again.") % self.name)
        company = self.company_id
        start, end = self._route_points()
        intervals = self._working_intervals()
        if not any(intervals.values()):
            raise UserError(_(
                "%(user)s has no working hours left in the week of %(week)s (working hours \"%(calendar)s\", "
                "public holidays and days already past removed): nothing can be planned. Check the working "
                "hours or plan another week.") % {
                "user": self.user_id.name, "week": self.week_start, "calendar": self._calendar().name})
        day_offsets = sorted(offset for offset, spans in intervals.items() if spans)
        vehicle_of = {offset: vehicle for vehicle, offset in enumerate(day_offsets)}
        days = [visit_routing.Day(intervals[o][0][0], intervals[o][-1][1], start[:2], end[:2],
                                  company.followup_visit_max_per_day) for o in day_offsets]

        planned = self.visit_ids.filtered(lambda visit: visit.state == "planned")
        kept_partners = (self.visit_ids - planned).mapped("partner_id")
        locked = planned.filtered("locked")
        reusable = {visit.partner_id.id: visit for visit in planned - locked}
        stops, unplanned = [], []
        for visit in locked:
            offset = followup_dates.days_between(self.week_start + " 00:00:00", visit.date + " 00:00:00")
            stop, reason = self._stop_for(visit.partner_id, intervals, only_day=offset,
                                          penalty=visit_routing.MUST_PENALTY)
            if stop:
                stop.key = ("visit", visit.id)
                stops.append(stop)
            else:
                unplanned.append((visit.partner_id, reason))
        locked_partners = locked.mapped("partner_id")
        for partner, penalty, rolled_from in self._due_customers():
            if partner in kept_partners or partner in locked_partners:
                continue
            stop, reason = self._stop_for(partner, intervals, penalty=penalty)
            if stop:
                stop.key = ("partner", partner.id, rolled_from.id)
                stops.append(stop)
            else:
                unplanned.append((partner, reason))

        for stop in stops:
            stop.days = [vehicle_of[offset] for offset in stop.days] if len(stop.days) < len(days) else None
        must = [stop for stop in stops if stop.penalty >= visit_routing.MUST_PENALTY]
        room = sum(company.followup_visit_max_per_day for _day in days)
        self._prefer_area_days(stops, len(days))
        result = visit_routing.solve(days, stops, company._followup_travel(), time_limit=self._time_limit(len(stops)),
                                     area_penalty=AREA_PENALTY)
        Visit = self.env["crm.followup.visit"].with_context(**PLANNER)
        monday = followup_dates.to_datetime(followup_dates.local_midnight(self.week_start, self._tz()))
        touched = Visit.browse()
        for day_index, route in enumerate(result.routes):
            date = followup_dates.shift_date(self.week_start, day_offsets[day_index])
            for sequence, (stop, arrival, _seconds, km) in enumerate(route, 1):
                arrival += day_offsets[day_index] * DAY
                values = {
                    "date": date, "sequence": sequence, "km_from_previous": round(km, 1),
                    "planned_arrival": followup_dates.datetime_string(monday + timedelta(seconds=arrival)),
                    "planned_departure": followup_dates.datetime_string(
                        monday + timedelta(seconds=arrival + stop.duration)),
                }
                if stop.key[0] == "visit":
                    visit = Visit.browse(stop.key[1])
                else:
                    visit = reusable.pop(stop.key[1], None)
                    values["rolled_from_id"] = stop.key[2] or False
                    if not visit:
                        visit = Visit.create(dict(values, plan_id=self.id, partner_id=stop.key[1]))
                        touched |= visit
                        continue
                visit.write(values)
                touched |= visit
        for stop in result.dropped:
            if stop.key[0] == "visit":
                visit = Visit.browse(stop.key[1])
                reason = _("Locked on %(date)s, but that day cannot hold it (working hours, visiting hours, at "
                           "most %(max)d visits a day): move it to another day or unlock it.") % {
                    "date": visit.date, "max": company.followup_visit_max_per_day}
                unplanned.append((visit.partner_id, reason))
                visit.write({"planned_arrival": False, "planned_departure": False, "km_from_previous": 0})
            elif stop.penalty >= visit_routing.MUST_PENALTY and len(must) > room:
                unplanned.append((self.env["res.partner"].browse(stop.key[1]), _(
                    "More must-visit customers (%(must)d) than the week holds (%(room)d visits).") % {
                    "must": len(must), "room": room}))
            elif not self._day_trip_fits(stop, start, end, days):
                unplanned.append((self.env["res.partner"].browse(stop.key[1]), _(
                    "Too far: the trip from the start point %(start)s to the customer and back does not fit "
                    "a working day.") % {"start": start[2] or ""}))
            else:
                unplanned.append((self.env["res.partner"].browse(stop.key[1]), _(
                    "Over capacity: the week's working hours and at most %d visits a day are taken by "
                    "customers of higher priority or nearer the route.") % company.followup_visit_max_per_day))
        for visit in reusable.values():
            visit.unlink()

        self.unplanned_ids.unlink()
        self.write({
            "unplanned_ids": [(0, 0, {"partner_id": partner.id, "reason": reason}) for partner, reason in unplanned],
            "planned_km": round(result.km, 1),
            "travel_minutes": int(round(result.travel_seconds / 60.0)),
            "start_label": self.start_label or start[2], "start_latitude": start[0], "start_longitude": start[1],
            "end_label": self.end_label or end[2], "end_latitude": end[0], "end_longitude": end[1],
            "optimize_note": _(
                "%(visits)d visits planned over %(days)d days: %(km).1f km, %(minutes)d minutes on the road. "
                "%(left)d customers not planned (see Not Planned).") % {
                "visits": len(touched), "days": len(days), "km": result.km,
                "minutes": int(round(result.travel_seconds / 60.0)), "left": len(unplanned)},
        })
        return result

    def _day_trip_fits(self, stop, start, end, days):
        """Whether a day could hold the visit alone: from the start point, inside one of its
        windows, and back to the end point."""
        minutes = self.company_id._followup_travel().matrix([start[:2], stop.point, end[:2]])
        there, back = minutes[0][1] * 60, minutes[1][2] * 60
        for day in days:
            for earliest, latest in stop.windows:
                arrival = max(day.start + there, earliest)
                if arrival <= latest and arrival + stop.duration + back <= day.end:
                    return True
        return False

    def _prefer_area_days(self, stops, day_count):
        """One area per day where it can be: the areas' due workload spread over the days
        (heaviest first to the lightest day so far), each customer preferring its area's day."""
        Partner = self.env["res.partner"].sudo()
        by_area = {}
        for stop in stops:
            if stop.key[0] == "partner":
                area = Partner.browse(stop.key[1]).followup_area_id
                if area:
                    by_area.setdefault(area.id, []).append(stop)
        areas = sorted(by_area)
        loads = [sum(stop.duration for stop in by_area[area]) for area in areas]
        for area, day in zip(areas, visit_routing.balanced_days(loads, day_count)):
            for stop in by_area[area]:
                stop.preferred_day = day

    def _time_limit(self, stop_count, week=True):
        """Seconds of guided local search (visit_routing.time_limit; tests make it shorter)."""
        return self.env.context.get("followup_route_time_limit") or visit_routing.time_limit(stop_count, week)

    def _tz(self):
        return followup_dates.env_tz(self.env, self.user_id)

    def _calendar(self):
        """The salesperson's working hours, else the company's."""
        calendar = self.user_id.sudo().resource_calendar_id or self.company_id.sudo().resource_calendar_id
        if not calendar:
            raise UserError(_("Neither %(user)s nor company %(company)s has working hours: set them (Settings > "
                              "Working Hours) before planning visits.") % {
                "user": self.user_id.name, "company": self.company_id.name})
        return calendar

    def _working_intervals(self):
        """{day offset 0..6: [(start s, end s)]} of the week's working hours, in seconds from the
        day's midnight (local time): the calendar's attendances, less its public holidays (leaves
        of no one) and what is already past."""
        calendar = self._calendar()
        tz = self._tz()
        monday = followup_dates.to_datetime(followup_dates.local_midnight(self.week_start, tz))
        now = (followup_dates.to_datetime(fields.Datetime.now()) - monday).total_seconds()
        leaves = self.env["resource.calendar.leaves"].sudo().search([
            ("calendar_id", "=", calendar.id), ("resource_id", "=", False),
            ("date_from", "<", followup_dates.datetime_string(monday + timedelta(days=7))),
            ("date_to", ">", followup_dates.datetime_string(monday))])
        holes = [((followup_dates.to_datetime(leave.date_from) - monday).total_seconds(),
                  (followup_dates.to_datetime(leave.date_to) - monday).total_seconds()) for leave in leaves]
        if not self.env.context.get("followup_plan_whole_week"):
            holes.append((-DAY, now))  # what is past cannot be planned any more
        intervals = {}
        for offset in range(7):
            date = followup_dates.shift_date(self.week_start, offset)
            spans = []
            attendances = calendar.attendance_ids.filtered(lambda a: int(a.dayofweek) == offset)
            for attendance in attendances.sorted("hour_from"):
                if not (attendance.date_from or date) <= date <= (attendance.date_to or date):
                    continue
                spans.extend(_subtract([(offset * DAY + attendance.hour_from * 3600,
                                         offset * DAY + attendance.hour_to * 3600)], holes))
            intervals[offset] = [(int(a) - offset * DAY, int(b) - offset * DAY) for a, b in spans if b > a]
        return intervals

    def _route_points(self):
        """((lat, lon, label) of the start point, of the end point): the plan's own, else the
        company's address, else the salesperson's (home)."""
        start = None
        if self.start_latitude or self.start_longitude:
            start = (self.start_latitude, self.start_longitude, self.start_label or "")
        else:
            for partner in (self.company_id.partner_id, self.user_id.partner_id):
                point = partner.sudo()._followup_point()
                if point:
                    start = point + (partner.sudo().display_name,)
                    break
        if not start:
            raise UserError(_(
                "No start point for the routes of %(user)s: give the company %(company)s or the salesperson an "
                "address with coordinates or a district, or set the plan's start point.") % {
                "user": self.user_id.name, "company": self.company_id.name})
        end = start
        if self.end_latitude or self.end_longitude:
            end = (self.end_latitude, self.end_longitude, self.end_label or "")
        return start, end

    def _stop_for(self, partner, intervals, only_day=None, penalty=visit_routing.MUST_PENALTY):
        """(visit_routing.Stop, None) for the customer, or (None, why it cannot be planned)."""
        partner = partner.sudo()
        point = partner._followup_point()
        if not point:
            return None, _("No coordinates and no district: set the customer's coordinates or its district.")
        duration = (partner.grade_id.visit_duration or 30) * 60
        start, end = partner.followup_visit_from, partner.followup_visit_to
        if start or end:
            if (end - start) * 3600 < duration:
                return None, _("Receives visits %(start)s–%(end)s, shorter than the %(minutes)d-minute visit.") % {
                    "start": _hours(start), "end": _hours(end), "minutes": duration // 60}
        else:
            start, end = 0.0, 24.0
        windows, days = [], []
        for offset, spans in sorted(intervals.items()):
            if only_day is not None and offset != only_day:
                continue
            for span_start, span_end in spans:
                earliest = max(span_start, int(start * 3600))
                latest = min(span_end, int(end * 3600)) - duration
                if latest >= earliest:
                    windows.append((earliest, latest))
                    if offset not in days:
                        days.append(offset)
        if not windows:
            if only_day is not None:
                return None, _("Locked on a day without working hours for the visit: move it to another day.")
            return None, _("Receives visits %(start)s–%(end)s, outside the working hours of the week.") % {
                "start": _hours(start), "end": _hours(end)}
        return visit_routing.Stop(None, point, duration, _merge(windows), penalty=penalty, days=days), None

    def _due_customers(self):
        """[(customer, penalty, missed visit rolled forward)] of the salesperson due in the week,
        most important first: visits missed in earlier weeks (rolled forward), then the customers
        due by their visit frequency or with an overdue follow-up, by grade."""
        week_end = followup_dates.shift_date(self.week_start, 6)
        self.env.cr.execute("""
            SELECT p.id, COALESCE(NULLIF(p.followup_visit_frequency, 0), g.visit_frequency, 0),
                   (SELECT max(v.date) FROM crm_followup_visit_stop v
                     WHERE v.partner_id = p.id AND v.state IN ('done', 'checked_in') AND v.date < %s)
              FROM res_partner p
              LEFT JOIN crm_followup_grade g ON g.id = p.grade_id
             WHERE p.active AND p.customer AND p.id = p.commercial_partner_id
               AND p.user_id = %s AND (p.company_id = %s OR p.company_id IS NULL)""",
                            (self.week_start, self.user_id.id, self.company_id.id))
        rows = self.env.cr.fetchall()
        self.env.cr.execute(*self.env["res.partner"]._followup_due_query(
            self.week_start + " 00:00:00", user_id=self.user_id.id, company_ids=[self.company_id.id]))
        overdue = {row[0] for row in self.env.cr.fetchall()}
        self.env.cr.execute("""
            SELECT DISTINCT ON (m.partner_id) m.partner_id, m.id
              FROM crm_followup_visit_stop m
             WHERE m.state = 'missed' AND m.user_id = %s AND m.company_id = %s AND m.date < %s
               AND NOT EXISTS (SELECT 1 FROM crm_followup_visit_stop v
                                WHERE v.partner_id = m.partner_id AND v.date > m.date
                                  AND v.state IN ('done', 'checked_in'))
               AND NOT EXISTS (SELECT 1 FROM crm_followup_visit_stop r
                                WHERE r.rolled_from_id = m.id AND r.plan_id != %s)
             ORDER BY m.partner_id, m.date DESC""",
                            (self.user_id.id, self.company_id.id, self.week_start, self.id))
        missed = dict(self.env.cr.fetchall())
        grades = self.env["crm.followup.grade"].sudo().search([("company_id", "=", self.company_id.id)])
        rank = {grade.id: len(grades) - position for position, grade in enumerate(grades)}
        top = GRADE_PENALTY * 3 ** len(grades)
        Partner = self.env["res.partner"].sudo()
        Visit = self.env["crm.followup.visit"]
        due = []
        for partner_id, frequency, last_visit in rows:
            rolled = partner_id in missed
            by_frequency = frequency > 0 and (
                not last_visit or followup_dates.shift_date(last_visit, int(30.0 / frequency)) <= week_end)
            if not (rolled or by_frequency or partner_id in overdue):
                continue
            partner = Partner.browse(partner_id)
            penalty = GRADE_PENALTY * 3 ** (rank[partner.grade_id.id] - 1) if partner.grade_id.id in rank \
                else NO_GRADE_PENALTY
            if partner_id in overdue:
                penalty *= 2
            if rolled:
                penalty = top * 2
            due.append((partner, penalty, Visit.browse(missed.get(partner_id))))
        due.sort(key=lambda item: (-item[1], item[0].id))
        return due

    # ---- the daily route ----------------------------------------------------------------------

    def _route_day(self, date):
        """Order the planned visits of `date`: from the start point back to the end point, inside
        the day's working hours and the customers' visiting hours; all of them stay on the day."""
        self.ensure_one()
        offset = followup_dates.days_between(self.week_start + " 00:00:00", date + " 00:00:00")
        intervals = self._working_intervals()
        if not intervals.get(offset):
            raise UserError(_("%(date)s has no working hours left for %(user)s: there is no route to order.") % {
                "date": date, "user": self.user_id.name})
        start, end = self._route_points()
        visits = self.visit_ids.filtered(lambda visit: visit.date == date and visit.state == "planned")
        stops = []
        for visit in visits:
            stop, reason = self._stop_for(visit.partner_id, intervals, only_day=offset)
            if not stop:
                raise UserError(_("The visit to %(customer)s cannot be routed: %(reason)s") % {
                    "customer": visit.partner_id.display_name, "reason": reason})
            stop.key, stop.days = visit.id, None
            stops.append(stop)
        spans = intervals[offset]
        day = visit_routing.Day(spans[0][0], spans[-1][1], start[:2], end[:2])
        result = visit_routing.solve([day], stops, self.company_id._followup_travel(),
                                     time_limit=self._time_limit(len(stops), week=False))
        if result.dropped:
            raise UserError(_("The visits of %(date)s do not fit the day (working hours and visiting hours): "
                              "%(customers)s. Move some to another day.") % {
                "date": date, "customers": ", ".join(self.env["crm.followup.visit"].browse(
                    [stop.key for stop in result.dropped]).mapped("partner_id.display_name"))})
        monday = followup_dates.to_datetime(followup_dates.local_midnight(self.week_start, self._tz()))
        for sequence, (stop, arrival, _seconds, km) in enumerate(result.routes[0], 1):
            arrival += offset * DAY
            self.env["crm.followup.visit"].with_context(**PLANNER).browse(stop.key).write({
                "sequence": sequence, "km_from_previous": round(km, 1),
                "planned_arrival": followup_dates.datetime_string(monday + timedelta(seconds=arrival)),
                "planned_departure": followup_dates.datetime_string(
                    monday + timedelta(seconds=arrival + stop.duration)),
            })
        return result

    @api.model
    def _demo_week_plans(self, user_ids, area_count=3):
        """Demo data: each user's customers split into areas, and a confirmed plan of the current
        week (all of it, whatever day the demo is installed on)."""
        week_start = followup_dates.week_of(followup_dates.local_today(self.env))[0]
        planner = self.with_context(followup_plan_whole_week=True, followup_route_time_limit=1.0)
        for user in self.env["res.users"].browse(user_ids):
            self.env["crm.followup.visit.area"]._split_customers(user, user.company_id, area_count)
            plan = planner.create({"user_id": user.id, "company_id": user.company_id.id, "week_start": week_start})
            plan._optimize()
            plan.action_confirm()

    # ---- the weekly proposal ---------------------------------------------------------------------

    @api.model
    def _cron_propose_visit_plans(self, date_ref=None):
        """Every Friday evening: missed visits are marked, and next week's plans proposed."""
        today = date_ref or followup_dates.local_today(self.env)
        week_start = followup_dates.shift_date(followup_dates.week_of(today)[0], 7)
        self.env["crm.followup.visit"]._mark_missed(today)
        self._propose_week_plans(week_start, self._plan_targets(), commit=True)

    @api.model
    def _plan_targets(self):
        """[(salesperson, company)] to propose plans for: the salespeople owning customers in the
        companies with visit routes switched on."""
        companies = self.env["res.company"]._followup_companies_with("visit")
        if not companies:
            return []
        self.env.cr.execute("""
            SELECT DISTINCT p.user_id, COALESCE(p.company_id, u.company_id)
              FROM res_partner p
              JOIN res_users u ON u.id = p.user_id AND u.active
             WHERE p.active AND p.customer AND p.id = p.commercial_partner_id
               AND COALESCE(p.company_id, u.company_id) = ANY(%s)
             ORDER BY 1, 2""", (companies.ids,))
        rows = self.env.cr.fetchall()
        Users, Companies = self.env["res.users"], self.env["res.company"]
        sales = self.env.ref("crm_followup.crm_followup_group_user")
        return [(Users.browse(user_id), Companies.browse(company_id)) for user_id, company_id in rows
                if sales in Users.browse(user_id).groups_id and company_id in Users.browse(user_id).company_ids.ids]

    @api.model
    def _propose_week_plans(self, week_start, targets, commit=False):
        """A draft plan of `week_start` for each (salesperson, company) of `targets`, planned; a
        plan already confirmed is left alone. Returns the plans and, per salesperson, why not."""
        plans = self.browse()
        problems = []
        for user, company in targets:
            plan = self.sudo().search([("user_id", "=", user.id), ("company_id", "=", company.id),
                                       ("week_start", "=", week_start)])
            if plan and plan.state != "draft":
                continue
            if not plan:
                plan = self.sudo().create({"user_id": user.id, "company_id": company.id, "week_start": week_start})
            try:
                with self.env.cr.savepoint():
                    plan._optimize()
            except UserError as error:
                problems.append((plan, error.name))
                plan.optimize_note = error.name
            plans |= plan
            if commit:
                commit_batch(self.env)
        return plans, problems


def _subtract(spans, holes):
    """The parts of `spans` [(start, end)] outside every hole."""
    for hole_start, hole_end in holes:
        pieces = []
        for start, end in spans:
            if hole_end <= start or hole_start >= end:
                pieces.append((start, end))
                continue
            if hole_start > start:
                pieces.append((start, hole_start))
            if hole_end < end:
                pieces.append((hole_end, end))
        spans = pieces
    return spans


def _merge(windows):
    """Overlapping windows [(start, end)] merged, in order."""
    merged = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _hours(value):
    """9.5 -> '09:30'."""
    minutes = int(round(value * 60))
    return "%02d:%02d" % (minutes // 60, minutes % 60)

"""The managers' view of the visit routes (拜访看板): the team's plans of a week side by side,
with per salesperson the visits done against planned, the check-ins verified, the planned and the
driven kilometres, and the coverage of their A, B and C customers (visited at their frequency
over the last 4 weeks). The same figures feed the Excel export, the workbench and the daily
report (_visit_figures)."""
from datetime import timedelta
from xml.sax.saxutils import escape

from odoo import _, api, fields, models

from . import followup_dates as dates
from . import visit_geo

COVERAGE_GRADES = ("A", "B", "C")
# the frequency is per month: 4 weeks count as the month
COVERAGE_WEEKS = 4
FIGURES = ("planned", "done", "missed", "checked_in", "verified", "planned_km", "driven_km")


def coverage_share(covered, due):
    """The share (0-100) of the customers due a visit that got them, None when none is due."""
    return round(100.0 * covered / due) if due else None


class CrmFollowupVisitTeam(models.TransientModel):
    _name = "crm.followup.visit.team"
    _description = "Team's Visit Week"

    week_start = fields.Date(
        string="Week of", required=True,
        default=lambda self: dates.week_of(dates.local_today(self.env))[0])
    user_ids = fields.Many2many(
        "res.users", string="Salespeople", help="Empty: everyone with a visit plan that week.")
    table_html = fields.Html(string="Plans of the Week", compute="_compute_table_html", sanitize=False)

    @api.depends("week_start", "user_ids")
    def _compute_table_html(self):
        for wizard in self:
            wizard.table_html = wizard._render_table() if wizard.week_start else ""

    # ---- the figures -------------------------------------------------------------------------

    @api.model
    def _visit_figures(self, date_from, date_to, users):
        """{user id: figures} of the visits of the days `date_from` to `date_to` (dates) of
        `users`, read as the current user (record rules and company walls apply): planned,
        done, missed, checked_in (checked in or done), verified (check-ins within the radius),
        planned_km (the planned road to each stop), driven_km (the same road between the
        check-in positions, in check-in order, from the plan's start point) and coverage
        {grade code: (covered, due)}."""
        if not self.env.user._followup_is_manager():
            users = users & self.env.user  # a salesperson's own figures only
        figures = {user.id: dict.fromkeys(FIGURES, 0) for user in users}
        visits = self.env["crm.followup.visit"].search([
            ("user_id", "in", users.ids), ("date", ">=", dates.date_string(date_from)),
            ("date", "<=", dates.date_string(date_to)), ("state", "!=", "moved")])
        for visit in visits:
            line = figures[visit.user_id.id]
            line["planned"] += 1
            line["done"] += visit.state == "done"
            line["missed"] += visit.state == "missed"
            line["checked_in"] += bool(visit.checkin_date)
            line["verified"] += visit.checkin_verified
            line["planned_km"] += visit.km_from_previous
        self._add_driven_km(figures, visits.filtered("checkin_date"))
        coverage = self._coverage(dates.to_date(date_to), users)
        for user_id, line in figures.items():
            line["planned_km"] = round(line["planned_km"], 1)
            line["driven_km"] = round(line["driven_km"], 1)
            line["coverage"] = coverage.get(user_id, {})
        return figures

    @api.model
    def _add_driven_km(self, figures, visits):
        """The road driven, as the planning estimates a road (straight line × the company's
        detour), along each day's check-in positions from the plan's start point."""
        days = {}
        for visit in visits.sorted("checkin_date"):
            days.setdefault((visit.plan_id, visit.date), []).append(visit)
        for (plan, _day), day_visits in days.items():
            points = [(visit.checkin_latitude, visit.checkin_longitude) for visit in day_visits]
            if plan.start_latitude or plan.start_longitude:
                points.insert(0, (plan.start_latitude, plan.start_longitude))
            detour = plan.company_id.followup_visit_detour or 1.0
            figures[plan.user_id.id]["driven_km"] += sum(
                visit_geo.distance_km(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:])) * detour

    @api.model
    def _coverage(self, date_to, users):
        """{user id: {grade code: (covered, due)}}: of each salesperson's A, B and C customers
        due visits (their frequency, or their grade's, per month), how many were visited that
        often in the COVERAGE_WEEKS weeks up to `date_to` (follow-ups by a visit method: a
        checked-out visit logs one)."""
        if not users:
            return {}
        tz = dates.env_tz(self.env)
        start, end = dates.local_day_bounds(date_to - timedelta(days=7 * COVERAGE_WEEKS - 1), date_to, tz)
        companies = self.env.user.company_ids.ids
        self.env.cr.execute("""
            WITH customers AS (
                SELECT p.id, p.user_id, g.code,
                       COALESCE(NULLIF(p.followup_visit_frequency, 0), g.visit_frequency) AS frequency
                  FROM res_partner p JOIN crm_followup_grade g ON g.id = p.grade_id
                 WHERE p.user_id = ANY(%(users)s) AND p.active AND p.customer
                   AND p.id = p.commercial_partner_id AND g.code = ANY(%(grades)s)
                   AND p.company_id = ANY(%(companies)s)
            ), visited AS (
                SELECT r.partner_id, count(*) AS visits
                  FROM crm_followup_record r JOIN crm_followup_method m ON m.id = r.method_id AND m.is_visit
                 WHERE r.date >= %(start)s AND r.date < %(end)s AND r.partner_id IN (SELECT id FROM customers)
                 GROUP BY r.partner_id
            )
            SELECT c.user_id, c.code, count(*),
                   count(*) FILTER (WHERE COALESCE(v.visits, 0) >= c.frequency)
              FROM customers c LEFT JOIN visited v ON v.partner_id = c.id
             WHERE c.frequency > 0
             GROUP BY c.user_id, c.code""",
                            {"users": users.ids, "grades": list(COVERAGE_GRADES), "companies": companies,
                             "start": start, "end": end})
        coverage = {}
        for user_id, code, due, covered in self.env.cr.fetchall():
            coverage.setdefault(user_id, {})[code] = (covered, due)
        return coverage

    # ---- the week side by side ---------------------------------------------------------------

    def _week_plans(self):
        """The plans of the week of the chosen salespeople (all readable ones without a choice)."""
        self.ensure_one()
        domain = [("week_start", "=", self.week_start)]
        if self.user_ids:
            domain.append(("user_id", "in", self.user_ids.ids))
        return self.env["crm.followup.visit.plan"].search(domain).sorted(lambda plan: plan.user_id.name)

    def _week_end(self):
        return dates.shift_date(self.week_start, 6)

    def _week_rows(self):
        """One row per plan: the salesperson, the visits of each day (arrival, customer, state)
        and the week's figures."""
        plans = self._week_plans()
        users = plans.mapped("user_id")
        figures = self._visit_figures(dates.to_date(self.week_start), dates.to_date(self._week_end()), users)
        rows = []
        for plan in plans:
            tz = dates.env_tz(self.env, plan.user_id)
            days = []
            for index in range(7):
                day = dates.shift_date(self.week_start, index)
                visits = plan.visit_ids.filtered(lambda v: v.date == day and v.state != "moved").sorted("sequence")
                days.append([{
                    "arrival": dates.local_time(visit.planned_arrival, tz),
                    "name": visit.partner_id.sudo().name,
                    "state": visit.state,
                    "verified": visit.checkin_verified,
                } for visit in visits])
            rows.append({"plan": plan, "user": plan.user_id.sudo().name, "days": days,
                         "figures": figures[plan.user_id.id]})
        return rows

    def _coverage_text(self, coverage):
        parts = []
        for code in COVERAGE_GRADES:
            covered, due = coverage.get(code, (0, 0))
            share = coverage_share(covered, due)
            parts.append("%s %s" % (code, "-" if share is None else "%d%%" % share))
        return " · ".join(parts)

    def _render_table(self):
        """The week as an HTML table: a row per salesperson, a column per day (stops in order),
        then the figures."""
        self.ensure_one()
        rows = self._week_rows()
        names = self.env["crm.followup.visit.plan"]._followup_weekday_names()
        marks = {"done": "✔", "checked_in": "◉", "missed": "✘", "planned": ""}
        head = "".join("<th>%s<br/>%s</th>" % (escape(names[i]), dates.format_date(
            self.env, dates.shift_date(self.week_start, i))) for i in range(7))
        head = "<tr><th>%s</th>%s<th>%s</th></tr>" % (escape(_("Salesperson")), head, escape(_("Figures")))
        body = []
        for row in rows:
            cells = []
            for stops in row["days"]:
                cells.append("<td>%s</td>" % "".join(
                    '<div class="o_followup_team_stop o_followup_team_%s">%d. %s %s %s</div>'
                    % (stop["state"], number, stop["arrival"], escape(stop["name"]), marks.get(stop["state"], ""))
                    for number, stop in enumerate(stops, 1)))
            fig = row["figures"]
            summary = "<br/>".join([
                escape(_("Done: %(done)d of %(planned)d") % fig),
                escape(_("Check-ins verified: %(verified)d of %(checked_in)d") % fig),
                escape(_("km planned / driven: %(planned_km).1f / %(driven_km).1f") % fig),
                escape(_("Coverage (4 weeks): %s") % self._coverage_text(fig["coverage"])),
            ])
            body.append('<tr><th>%s</th>%s<td class="o_followup_team_figures">%s</td></tr>'
                        % (escape(row["user"]), "".join(cells), summary))
        if not body:
            body.append('<tr><td colspan="9">%s</td></tr>' % escape(_("No visit plan for this week.")))
        return ('<div class="table-responsive"><table class="table table-condensed table-bordered '
                'o_followup_team_week">%s%s</table></div>' % (head, "".join(body)))

    # ---- actions -----------------------------------------------------------------------------

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref("crm_followup.crm_followup_visit_team_xlsx").report_action(self)

"""Complaint analysis (投诉分析): where complaints come from and why, for the pivot, the graph and
the Excel file.

One SQL view row per complaint (its id is the complaint's), with what the analysis groups by:
category, channel, region (the customer's province and city), the customer's grade and owner at
registration, team, assignee, stage, root cause, month received (Odoo's read_group buckets
date_registered per month in the reader's time zone), a 1 in the measures it counts for, and the
customer's satisfaction (averaged over the complaints answered).

Who sees which rows is the complaint's business: the view has no record rules of its own, its
rows are filtered by the complaint's record rules (``_apply_ir_rules``), whatever they are now or
become, so that the analysis never shows a complaint its reader could not open.
"""
from odoo import SUPERUSER_ID, api, fields, models, tools

from .crm_followup_complaint import SEVERITIES
from .crm_followup_complaint_rating import SATISFACTION
from .crm_followup_complaint_service_level import LATE_LINES_SQL
from .crm_followup_complaint_stage import OPEN_STATES, SOLVED_STATES, STAGE_STATES

# "now" in the view, in UTC as the datetimes are stored
_NOW_SQL = "(now() AT TIME ZONE 'UTC')"
_MET_SQL = """CASE WHEN {line}.state = 'reached' THEN 100.0
                    WHEN {line}.state = 'failed'
                      OR ({line}.state = 'running' AND {line}.deadline <= """ + _NOW_SQL + """) THEN 0.0
               END"""

_VIEW_SQL = """
    CREATE VIEW crm_followup_complaint_report AS (
        SELECT c.id, c.id AS complaint_id, c.name, c.date_registered, c.date_solved,
               c.partner_id, c.customer_owner_id, c.customer_grade_id, c.user_id, c.team_id,
               c.company_id, c.channel_id, c.category_id, c.severity, c.stage_id, c.state,
               c.root_cause_id, p.state_id, p.city,
               1 AS complaint_count,
               (c.state IN %(open)s)::int AS open_count,
               (c.state IN %(solved)s)::int AS solved_count,
               -- satisfaction: over the answered complaints only (AVG skips the NULLs of the others)
               c.satisfaction,
               CASE WHEN c.satisfaction IS NOT NULL THEN c.satisfaction_score END AS satisfaction_score,
               (c.satisfaction IS NOT NULL)::int AS rated_count,
               CASE WHEN c.satisfaction IS NOT NULL THEN (c.satisfaction = 'satisfied')::int * 100.0
               END AS satisfied_rate,
               -- service levels: the working hours a metric took once reached, and whether it was met
               -- (100) or missed (0: failed, or running past its deadline before the scheduled run
               -- marked it), NULL while undecided; averaged, that is the share met
               CASE WHEN fr.date_reached IS NOT NULL THEN fr.consumed_hours END AS response_hours,
               CASE WHEN so.date_reached IS NOT NULL THEN so.consumed_hours END AS solution_hours,
               {met_fr} AS response_met_rate,
               {met_so} AS solution_met_rate,
               (c.id IN ({late}))::int AS late_count
          FROM crm_followup_complaint_ticket c
          JOIN res_partner p ON p.id = c.partner_id
          LEFT JOIN crm_followup_sla_line fr ON fr.complaint_id = c.id AND fr.metric = 'first_response'
          LEFT JOIN crm_followup_sla_line so ON so.complaint_id = c.id AND so.metric = 'solution'
    )""".format(met_fr=_MET_SQL.format(line="fr"), met_so=_MET_SQL.format(line="so"),
                late=LATE_LINES_SQL.replace("%s", _NOW_SQL))


class CrmFollowupComplaintReport(models.Model):
    _name = "crm.followup.complaint.report"
    _description = "Complaint Analysis"
    _auto = False
    _order = "date_registered desc"

    complaint_id = fields.Many2one("crm.followup.complaint", string="Complaint", readonly=True)
    name = fields.Char(string="Complaint No.", readonly=True)
    date_registered = fields.Datetime(string="Received on", readonly=True)
    date_solved = fields.Datetime(string="Solved on", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    customer_owner_id = fields.Many2one("res.users", string="Owner at Registration", readonly=True)
    customer_grade_id = fields.Many2one("crm.followup.grade", string="Grade at Registration", readonly=True)
    user_id = fields.Many2one("res.users", string="Assignee", readonly=True)
    team_id = fields.Many2one("crm.followup.complaint.team", string="Team", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    channel_id = fields.Many2one("crm.followup.complaint.channel", string="Channel", readonly=True)
    category_id = fields.Many2one("crm.followup.complaint.category", string="Category", readonly=True)
    severity = fields.Selection(SEVERITIES, readonly=True)
    stage_id = fields.Many2one("crm.followup.complaint.stage", string="Stage", readonly=True)
    state = fields.Selection(STAGE_STATES, string="Status", readonly=True)
    root_cause_id = fields.Many2one("crm.followup.complaint.cause", string="Root Cause", readonly=True)
    state_id = fields.Many2one("res.country.state", string="Province", readonly=True,
                               help="The customer's province (state) as it is now.")
    city = fields.Char(readonly=True, help="The customer's city as it is now.")
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True, help="Complaints still being worked on.")
    solved_count = fields.Integer(string="Solved", readonly=True, help="Complaints solved or closed.")
    satisfaction = fields.Selection(SATISFACTION, readonly=True)
    satisfaction_score = fields.Float(
        string="Satisfaction Score", readonly=True, group_operator="avg",
        help="The average of the customers' answers: 10 satisfied, 5 not satisfied, 1 highly dissatisfied "
             "(complaints without an answer do not count).")
    rated_count = fields.Integer(
        string="Answered", readonly=True,
        help="Complaints whose customer answered the satisfaction request or the return visit.")
    satisfied_rate = fields.Float(
        string="Satisfied (%)", readonly=True, group_operator="avg",
        help="The share of the answered complaints whose customer is satisfied.")

    response_hours = fields.Float(
        string="First Response (working hours)", readonly=True, group_operator="avg",
        help="The working hours the first response took (complaints not answered yet do not count).")
    solution_hours = fields.Float(
        string="Solution (working hours)", readonly=True, group_operator="avg",
        help="The working hours the solution took (complaints not solved yet do not count).")
    response_met_rate = fields.Float(
        string="First Response on Time (%)", readonly=True, group_operator="avg",
        help="The share of the decided first responses that met their service level.")
    solution_met_rate = fields.Float(
        string="Solution on Time (%)", readonly=True, group_operator="avg",
        help="The share of the decided solutions that met their service level.")
    late_count = fields.Integer(string="Late", readonly=True, help="Open complaints with a service level late now.")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(_VIEW_SQL, {"open": OPEN_STATES, "solved": SOLVED_STATES})

    @api.model
    def _apply_ir_rules(self, query, mode="read"):
        """The rows of the complaints the user may read: the complaint's record rules (own
        customers' or assigned, the whole company for a manager, companies walled) applied to the
        view through its complaint id, so that they are written once, on the complaint."""
        super(CrmFollowupComplaintReport, self)._apply_ir_rules(query, mode)
        if self._uid == SUPERUSER_ID:
            return
        clauses, params, tables = self.env["ir.rule"].domain_get("crm.followup.complaint", mode)
        if clauses:
            query.where_clause.append('"%s"."complaint_id" IN (SELECT "%s".id FROM %s WHERE %s)' % (
                self._table, self.env["crm.followup.complaint"]._table, ", ".join(tables), " AND ".join(clauses)))
            query.where_clause_params.extend(params)

    @api.model
    def _sla_figures(self, domain):
        """Per team and metric, over the rows of `domain` the user may see: the decided service
        levels, the share met (%), and the average and 90th percentile of the working hours taken
        (the pivot averages; the percentile it cannot), then the totals over all teams. One query.
        [{"team_id", "total", "metric", "decided", "met_rate", "avg_hours", "p90_hours"}]"""
        query = self._where_calc(domain)
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        rows = '"%s"' % self._table
        self.env.cr.execute("""
            SELECT {rows}.team_id, GROUPING({rows}.team_id) = 1, m.metric, COUNT(m.met), AVG(m.met), AVG(m.hours),
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY m.hours)
              FROM {tables}
             CROSS JOIN LATERAL (VALUES ('first_response', {rows}.response_met_rate, {rows}.response_hours),
                                        ('solution', {rows}.solution_met_rate, {rows}.solution_hours))
                                 AS m (metric, met, hours)
             WHERE {where}
             GROUP BY GROUPING SETS (({rows}.team_id, m.metric), (m.metric))
             ORDER BY 2, 1 NULLS LAST, 3
        """.format(rows=rows, tables=from_clause, where=where_clause or "TRUE"), params)
        return [{"team_id": team_id, "total": total, "metric": metric, "decided": decided, "met_rate": met_rate,
                 "avg_hours": avg_hours, "p90_hours": p90_hours}
                for team_id, total, metric, decided, met_rate, avg_hours, p90_hours in self.env.cr.fetchall()]

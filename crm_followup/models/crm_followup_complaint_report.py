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
from .crm_followup_complaint_stage import OPEN_STATES, SOLVED_STATES, STAGE_STATES

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
               END AS satisfied_rate
          FROM crm_followup_complaint_ticket c
          JOIN res_partner p ON p.id = c.partner_id
    )"""


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
    rated_count = fields.Integer(string="Answered", readonly=True,
                                 help="Complaints whose customer answered the satisfaction request or the return visit.")
    satisfied_rate = fields.Float(
        string="Satisfied (%)", readonly=True, group_operator="avg",
        help="The share of the answered complaints whose customer is satisfied.")

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

"""What the service levels add to the complaint: its SLA lines, kept in step with its stage,
category, severity and channel; "late now" and "late within N hours" as searches (on the lines'
stored deadlines, no flag refreshed by a cron); the escalation ladder's hand-over."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape

from . import followup_dates as dates

# A change of these re-matches the complaint's policy.
POLICY_FIELDS = ("category_id", "severity", "channel_id")
# A line that is late: missed (and not reached since), or running past its deadline before the
# scheduled run marked it; `%(horizon)s` moves "now" ahead for "late within N hours".
LATE_LINES_SQL = """
    SELECT l.complaint_id FROM crm_followup_sla_line l
      JOIN crm_followup_complaint_ticket c ON c.id = l.complaint_id AND c.state IN ('new', 'in_progress', 'waiting')
     WHERE (l.state = 'failed' AND l.date_reached IS NULL)
        OR (l.state = 'running' AND l.deadline <= %s)"""


class CrmFollowupComplaint(models.Model):
    _inherit = "crm.followup.complaint"

    sla_ids = fields.One2many("crm.followup.complaint.sla", "complaint_id", string="Service Levels", readonly=True)
    sla_deadline = fields.Datetime(
        string="SLA Deadline", compute="_compute_sla", help="The next deadline of a service level not yet reached.")
    sla_late = fields.Boolean(
        string="Late", compute="_compute_sla", search="_search_sla_late",
        help="A service level of the complaint missed its deadline.")
    sla_due_in_hours = fields.Float(
        string="Due in (hours)", compute="_compute_sla", search="_search_sla_due_in_hours",
        help="Hours until the next service level deadline (negative: late). Search \"<= 4\" for the "
             "complaints late within 4 hours.")

    @api.depends("sla_ids.deadline", "sla_ids.state", "sla_ids.date_reached")
    def _compute_sla(self):
        now = dates.to_datetime(fields.Datetime.now())
        for rec in self:
            pending = rec.sla_ids.filtered(lambda line: line.deadline and not line.date_reached
                                           and line.state in ("running", "failed"))
            deadline = min(pending.mapped("deadline")) if pending else False
            rec.sla_deadline = deadline
            rec.sla_late = bool(deadline) and dates.to_datetime(deadline) <= now
            rec.sla_due_in_hours = ((dates.to_datetime(deadline) - now).total_seconds() / 3600.0
                                    if deadline else 0.0)

    def _search_sla_late(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Search the late complaints with Late is set or is not set."))
        late = (operator == "=") == bool(value)
        return self._late_domain(fields.Datetime.now(), late)

    def _search_sla_due_in_hours(self, operator, value):
        if operator not in ("<", "<="):
            raise UserError(_("Search the complaints due within some hours with \"Due in (hours)\" less than "
                              "a number of hours, e.g. <= 4."))
        horizon = dates.to_datetime(fields.Datetime.now()) + timedelta(hours=float(value or 0))
        return self._late_domain(dates.datetime_string(horizon), True)

    @api.model
    def _late_domain(self, horizon, late=True):
        """The complaints with a service level late at `horizon` (not late if `late` is False),
        as a subquery: one query whatever the number of complaints."""
        return [("id", "inselect" if late else "not inselect", (LATE_LINES_SQL, [horizon]))]

    # ---- following the complaint ------------------------------------------------------------------

    @api.model
    def create(self, vals):
        complaint = super(CrmFollowupComplaint, self).create(vals)
        complaint._sla_start()
        return complaint

    @api.multi
    def write(self, vals):
        result = super(CrmFollowupComplaint, self).write(vals)
        now = fields.Datetime.now()
        if any(name in vals for name in POLICY_FIELDS):
            for rec in self.sudo():
                rec.sla_ids._rematch(rec, now)
        if "stage_id" in vals:
            self.sudo().mapped("sla_ids")._follow_stage(now)
        return result

    def _sla_start(self):
        """Service levels for these new complaints, if their company has complaints switched on."""
        complaints = self.sudo().filtered(lambda rec: rec.company_id._followup_enabled("complaint"))
        self.env["crm.followup.complaint.sla"].sudo()._start(complaints, fields.Datetime.now())

    def _sla_hand_over(self, user):
        """An escalation step hands the complaint to `user` through the complaint's own write (its
        rules hold: a user outside the complaint's team is refused); a refusal is logged instead."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self.write({"user_id": user.id})
        except (UserError, ValidationError) as error:
            self.message_post(body="<p>%s</p>" % html_escape(_(
                "Escalation could not hand the complaint over to %(user)s: %(reason)s") % {
                    "user": user.name, "reason": error.name}), subtype="mail.mt_note")

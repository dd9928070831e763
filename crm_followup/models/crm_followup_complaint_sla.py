"""The service level lines of the complaints (投诉服务等级): one per complaint and metric, their
clock (running, paused by the pause stages, reached, failed), and the scheduled run that marks
the lines that missed their deadline, warns before it and climbs the escalation ladder after it.

Deadlines are computed by the working-time clock of sla_clock.py, built once per calendar for a
whole set of lines; the scheduled run is set-based (one UPDATE per kind of event, the notices as
a few INSERTs), so running it over 100 000 open complaints costs about what one UPDATE of the
lines concerned costs (bench/bench_complaint_sla.py)."""
import logging
from array import array
from collections import namedtuple

from odoo import _, api, fields, models
from odoo.tools import generate_tracking_message_id, html_escape

from . import followup_dates as dates
from .crm_followup_complaint_sla_policy import METRICS
from .crm_followup_complaint_stage import SOLVED_STATES
from .crm_followup_reminder import Reminder
from .sla_clock import to_datetime as clock_datetime
from .sla_clock import to_seconds

_logger = logging.getLogger(__name__)

SLA_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("reached", "Reached"),
    ("failed", "Failed"),
]
HOUR = 3600.0
# What the lines' SQL reads to plan them.
PLAN_COLUMNS = ("l.id, l.calendar_id, l.policy_id, l.target_hours, l.consumed_hours, l.date_started, l.state, "
                "l.deadline, l.date_warned, l.escalation_step, l.date_reached")
# Lines per batch of the scheduled run's notices: its memory stays flat whatever the backlog.
RUN_BATCH = 2000
# What a notice needs of a line, its complaint, customer, assignee and recipient: one query per batch.
NoticeRow = namedtuple("NoticeRow", "line_id complaint_id number subject customer metric target_hours deadline step "
                                    "calendar_tz warning_share assignee_id assignee user_id partner_id lang tz "
                                    "recipient_kind reassign")
NOTICE_COLUMNS = ("l.id, l.complaint_id, c.name, c.subject, cust.name, l.metric, l.target_hours, l.deadline, "
                  "l.escalation_step, cal.tz, pol.warning_share, c.user_id, ap.name, u.id, u.partner_id, "
                  "up.lang, up.tz")
NOTICE_FROM = """
      FROM crm_followup_sla_line l
      JOIN crm_followup_complaint_ticket c ON c.id = l.complaint_id
      JOIN crm_followup_complaint_sla_policy pol ON pol.id = l.policy_id
      LEFT JOIN resource_calendar cal ON cal.id = l.calendar_id
      LEFT JOIN res_partner cust ON cust.id = c.partner_id
      LEFT JOIN res_users au ON au.id = c.user_id
      LEFT JOIN res_partner ap ON ap.id = au.partner_id
      LEFT JOIN crm_followup_complaint_team t ON t.id = c.team_id
      {step_join}
      LEFT JOIN res_users u ON u.id = {recipient}
      LEFT JOIN res_partner up ON up.id = u.partner_id
     WHERE l.id = ANY(%s)
     ORDER BY l.id"""
# A warning goes to the assignee, else the team leader.
WARNING_NOTICE_SQL = "SELECT " + NOTICE_COLUMNS + ", NULL, FALSE" + NOTICE_FROM.format(
    step_join="", recipient="COALESCE(c.user_id, t.leader_id)")
# An escalation step (the line's escalation_step-th of its policy's ladder, in the ladder's order)
# notifies its team leader, the sales manager of the customer's owner (the leader of their sales
# team) or its named user (crm.followup.complaint.sla.step._recipient_for); the plan columns first.
ESCALATION_NOTICE_SQL = "SELECT " + PLAN_COLUMNS + ", " + NOTICE_COLUMNS + ", s.recipient, s.reassign" + \
    NOTICE_FROM.format(step_join="""
      LEFT JOIN LATERAL (SELECT s.recipient, s.user_id, s.reassign FROM crm_followup_complaint_sla_step s
                          WHERE s.policy_id = l.policy_id ORDER BY s.sequence, s.delay_hours, s.id
                         OFFSET l.escalation_step LIMIT 1) s ON TRUE
      LEFT JOIN res_users owner ON owner.id = c.customer_owner_id
      LEFT JOIN crm_team st ON st.id = owner.sale_team_id""",
                       recipient="CASE s.recipient WHEN 'team_leader' THEN t.leader_id "
                                 "WHEN 'sales_manager' THEN st.user_id ELSE s.user_id END")
# One notice to send: a reminder for `user_id` (if any) due on `date_deadline`, and a message on the
# complaint e-mailed to the user's partner.
Notice = namedtuple("Notice", "line_id complaint_id record_name res_name user_id partner_id date_deadline "
                              "summary note")


def metric_reached(metric, stage_state):
    """Whether a complaint in a stage of this state has reached the metric: first response once it
    left "new" (and was not cancelled), solution once solved or closed."""
    if metric == "first_response":
        return stage_state not in ("new", "cancelled")
    return stage_state in SOLVED_STATES


class CrmFollowupComplaintSla(models.Model):
    """One service level of one complaint: a metric's target on the policy's working hours, the
    deadline and the working time consumed so far."""

    _name = "crm.followup.complaint.sla"
    _description = "Complaint Service Level"
    _order = "complaint_id, metric"
    # Not crm_followup_complaint_sla: its policy_id and metric... fields would take the XML ids of
    # the id fields of the models crm.followup.complaint.sla.policy, ... (see the complaint model).
    _table = "crm_followup_sla_line"

    complaint_id = fields.Many2one(
        "crm.followup.complaint", string="Complaint", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", required=True, index=True, readonly=True)
    policy_id = fields.Many2one(
        "crm.followup.complaint.sla.policy", string="Policy", required=True, ondelete="restrict", readonly=True)
    metric = fields.Selection(METRICS, required=True, readonly=True)
    calendar_id = fields.Many2one("resource.calendar", string="Working Hours", required=True, readonly=True)
    target_hours = fields.Float(string="Target (working hours)", readonly=True)
    consumed_hours = fields.Float(
        string="Consumed (working hours)", readonly=True, default=0.0,
        help="Working hours counted until the clock last stopped (paused, reached or failed).")
    date_started = fields.Datetime(string="Clock Running Since", readonly=True)
    deadline = fields.Datetime(readonly=True, index=True)
    date_warning = fields.Datetime(string="Warning Due", readonly=True)
    date_warned = fields.Datetime(string="Warned on", readonly=True)
    escalation_step = fields.Integer(string="Escalation Steps Done", readonly=True, default=0)
    date_escalation = fields.Datetime(string="Next Escalation", readonly=True, index=True)
    state = fields.Selection(SLA_STATES, required=True, default="running", readonly=True, index=True)
    date_reached = fields.Datetime(string="Reached on", readonly=True)
    date_failed = fields.Datetime(string="Failed on", readonly=True)

    _sql_constraints = [
        ("complaint_metric_uniq", "unique(complaint_id, metric)", "A complaint has one service level per metric."),
    ]

    # ---- the clock ------------------------------------------------------------------------------

    @api.model
    def _clocks(self, calendar_ids, first_day):
        """{calendar id: WorkingClock from `first_day`}: each calendar's clock built once."""
        calendars = self.env["resource.calendar"].sudo().browse(sorted(set(calendar_ids)))
        return {calendar.id: calendar._followup_clock(first_day) for calendar in calendars}

    @api.model
    def _plan_rows(self, rows, clocks=None):
        """{line id: (deadline, warning due, next escalation)} as naive UTC datetimes (or None) for
        these rows (PLAN_COLUMNS): a running line is due when its target's remaining working time
        has passed since its clock started; its warning at the policy's share of the target; a failed
        line climbs its policy's ladder from the deadline it missed."""
        if not rows:
            return {}
        policies = self._policy_plans({row[2] for row in rows})
        if clocks is None:
            earliest = min(row[5] or row[7] for row in rows if row[5] or row[7]) if any(
                row[5] or row[7] for row in rows) else fields.Datetime.now()
            clocks = self._clocks({row[1] for row in rows}, dates.to_date(dates.add_days(earliest, -1)))
        plans = {}
        for (line_id, calendar_id, policy_id, target, consumed, started, state, deadline, warned, step,
             reached) in rows:
            share, delays = policies[policy_id]
            clock = clocks[calendar_id]
            if state == "running":
                origin = clock.position(to_seconds(started))
                due = clock.moment(origin + round((target - consumed) * HOUR))
                warning = None if warned else clock.moment(origin + round((target * share / 100.0 - consumed) * HOUR))
                plans[line_id] = (clock_datetime(due), warning and clock_datetime(warning),
                                  self._escalation_due(clock, due, delays, step))
            elif state == "failed" and not reached and deadline:
                plans[line_id] = (dates.to_datetime(deadline), None,
                                  self._escalation_due(clock, to_seconds(deadline), delays, step))
            else:
                plans[line_id] = (dates.to_datetime(deadline) if state == "failed" else None, None, None)
        return plans

    @staticmethod
    def _escalation_due(clock, due, delays, step):
        if step >= len(delays):
            return None
        return clock_datetime(clock.moment(clock.position(due) + round(delays[step] * HOUR)))

    @api.model
    def _policy_plans(self, policy_ids):
        """{policy id: (warning share, [escalation delays in working hours, in order])}, in two queries."""
        self.env.cr.execute("SELECT id, warning_share FROM crm_followup_complaint_sla_policy WHERE id = ANY(%s)",
                            [list(policy_ids)])
        plans = {row[0]: (row[1], []) for row in self.env.cr.fetchall()}
        self.env.cr.execute("""SELECT policy_id, delay_hours FROM crm_followup_complaint_sla_step
                                WHERE policy_id = ANY(%s) ORDER BY policy_id, sequence, delay_hours, id""",
                            [list(policy_ids)])
        for policy_id, delay in self.env.cr.fetchall():
            plans[policy_id][1].append(delay)
        return plans

    def _replan(self, clocks=None):
        """Store the deadline, warning and next escalation of these lines, in one UPDATE."""
        if not self:
            return
        self.env.cr.execute("SELECT " + PLAN_COLUMNS + " FROM crm_followup_sla_line l WHERE l.id = ANY(%s)",
                            [self.ids])
        self._store_plans(self._plan_rows(self.env.cr.fetchall(), clocks))

    @api.model
    def _store_plans(self, plans):
        if not plans:
            return
        ids = list(plans)
        self.env.cr.execute("""
            UPDATE crm_followup_sla_line l
               SET deadline = v.deadline, date_warning = v.warning, date_escalation = v.escalation
              FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[], %s::timestamp[])
                   AS v(id, deadline, warning, escalation)
             WHERE l.id = v.id""", [ids, [plans[i][0] for i in ids], [plans[i][1] for i in ids],
                                    [plans[i][2] for i in ids]])
        self.invalidate_cache(["deadline", "date_warning", "date_escalation"], ids)

    # ---- following the complaint -------------------------------------------------------------------

    @api.model
    def _start(self, complaints, now):
        """The lines of newly registered complaints: one per target of their policy, its clock
        started when the complaint was received (paused or reached at once if its stage says so)."""
        values = []
        for complaint in complaints:
            policy = self.env["crm.followup.complaint.sla.policy"]._match(complaint)
            for target in policy.target_ids:
                values.append(self._new_line_values(complaint, policy, target, complaint.date_registered, now))
        lines = self.browse()
        for vals in values:
            lines |= self.create(vals)
        lines._replan()
        return lines

    @api.model
    def _new_line_values(self, complaint, policy, target, started, now, consumed=0.0):
        stage = complaint.stage_id
        vals = {"complaint_id": complaint.id, "company_id": complaint.company_id.id, "policy_id": policy.id,
                "metric": target.metric, "calendar_id": policy.calendar_id.id, "target_hours": target.target_hours,
                "consumed_hours": consumed, "date_started": started, "state": "running"}
        if metric_reached(target.metric, stage.state):
            vals.update(state="reached", date_reached=now, date_started=False)
        elif stage.sla_paused or stage.state == "cancelled":
            vals.update(state="paused", date_started=False)
        return vals

    def _follow_stage(self, now):
        """The complaint of these lines moved to another stage: reach the metrics it reached, pause
        the clock in a pause stage (keeping the time consumed), resume it elsewhere (the deadline
        from the remaining working time). A failed line stays failed; it records when it was reached."""
        clocks = self._clocks(self.mapped("calendar_id").ids, dates.to_date(dates.add_days(
            min(self.mapped(lambda line: line.date_started or now)), -1))) if self else {}
        resumed = self.browse()
        for line in self:
            stage = line.complaint_id.stage_id
            consumed = line.consumed_hours
            # a failed line's clock runs on until it is reached: the reports read how long it took
            if line.state == "running" or (line.state == "failed" and line.date_started and not line.date_reached):
                consumed += clocks[line.calendar_id.id].between(to_seconds(line.date_started), to_seconds(now)) / HOUR
            if metric_reached(line.metric, stage.state):
                if line.state in ("running", "paused"):
                    line.write({"state": "reached", "date_reached": now, "consumed_hours": consumed,
                                "date_started": False, "deadline": False, "date_warning": False,
                                "date_escalation": False})
                elif line.state == "failed" and not line.date_reached:
                    line.write({"date_reached": now, "date_escalation": False, "consumed_hours": consumed,
                                "date_started": False})
            elif stage.sla_paused or stage.state == "cancelled":
                if line.state == "running":
                    line.write({"state": "paused", "consumed_hours": consumed, "date_started": False,
                                "deadline": False, "date_warning": False, "date_escalation": False})
            elif line.state == "paused":
                line.write({"state": "running", "date_started": now})
                resumed |= line
        resumed._replan(clocks)

    def _rematch(self, complaint, now):
        """The complaint's category, severity or channel changed: its policy is matched again; the
        lines keep the working time they consumed and get the new targets (a line whose metric
        the new policy has no target for is dropped unless reached or failed)."""
        policy = self.env["crm.followup.complaint.sla.policy"]._match(complaint)
        by_metric = {line.metric: line for line in self}
        clocks = {}
        changed = self.browse()
        for target in policy.target_ids:
            line = by_metric.pop(target.metric, None)
            if line is None:
                clock = self._clocks([policy.calendar_id.id], dates.to_date(
                    dates.add_days(complaint.date_registered, -1)))[policy.calendar_id.id]
                # a new metric counts from the complaint's receipt
                consumed = clock.between(to_seconds(complaint.date_registered), to_seconds(now)) / HOUR
                changed |= self.create(self._new_line_values(complaint, policy, target, now, now, consumed))
                continue
            if line.policy_id == policy and line.target_hours == target.target_hours:
                continue
            vals = {"policy_id": policy.id, "target_hours": target.target_hours, "calendar_id": policy.calendar_id.id}
            if line.state == "running":
                clocks = clocks or self._clocks(self.mapped("calendar_id").ids, dates.to_date(
                    dates.add_days(min(self.mapped(lambda line: line.date_started or now)), -1)))
                vals["consumed_hours"] = line.consumed_hours + clocks[line.calendar_id.id].between(
                    to_seconds(line.date_started), to_seconds(now)) / HOUR
                vals["date_started"] = now
            line.write(vals)
            changed |= line
        for line in by_metric.values():
            if line.state in ("running", "paused"):
                line.unlink()
        changed._replan()

    # ---- the scheduled run ---------------------------------------------------------------------

    @api.model
    def _cron_complaint_sla(self, date_ref=None):
        """Every 5 minutes: the lines of the companies found by _sla_companies that missed their
        deadline fail, the warnings due are sent, the escalation steps due are taken."""
        return self._run(date_ref or fields.Datetime.now(), self._sla_companies().ids)

    @api.model
    def _sla_companies(self):
        """The companies whose complaints' service levels the scheduled run follows: those with
        complaints switched on."""
        return self.env["res.company"]._followup_companies_with("complaint")

    @api.model
    def _run(self, now, company_ids):
        """Fail, warn and escalate what is due at `now` in these companies, set-based. Each event is
        claimed by the UPDATE that records it (a line fails once, is warned once, climbs each step
        once), so a second run finds nothing to notify. Returns (failed, warned, escalated) counts."""
        if not company_ids:
            return (0, 0, 0)
        failed = self._fail_due(now, company_ids)
        warned = self._warn_due(now, company_ids)
        escalated = self._escalate_due(now, company_ids)
        return (failed, warned, escalated)

    @api.model
    def _fail_due(self, now, company_ids):
        """The running lines past their deadline fail, as of their deadline."""
        self.env.cr.execute("""
            UPDATE crm_followup_sla_line
               SET state = 'failed', date_failed = deadline, date_warning = NULL
             WHERE state = 'running' AND deadline <= %s AND company_id = ANY(%s)""", [now, list(company_ids)])
        count = self.env.cr.rowcount
        if count:
            self.invalidate_cache(["state", "date_failed", "date_warning"])
        return count

    @api.model
    def _warn_due(self, now, company_ids):
        """The running lines whose warning is due: a reminder and an e-mail to the assignee (the
        team leader if nobody is assigned). All are claimed by one UPDATE, then notified batch by batch."""
        self.env.cr.execute("""
            UPDATE crm_followup_sla_line
               SET date_warned = %s, date_warning = NULL
             WHERE state = 'running' AND date_warning <= %s AND date_warned IS NULL AND company_id = ANY(%s)
            RETURNING id""", [now, now, list(company_ids)])
        ids = array("i", sorted(row[0] for row in self.env.cr.fetchall()))
        if not ids:
            return 0
        self.invalidate_cache(["date_warned", "date_warning"])
        texts = NoticeTexts(self, now)
        for start in range(0, len(ids), RUN_BATCH):
            self.env.cr.execute(WARNING_NOTICE_SQL, [list(ids[start:start + RUN_BATCH])])
            rows = [NoticeRow(*row) for row in self.env.cr.fetchall()]
            self._notify([texts.warning(row) for row in rows if row.user_id], now)
        return len(ids)

    @api.model
    def _escalate_due(self, now, company_ids):
        """The failed lines of open complaints whose next escalation step is due climb one step at a
        time (several if the run was late): each step notifies, hands the complaint over if the step
        says so, and is logged on the complaint."""
        total = 0
        texts = NoticeTexts(self, now)
        while True:
            self.env.cr.execute("""
                SELECT l.id
                  FROM crm_followup_sla_line l
                  JOIN crm_followup_complaint_ticket c ON c.id = l.complaint_id
                 WHERE l.state = 'failed' AND l.date_reached IS NULL AND l.date_escalation <= %s
                   AND l.company_id = ANY(%s) AND c.state IN ('new', 'in_progress', 'waiting')
                 ORDER BY l.id FOR UPDATE OF l""", [now, list(company_ids)])
            ids = array("i", (row[0] for row in self.env.cr.fetchall()))
            if not ids:
                return total
            for start in range(0, len(ids), RUN_BATCH):
                self._take_steps(list(ids[start:start + RUN_BATCH]), texts, now)
            total += len(ids)

    @api.model
    def _take_steps(self, ids, texts, now):
        """Take the next escalation step of these lines (one query reads what the notices need),
        plan the step after it (one UPDATE), notify, hand over where the step says so."""
        self.env.cr.execute(ESCALATION_NOTICE_SQL, [ids])
        rows = self.env.cr.fetchall()
        plan_width = len(PLAN_COLUMNS.split(","))
        # the step now taken is the row's escalation_step; plan the next one
        plans = self._plan_rows([row[:9] + (row[9] + 1,) + row[10:plan_width] for row in rows])
        self.env.cr.execute("""
            UPDATE crm_followup_sla_line l
               SET escalation_step = l.escalation_step + 1, date_escalation = v.escalation
              FROM unnest(%s::int[], %s::timestamp[]) AS v(id, escalation)
             WHERE l.id = v.id""", [[row[0] for row in rows], [plans[row[0]][2] for row in rows]])
        self.invalidate_cache(["escalation_step", "date_escalation"], ids)
        notices = [NoticeRow(*row[plan_width:]) for row in rows]
        self._notify([texts.escalation(notice) for notice in notices], now)
        handovers = [(notice.complaint_id, notice.user_id) for notice in notices
                     if notice.user_id and notice.reassign and notice.assignee_id != notice.user_id]
        Complaint, Users = self.env["crm.followup.complaint"].sudo(), self.env["res.users"].sudo()
        for complaint_id, user_id in handovers:
            Complaint.browse(complaint_id)._sla_hand_over(Users.browse(user_id))

    def _notice_templates(self):
        """The texts of the notices in this environment's language: translated once per language
        and run, not once per notice."""
        return {
            "metric": dict(self._fields["metric"]._description_selection(self.env)),
            "recipient": dict(self.env["crm.followup.complaint.sla.step"]._fields["recipient"]
                              ._description_selection(self.env)),
            "warning_summary": _("%(metric)s of complaint %(number)s due %(deadline)s"),
            "warning_note": _("%(share)s%% of the %(hours)s working hours to the %(metric)s of %(subject)s "
                              "(%(customer)s) have passed."),
            "escalation_summary": _("Escalated: complaint %(number)s missed its %(metric)s target"),
            "escalation_note": _("%(subject)s (%(customer)s), assigned to %(assignee)s, was due %(deadline)s; "
                                 "escalation step %(step)s."),
            "nobody": _("nobody"),
            "unnotified": _("Escalation step %(step)s of %(metric)s: nobody to notify (%(who)s)."),
        }

    # ---- notices: reminder, chatter note and e-mail, set-based ----------------------------------------

    @api.model
    def _notify(self, notices, now):
        """For each `Notice`: a reminder for its user on the complaint (the one reminder helper), and
        a message on the complaint e-mailed to the user (logged in the chatter: escalations are part
        of the complaint's story); without a user, the message only. A few INSERTs whatever the number."""
        if not notices:
            return
        complaints = self.env["crm.followup.complaint"]
        self.env["crm.followup.reminder"].create_many(
            self.env.ref("crm_followup.mail_activity_type_complaint_sla"),
            [Reminder(n.complaint_id, n.user_id, n.date_deadline, n.summary, "<p>%s</p>" % html_escape(n.note),
                      n.res_name)
             for n in notices if n.user_id], res_model=complaints._name)
        cr = self.env.cr
        author = self.env.ref("base.partner_root")
        company = self.env.user.company_id
        email_from = company.email and '"%s" <%s>' % (company.name, company.email) or author.email or False
        message_ids = [generate_tracking_message_id("sla-%d" % n.line_id) for n in notices]
        cr.execute("""
            INSERT INTO mail_message (model, res_id, record_name, subject, body, message_type, subtype_id,
                                      author_id, email_from, message_id, date,
                                      create_uid, write_uid, create_date, write_date)
            SELECT %s, v.res_id, v.record_name, v.subject, v.body, 'notification', %s, %s, %s, v.message_id, %s,
                   %s, %s, %s, %s
              FROM unnest(%s::int[], %s::text[], %s::text[], %s::text[], %s::text[])
                   AS v(res_id, record_name, subject, body, message_id)
            RETURNING id, message_id""", [
                complaints._name, self.env.ref("mail.mt_note").id, author.id, email_from, now,
                self.env.uid, self.env.uid, now, now,
                [n.complaint_id for n in notices], [n.record_name for n in notices], [n.summary for n in notices],
                ["<p>%s</p><p>%s</p>" % (html_escape(n.summary), html_escape(n.note)) for n in notices],
                message_ids])
        by_message_id = dict((mid, id_) for id_, mid in cr.fetchall())
        mailed = [(by_message_id[mid], n.partner_id) for mid, n in zip(message_ids, notices) if n.user_id]
        mail_message_ids = [message_id for message_id, _partner in mailed]
        cr.execute("""
            INSERT INTO mail_mail (mail_message_id, body_html, state, auto_delete, notification,
                                   create_uid, write_uid, create_date, write_date)
            SELECT m.id, m.body, 'outgoing', TRUE, TRUE, %s, %s, %s, %s
              FROM mail_message m WHERE m.id = ANY(%s)
            RETURNING id, mail_message_id""", [self.env.uid, self.env.uid, now, now, mail_message_ids])
        mail_by_message = dict((message_id, mail_id) for mail_id, message_id in cr.fetchall())
        cr.execute("""
            INSERT INTO mail_mail_res_partner_rel (mail_mail_id, res_partner_id)
            SELECT * FROM unnest(%s::int[], %s::int[])""",
                   [[mail_by_message[mid] for mid, _partner in mailed], [partner for _mid, partner in mailed]])
        self.env["mail.message"].invalidate_cache()
        self.env["mail.mail"].invalidate_cache()
        complaints.invalidate_cache(["message_ids"], list({n.complaint_id for n in notices}))

    # ---- demo ----------------------------------------------------------------------------------

    @api.model
    def _demo_replay_service_levels(self):
        """Demo data only: every demo complaint was registered, moved and solved at the install,
        so each of its lines would be reached at that moment. Replay them as the dates say: the
        first answer a few working hours after the complaint was received (from 0.5 to 6.5), the
        solution when it was solved; lines of open complaints run from when they were received
        (the scheduled run then marks the missed ones and escalates them)."""
        now = fields.Datetime.now()
        complaints = self.env["crm.followup.complaint"].sudo().search([])
        self.sudo().search([("complaint_id", "in", complaints.ids)]).unlink()
        lines = self.sudo()._start(complaints, now)
        clocks = self._clocks(lines.mapped("calendar_id").ids, dates.to_date(dates.add_days(
            min(complaints.mapped("date_registered") or [now]), -1)))
        for line in lines.filtered(lambda line: line.state == "reached"):
            complaint, clock = line.complaint_id, clocks[line.calendar_id.id]
            received = to_seconds(complaint.date_registered)
            if line.metric == "first_response":
                answered = clock.add(received, round((0.5 + complaint.id * 7 % 13 / 2.0) * HOUR))
            else:
                answered = max(to_seconds(complaint.date_solved or now), received)
            consumed = clock.between(received, answered) / HOUR
            values = {"consumed_hours": consumed, "date_reached": dates.datetime_string(clock_datetime(answered))}
            if consumed > line.target_hours:
                missed = clock_datetime(clock.add(received, round(line.target_hours * HOUR)))
                values.update(state="failed", deadline=dates.datetime_string(missed),
                              date_failed=dates.datetime_string(missed))
            line.write(values)
        running = lines.filtered(lambda line: line.state == "running")
        for line in running:
            line.write({"date_started": line.complaint_id.date_registered})
        running._replan(clocks)


class NoticeTexts(object):
    """Builds the notices of the scheduled run from the rows of WARNING_NOTICE_SQL and
    ESCALATION_NOTICE_SQL: in the recipient's language (its templates translated once per run) and
    time zone (else the calendar's); a step with nobody to notify in the run's own language."""

    def __init__(self, lines, now):
        self.lines = lines.sudo()
        self.now = now
        self.templates = {}

    def _texts(self, lang):
        lang = lang or "en_US"
        if lang not in self.templates:
            self.templates[lang] = self.lines.with_context(lang=lang)._notice_templates()
        return lang, self.templates[lang]

    def _deadline(self, notice, lang):
        return dates.format_datetime(self.lines.env, notice.deadline, tz=dates.tz_of(notice.tz or notice.calendar_tz),
                                     lang_code=lang)

    def _notice(self, notice, summary, note):
        return Notice(notice.line_id, notice.complaint_id, notice.number,
                      "%s %s" % (notice.number, notice.subject or ""), notice.user_id, notice.partner_id,
                      notice.user_id and dates.local_date(self.now, dates.tz_of(notice.tz or notice.calendar_tz)),
                      summary, note)

    def warning(self, notice):
        lang, t = self._texts(notice.lang)
        summary = t["warning_summary"] % {"metric": t["metric"][notice.metric], "number": notice.number,
                                          "deadline": self._deadline(notice, lang)}
        note = t["warning_note"] % {
            "share": notice.warning_share, "hours": "%g" % notice.target_hours,
            "metric": t["metric"][notice.metric].lower(), "subject": notice.subject, "customer": notice.customer}
        return self._notice(notice, summary, note)

    def escalation(self, notice):
        """The step taken is notice.step (its index in the ladder), shown counted from 1."""
        if not notice.user_id:
            lang, t = self._texts(self.lines.env.lang)
            summary = t["unnotified"] % {"step": notice.step + 1, "metric": t["metric"][notice.metric],
                                         "who": t["recipient"].get(notice.recipient_kind, "")}
            return self._notice(notice, summary, notice.number)
        lang, t = self._texts(notice.lang)
        summary = t["escalation_summary"] % {"number": notice.number, "metric": t["metric"][notice.metric].lower()}
        note = t["escalation_note"] % {
            "subject": notice.subject, "customer": notice.customer, "assignee": notice.assignee or t["nobody"],
            "deadline": self._deadline(notice, lang), "step": notice.step + 1}
        return self._notice(notice, summary, note)

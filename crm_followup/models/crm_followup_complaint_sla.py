"""The service level lines of the complaints (投诉服务等级): one per complaint and metric, their
clock (running, paused by the pause stages, reached, failed), and the scheduled run that marks
the lines that missed their deadline, warns before it and climbs the escalation ladder after it.

Deadlines are computed by the working-time clock of sla_clock.py, built once per calendar for a
whole set of lines; the scheduled run is set-based (one UPDATE per kind of event, the notices as
a few INSERTs), so running it over 100 000 open complaints costs about what one UPDATE of the
lines concerned costs (bench/bench_complaint_sla.py)."""
import logging

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
        team leader if nobody is assigned)."""
        self.env.cr.execute("""
            UPDATE crm_followup_sla_line
               SET date_warned = %s, date_warning = NULL
             WHERE state = 'running' AND date_warning <= %s AND date_warned IS NULL AND company_id = ANY(%s)
            RETURNING id""", [now, now, list(company_ids)])
        lines = self.browse([row[0] for row in self.env.cr.fetchall()])
        if not lines:
            return 0
        lines.invalidate_cache(["date_warned", "date_warning"], lines.ids)
        recipients = {}
        for line in lines.sudo():
            recipients[line.id] = line.complaint_id.user_id or line.complaint_id.team_id.leader_id
        notices = []
        # in each recipient's language, a language's lines read together
        for lang, lang_lines in self._by_language(lines, recipients).items():
            for line in lang_lines:
                notices.append((line, recipients[line.id], line._warning_text(recipients[line.id])))
        self._notify(notices, now)
        return len(lines)

    @api.model
    def _by_language(self, lines, recipients):
        """{language: these lines in that language (superuser)}, of the lines that have a recipient."""
        by_lang = {}
        for line in lines:
            user = recipients[line.id]
            if user:
                by_lang.setdefault(user.lang or "en_US", []).append(line.id)
        return {lang: self.sudo().with_context(lang=lang).browse(ids) for lang, ids in by_lang.items()}

    def _warning_text(self, user):
        complaint = self.complaint_id
        summary = _("%(metric)s of complaint %(number)s due %(deadline)s") % {
            "metric": dict(self._fields["metric"]._description_selection(self.env))[self.metric],
            "number": complaint.name,
            "deadline": dates.format_datetime(self.env, self.deadline, tz=dates.tz_of(user.tz or self.calendar_id.tz))}
        note = _("%(share)s%% of the %(hours)s working hours to the %(metric)s of %(subject)s (%(customer)s) "
                 "have passed.") % {
            "share": self.policy_id.warning_share, "hours": "%g" % self.target_hours,
            "metric": dict(self._fields["metric"]._description_selection(self.env))[self.metric].lower(),
            "subject": complaint.subject, "customer": complaint.partner_id.name}
        return summary, note

    @api.model
    def _escalate_due(self, now, company_ids):
        """The failed lines of open complaints whose next escalation step is due climb one step at a
        time (several if the run was late): each step notifies, hands the complaint over if the step
        says so, and is logged on the complaint."""
        total = 0
        while True:
            self.env.cr.execute("SELECT " + PLAN_COLUMNS + """
                  FROM crm_followup_sla_line l
                  JOIN crm_followup_complaint_ticket c ON c.id = l.complaint_id
                 WHERE l.state = 'failed' AND l.date_reached IS NULL AND l.date_escalation <= %s
                   AND l.company_id = ANY(%s) AND c.state IN ('new', 'in_progress', 'waiting')
                 ORDER BY l.id FOR UPDATE OF l""", [now, list(company_ids)])
            rows = self.env.cr.fetchall()
            if not rows:
                return total
            # the step now taken is the row's escalation_step; plan the next one
            steps = {row[0]: row[9] for row in rows}
            advanced = [row[:9] + (row[9] + 1,) + row[10:] for row in rows]
            plans = self._plan_rows(advanced)
            ids = [row[0] for row in rows]
            self.env.cr.execute("""
                UPDATE crm_followup_sla_line l
                   SET escalation_step = l.escalation_step + 1, date_escalation = v.escalation
                  FROM unnest(%s::int[], %s::timestamp[]) AS v(id, escalation)
                 WHERE l.id = v.id""", [ids, [plans[i][2] for i in ids]])
            lines = self.browse(ids)
            lines.invalidate_cache(["escalation_step", "date_escalation"], ids)
            self._take_steps(lines, steps, now)
            total += len(rows)

    @api.model
    def _take_steps(self, lines, steps, now):
        """Take the escalation step `steps[line id]` (an index in its policy's ladder) of these lines."""
        recipients, handovers, unnotified = {}, [], []
        for line in lines.sudo():
            step = line.policy_id.step_ids[steps[line.id]]
            complaint = line.complaint_id
            recipients[line.id] = recipient = step._recipient_for(complaint)
            if not recipient:
                unnotified.append((line, recipient, line._escalation_log(step)))
            elif step.reassign and complaint.user_id != recipient:
                handovers.append((complaint, recipient))
        notices = []
        for lang, lang_lines in self._by_language(lines, recipients).items():
            for line in lang_lines:
                notices.append((line, recipients[line.id], line._escalation_text(recipients[line.id])))
        self._notify(notices + unnotified, now)
        for complaint, recipient in handovers:
            complaint._sla_hand_over(recipient)

    def _escalation_text(self, user):
        complaint = self.complaint_id
        summary = _("Escalated: complaint %(number)s missed its %(metric)s target") % {
            "number": complaint.name,
            "metric": dict(self._fields["metric"]._description_selection(self.env))[self.metric].lower()}
        note = _("%(subject)s (%(customer)s), assigned to %(assignee)s, was due %(deadline)s; escalation step "
                 "%(step)s.") % {
            "subject": complaint.subject, "customer": complaint.partner_id.name,
            "assignee": complaint.user_id.name or _("nobody"),
            "deadline": dates.format_datetime(self.env, self.deadline, tz=dates.tz_of(user.tz or self.calendar_id.tz)),
            "step": self.escalation_step}
        return summary, note

    def _escalation_log(self, step):
        """(summary, note) of a step that found nobody to notify: logged on the complaint only."""
        summary = _("Escalation step %(step)s of %(metric)s: nobody to notify (%(who)s).") % {
            "step": self.escalation_step,
            "metric": dict(self._fields["metric"]._description_selection(self.env))[self.metric],
            "who": dict(step._fields["recipient"]._description_selection(self.env))[step.recipient]}
        return summary, self.complaint_id.name

    # ---- notices: reminder, chatter note and e-mail, set-based ----------------------------------------

    @api.model
    def _notify(self, notices, now):
        """For each (line, user, (summary, note)): a reminder for the user on the complaint (the one
        reminder helper), and a message on the complaint e-mailed to the user (logged in the
        chatter: escalations are part of the complaint's story); without a user, the message only.
        A few INSERTs whatever the number."""
        if not notices:
            return
        complaints = self.env["crm.followup.complaint"]
        self.env["crm.followup.reminder"].create_many(
            self.env.ref("crm_followup.mail_activity_type_complaint_sla"),
            [Reminder(line.complaint_id.id, user.id, dates.local_date(now, dates.tz_of(user.tz or line.calendar_id.tz)),
                      summary,
                      "<p>%s</p>" % html_escape(note))
             for line, user, (summary, note) in notices if user], res_model=complaints._name)
        cr = self.env.cr
        author = self.env.ref("base.partner_root")
        company = self.env.user.company_id
        email_from = company.email and '"%s" <%s>' % (company.name, company.email) or author.email or False
        message_ids = [generate_tracking_message_id("sla-%d" % line.id) for line, _user, _text in notices]
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
                [line.complaint_id.id for line, _user, _text in notices],
                [line.complaint_id.name for line, _user, _text in notices],
                [summary for _line, _user, (summary, _note) in notices],
                ["<p>%s</p><p>%s</p>" % (html_escape(summary), html_escape(note))
                 for _line, _user, (summary, note) in notices],
                message_ids])
        by_message_id = dict((mid, id_) for id_, mid in cr.fetchall())
        mailed = [(by_message_id[mid], user) for mid, (_line, user, _text) in zip(message_ids, notices) if user]
        mail_message_ids = [message_id for message_id, _user in mailed]
        partner_ids = [user.partner_id.id for _message_id, user in mailed]
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
                   [[mail_by_message[mid] for mid in mail_message_ids], partner_ids])
        self.env["mail.message"].invalidate_cache()
        self.env["mail.mail"].invalidate_cache()
        complaints.invalidate_cache(["message_ids"], list({line.complaint_id.id for line, _u, _t in notices}))

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

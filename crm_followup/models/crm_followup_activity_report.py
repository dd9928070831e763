"""The managers' daily and weekly report (跟进日报 / 周报): what each salesperson did in a period.

One SQL view row per event that counts for a salesperson: a follow-up logged (with its method and
result), a pool move (claimed, received by hand-over or assignment, released, taken back, from
crm.followup.pool.log), a customer entered, an opportunity created, an opportunity won, a
complaint about one of their customers received, a complaint they were assigned solved. Each row
has its UTC datetime and a 1 in the measure it counts for, so the pivot and the graph sum the
measures per salesperson, method, result or day; Odoo's read_group buckets the days in the
reader's time zone (context tz), and the periods of the wizard, the printed report, the Excel
file and the morning e-mail are local days turned into UTC bounds by models/followup_dates.py.
"""
from odoo import _, api, fields, models, tools

from . import followup_dates as dates
from .crm_lead import WON_LEAD_SQL

# measure field -> the rows it counts (the report's columns, in this order)
MEASURES = ("followup_count", "claim_count", "received_count", "release_count", "takeback_count",
            "new_customer_count", "lead_count", "won_count", "complaint_count", "complaint_solved_count")

# Row ids are the source record's id times 10 plus the source's digit: stable and unique.
_VIEW_SQL = """
    CREATE VIEW crm_followup_activity_report AS (
        SELECT r.id * 10 + 1 AS id, 'followup' AS source, r.date, r.user_id, r.company_id,
               r.method_id, r.result_id,
               1 AS followup_count, 0 AS claim_count, 0 AS received_count, 0 AS release_count,
               0 AS takeback_count, 0 AS new_customer_count, 0 AS lead_count, 0 AS won_count,
               0 AS complaint_count, 0 AS complaint_solved_count
          FROM crm_followup_record r
        UNION ALL
        SELECT log.id * 10 + 2, log.action, log.date,
               CASE WHEN log.action IN ('release', 'takeback') THEN log.from_user_id ELSE log.to_user_id END,
               COALESCE(log.company_id, p.company_id), NULL, NULL,
               0, (log.action = 'claim')::int, (log.action IN ('handover', 'assign'))::int,
               (log.action = 'release')::int, (log.action = 'takeback')::int, 0, 0, 0, 0, 0
          FROM crm_followup_pool_log log
          JOIN res_partner p ON p.id = log.partner_id
         WHERE log.action IN ('claim', 'handover', 'assign', 'release', 'takeback')
           AND CASE WHEN log.action IN ('release', 'takeback') THEN log.from_user_id
                    ELSE log.to_user_id END IS NOT NULL
        UNION ALL
        -- a customer entered: credited to whoever entered it (the owner may change later)
        SELECT p.id * 10 + 3, 'new_customer', p.create_date, p.create_uid, p.company_id, NULL, NULL,
               0, 0, 0, 0, 0, 1, 0, 0, 0, 0
          FROM res_partner p
         WHERE p.active AND p.customer AND (p.is_company OR p.parent_id IS NULL)
           AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id)
        UNION ALL
        SELECT l.id * 10 + 4, 'lead', l.create_date, l.user_id, l.company_id, NULL, NULL,
               0, 0, 0, 0, 0, 0, 1, 0, 0, 0
          FROM crm_lead l
         WHERE l.user_id IS NOT NULL
        UNION ALL
        SELECT l.id * 10 + 5, 'won', COALESCE(l.date_closed, l.date_last_stage_update), l.user_id,
               l.company_id, NULL, NULL,
               0, 0, 0, 0, 0, 0, 0, 1, 0, 0
          FROM crm_lead l
         WHERE l.user_id IS NOT NULL AND {won}
        UNION ALL
        -- a complaint received: counted for the owner of the customer when it was registered
        SELECT c.id * 10 + 6, 'complaint', c.date_registered, c.customer_owner_id, c.company_id, NULL, NULL,
               0, 0, 0, 0, 0, 0, 0, 0, 1, 0
          FROM crm_followup_complaint_ticket c
         WHERE c.customer_owner_id IS NOT NULL
        UNION ALL
        -- a complaint solved: counted for its assignee, on the day it was solved
        SELECT c.id * 10 + 7, 'complaint_solved', c.date_solved, c.user_id, c.company_id, NULL, NULL,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 1
          FROM crm_followup_complaint_ticket c
         WHERE c.date_solved IS NOT NULL AND c.user_id IS NOT NULL
    )""".format(won=WON_LEAD_SQL)


def rank_lines(lines):
    """Rank the salespeople's lines in place: most follow-ups first, then most opportunities won,
    then most new customers, then most opportunities created; equal figures share a rank
    (1, 1, 3). Returns the lines in rank order, names alphabetical within a rank."""
    def key(line):
        return (-line["followup_count"], -line["won_count"], -line["new_customer_count"], -line["lead_count"])

    ordered = sorted(lines, key=lambda line: (key(line), line["name"]))
    for index, line in enumerate(ordered):
        same = index and key(ordered[index - 1]) == key(line)
        line["rank"] = ordered[index - 1]["rank"] if same else index + 1
    return ordered


class CrmFollowupActivityReport(models.Model):
    _name = "crm.followup.activity.report"
    _description = "Follow-up Daily Report"
    _auto = False
    _order = "date desc"
    _rec_name = "date"

    source = fields.Selection([
        ("followup", "Follow-up"),
        ("claim", "Claimed"),
        ("handover", "Received by Hand-over"),
        ("assign", "Received by Assignment"),
        ("release", "Released"),
        ("takeback", "Taken Back"),
        ("new_customer", "New Customer"),
        ("lead", "Opportunity Created"),
        ("won", "Opportunity Won"),
        ("complaint", "Complaint Received"),
        ("complaint_solved", "Complaint Solved"),
    ], readonly=True)
    date = fields.Datetime(string="Occurred On", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    method_id = fields.Many2one("crm.followup.method", string="Method", readonly=True)
    result_id = fields.Many2one("crm.followup.result", string="Result", readonly=True)
    followup_count = fields.Integer(string="Follow-up Count", readonly=True)
    claim_count = fields.Integer(string="Claimed", readonly=True)
    received_count = fields.Integer(string="Received", readonly=True,
                                    help="Customers received by hand-over or assignment.")
    release_count = fields.Integer(string="Released", readonly=True)
    takeback_count = fields.Integer(string="Taken Back", readonly=True)
    new_customer_count = fields.Integer(string="New Customers", readonly=True)
    lead_count = fields.Integer(string="Opportunities Created", readonly=True)
    won_count = fields.Integer(string="Opportunities Won", readonly=True)
    complaint_count = fields.Integer(string="Complaints Received", readonly=True,
                                     help="Complaints about the salesperson's customers, received in the period.")
    complaint_solved_count = fields.Integer(string="Complaints Solved", readonly=True,
                                            help="Complaints the salesperson, as their assignee, solved in the period.")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(_VIEW_SQL)
        # a period's new customers and opportunities without reading the whole tables
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS res_partner_create_date_index ON res_partner (create_date)")
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS crm_lead_create_date_index ON crm_lead (create_date)")

    # ---- the figures of a period --------------------------------------------------------------

    @api.model
    def _period_domain(self, date_from, date_to):
        """The rows of the local days `date_from` to `date_to` (the reader's time zone)."""
        start, end = dates.local_day_bounds(date_from, date_to, dates.env_tz(self.env))
        return [("date", ">=", start), ("date", "<", end)]

    @api.model
    def _report_users(self, users):
        """Whose lines the current user may get: a salesperson only their own (the record rules
        would show zeros for the others), a manager the given users of their companies."""
        if not self.env.user._followup_is_manager():
            return self.env.user
        return users.filtered(lambda user: user.company_id in self.env.user.company_ids)

    @api.model
    def _team_figures(self, date_from, date_to, users=None):
        """The report of the local days `date_from` to `date_to`, read as the current user (record
        rules and company walls apply): a line per salesperson of `users` (default: everyone
        with figures), ranked, with the follow-ups per method and result, and the team's totals.
        {"lines": [...], "totals": {...}, "methods": [(id, name)], "results": [(id, name)],
         "date_from", "date_to"}"""
        domain = self._period_domain(date_from, date_to)
        if users is not None or not self.env.user._followup_is_manager():
            users = self._report_users(users if users is not None else self.env.user)
            domain.append(("user_id", "in", users.ids))
        groups = self.read_group(domain, ["user_id"] + list(MEASURES), ["user_id"])
        figures = {g["user_id"][0]: {m: g[m] for m in MEASURES} for g in groups}
        if users is None:
            users = self.env["res.users"].browse(list(figures))
        followup_domain = domain + [("source", "=", "followup")]
        by_method = self.read_group(followup_domain, ["user_id", "method_id", "followup_count"],
                                    ["user_id", "method_id"], lazy=False)
        by_result = self.read_group(followup_domain, ["user_id", "result_id", "followup_count"],
                                    ["user_id", "result_id"], lazy=False)
        methods = sorted({g["method_id"] for g in by_method if g["method_id"]})
        # follow-ups without a result last
        results = sorted({g["result_id"] or (0, _("No result")) for g in by_result}, key=lambda r: (not r[0], r[0]))
        lines = []
        for user in users.sudo():  # the names of colleagues a salesperson may not read otherwise
            line = dict(figures.get(user.id) or dict.fromkeys(MEASURES, 0), user_id=user.id, name=user.name)
            line["methods"] = {g["method_id"][0]: g["followup_count"] for g in by_method
                               if g["user_id"][0] == user.id and g["method_id"]}
            line["results"] = {(g["result_id"] or (0,))[0]: g["followup_count"] for g in by_result
                               if g["user_id"][0] == user.id}
            lines.append(line)
        lines = rank_lines(lines)
        totals = {m: sum(line[m] for line in lines) for m in MEASURES}
        totals["methods"] = {m[0]: sum(line["methods"].get(m[0], 0) for line in lines) for m in methods}
        totals["results"] = {r[0]: sum(line["results"].get(r[0], 0) for line in lines) for r in results}
        return {"lines": lines, "totals": totals, "methods": methods, "results": results,
                "date_from": dates.date_string(date_from), "date_to": dates.date_string(date_to)}

    @api.model
    def _measure_labels(self):
        """(measure, translated label) in the report's column order."""
        described = self.fields_get(list(MEASURES), ["string"])
        return [(m, described[m]["string"]) for m in MEASURES]

    @api.model
    def _period_label(self, date_from, date_to):
        """The period as the reader writes dates: one day, or from - to."""
        first, last = dates.format_date(self.env, date_from), dates.format_date(self.env, date_to)
        return first if first == last else "%s - %s" % (first, last)

    # ---- the morning e-mail ----------------------------------------------------------------

    @api.model
    def _cron_mail_daily_report(self, date_ref=None):
        """Every morning: each manager gets yesterday's report of their team, once."""
        now = date_ref or fields.Datetime.now()
        managers = self.env["res.users"].search(self._daily_report_managers_domain())
        return self._mail_daily_reports(managers, now)

    @api.model
    def _daily_report_managers_domain(self):
        """The managers to mail: Follow-up Managers who lead a sales team and have an e-mail, in
        the companies with the daily report by e-mail switched on."""
        return [("company_id", "in", self.env["res.company"]._followup_companies_with("report_mail").ids),
                ("groups_id", "in", self.env.ref("crm_followup.crm_followup_group_manager").id),
                ("share", "=", False), ("email", "!=", False),
                ("id", "in", self.env["crm.team"].sudo().search([("user_id", "!=", False)]).mapped("user_id").ids)]

    @api.model
    def _mail_daily_reports(self, managers, now):
        """Queue, for each manager, the report of the day before `now` in the manager's time
        zone, unless that day's report was queued for them already. Returns the mails queued."""
        mails = self.env["mail.mail"]
        for manager in managers:
            day = dates.shift_date(dates.local_date(now, dates.tz_of(manager.tz)), -1)
            if manager.followup_report_date and manager.followup_report_date >= day:
                continue
            team = self.env["res.users"].sudo().search(
                ["|", ("sale_team_id.user_id", "=", manager.id), ("id", "=", manager.id)])
            mails |= self._mail_report(manager, day, day, team)
            manager.sudo().followup_report_date = day
        return mails

    @api.model
    def _mail_report(self, recipient, date_from, date_to, users=None):
        """Queue the report of the period in the recipient's language and time zone, read with
        their rights, in Odoo's outgoing mail queue (sent by its own scheduled action)."""
        report = self.sudo(recipient).with_context(lang=recipient.lang, tz=recipient.tz)
        values = report._team_figures(date_from, date_to, users)
        values.update(measures=report._measure_labels(),
                      period=report._period_label(date_from, date_to))
        body = report.env["ir.qweb"].render("crm_followup.activity_report_table", values)
        sender = recipient.company_id.partner_id.email_formatted or self.env.user.partner_id.email_formatted
        return self.env["mail.mail"].sudo().create({
            "subject": report._mail_subject(date_from, date_to, values["period"]),
            "body_html": body,
            "email_from": sender,
            "recipient_ids": [(4, recipient.partner_id.id)],
            "auto_delete": False,
        })

    @api.model
    def _mail_subject(self, date_from, date_to, period):
        if date_from == date_to:
            return _("Follow-up daily report %s") % period
        return _("Follow-up report %s") % period

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models import followup_dates as dates


class CrmFollowupActivityReportWizard(models.TransientModel):
    """The managers' daily and weekly report for a day, the week of a day or a chosen period, of
    the salespeople chosen (by default the teams the manager leads): on screen, printed, in Excel."""

    _name = "crm.followup.activity.report.wizard"
    _description = "Follow-up Daily Report"

    def _default_user_ids(self):
        user = self.env.user
        if not user._followup_is_manager():
            return user
        return self.env["res.users"].search(["|", ("sale_team_id.user_id", "=", user.id), ("id", "=", user.id)])

    period = fields.Selection([("day", "Day"), ("week", "Week"), ("period", "Period")],
                              required=True, default="day")
    day = fields.Date(default=lambda self: dates.local_today(self.env),
                      help="The day reported, or a day of the week reported.")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    user_ids = fields.Many2many("res.users", string="Salespeople", default=_default_user_ids,
                                domain=lambda self: [("share", "=", False),
                                                     ("company_id", "in", self.env.user.company_ids.ids)],
                                help="Leave empty for everybody with figures in the period.")

    def _period(self):
        """(first day, last day) of the period chosen, date strings."""
        self.ensure_one()
        if self.period == "period":
            if not self.date_from or not self.date_to or self.date_from > self.date_to:
                raise UserError(_("Choose a period whose start is not after its end."))
            return self.date_from, self.date_to
        if not self.day:
            raise UserError(_("Choose the day to report on."))
        return (self.day, self.day) if self.period == "day" else dates.week_of(self.day)

    def _users(self):
        """The salespeople chosen, or None for everybody with figures."""
        return self.user_ids or None

    def _report_values(self):
        """What the printed report and the Excel file show."""
        report = self.env["crm.followup.activity.report"]
        date_from, date_to = self._period()
        values = report._team_figures(date_from, date_to, self._users())
        values.update(measures=report._measure_labels(), period=report._period_label(date_from, date_to))
        return values

    @api.multi
    def action_view(self):
        """The period's figures in the pivot and graph views, per salesperson."""
        self.ensure_one()
        report = self.env["crm.followup.activity.report"]
        date_from, date_to = self._period()
        domain = report._period_domain(date_from, date_to)
        users = self._users()
        if users is not None or not self.env.user._followup_is_manager():
            domain.append(("user_id", "in", report._report_users(users or self.env.user).ids))
        action = self.env.ref("crm_followup.crm_followup_activity_report_action").read()[0]
        # the period and the salespeople chosen here, not the menu's default "My Team" filter
        name = "%s %s" % (action["name"], report._period_label(date_from, date_to))
        action.update(domain=domain, context="{}", name=name, display_name=name)
        return action

    @api.multi
    def action_print(self):
        self.ensure_one()
        self._period()  # a clear error here rather than in the report
        return self.env.ref("crm_followup.crm_followup_activity_report_print").report_action(self)

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        date_from, date_to = self._period()
        users = self._users()
        data = {"date_from": date_from, "date_to": date_to, "user_ids": users.ids if users is not None else None}
        return self.env.ref("crm_followup.crm_followup_activity_report_xlsx").report_action(
            [], data=data, config=False)

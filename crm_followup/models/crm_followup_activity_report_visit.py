from odoo import api, models

from . import followup_dates as dates


class CrmFollowupActivityReport(models.Model):
    """The daily and weekly report's line on the visit routes: per salesperson, the visits done
    of those planned, the check-ins verified and the km planned and driven in the period (the
    managers' visit figures, crm.followup.visit.team._visit_figures)."""

    _inherit = "crm.followup.activity.report"

    @api.model
    def _team_figures(self, date_from, date_to, users=None):
        values = super(CrmFollowupActivityReport, self)._team_figures(date_from, date_to, users)
        people = self.env["res.users"].browse([line["user_id"] for line in values["lines"]])
        figures = self.env["crm.followup.visit.team"]._visit_figures(
            dates.to_date(date_from), dates.to_date(date_to), people)
        values["visit_lines"] = [dict(figures[line["user_id"]], name=line["name"])
                                 for line in values["lines"]
                                 if line["user_id"] in figures and figures[line["user_id"]]["planned"]]
        return values

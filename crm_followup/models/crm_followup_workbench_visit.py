from odoo import api, models

from . import followup_dates as dates


class CrmFollowupWorkbench(models.AbstractModel):
    """The workbench's line on the visit routes: today's visits in route order, with how many are
    done; a tap opens 在路上 (On the Road) to check in."""

    _inherit = "crm.followup.workbench"

    @api.model
    def get_data(self):
        data = super(CrmFollowupWorkbench, self).get_data()
        data["visits"] = self._todays_visits(self.env.user)
        return data

    @api.model
    def _todays_visits(self, user):
        tz = dates.env_tz(self.env, user)
        visits = self.env["crm.followup.visit"].search([
            ("user_id", "=", user.id), ("date", "=", dates.local_today(self.env, user)), ("state", "!=", "moved")],
            order="sequence, planned_arrival, id")
        states = dict(visits._fields["state"]._description_selection(self.env))
        return {
            "total": len(visits),
            "done": len(visits.filtered(lambda visit: visit.state == "done")),
            "lines": [{
                "partner_id": visit.partner_id.id,
                "name": visit.partner_id.sudo().name,
                "arrival": dates.local_time(visit.planned_arrival, tz),
                "state": visit.state,
                "state_label": states[visit.state],
            } for visit in visits],
        }

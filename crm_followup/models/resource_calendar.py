"""Working calendars (resource.calendar) as the complaints' service levels count on them: the time
zone their hours are in, and the fast working-time clock (sla_clock.py) built from them."""
from odoo import _, api, fields, models
from odoo.addons.base.res.res_partner import _tz_get
from odoo.exceptions import UserError, ValidationError

from . import followup_dates as dates
from .sla_clock import WorkingClock


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    # Odoo 11 reads a calendar's hours in the time zone of whoever computes with it; a deadline
    # must not move with the user who looks at it (Odoo 12 adds the same field).
    tz = fields.Selection(
        _tz_get, string="Time Zone", default=lambda self: self._context.get("tz") or self.env.user.tz or "UTC",
        help="The time zone of the working hours and public holidays, e.g. Asia/Shanghai.")

    @api.constrains("attendance_ids")
    def _check_working_hours(self):
        policies = self.env["crm.followup.complaint.sla.policy"].sudo()
        for calendar in self:
            if not calendar.attendance_ids and policies.search_count([("calendar_id", "=", calendar.id)]):
                raise ValidationError(_(
                    "The working hours %s count the complaints' service levels: give it at least one working "
                    "period, or choose another calendar in the service level policies first.") % calendar.name)

    def _followup_clock(self, first_day):
        """The working-time clock of this calendar from `first_day` (a date) on: its attendances in
        its time zone, less its leaves for everybody (public holidays), read in two queries."""
        self.ensure_one()
        cr = self.env.cr
        cr.execute("""SELECT dayofweek, hour_from, hour_to, date_from, date_to
                        FROM resource_calendar_attendance WHERE calendar_id = %s""", [self.id])
        attendances = cr.fetchall()
        cr.execute("""SELECT date_from, date_to FROM resource_calendar_leaves
                       WHERE calendar_id = %s AND resource_id IS NULL AND date_to >= %s""",
                   [self.id, dates.date_string(first_day)])
        leaves = cr.fetchall()
        return WorkingClock(attendances, leaves, self.tz or "UTC", dates.to_date(first_day), UserError(_(
                "The working hours %s have no working time: the complaints' service levels cannot count on "
                "them. Add working periods to the calendar (Settings > Technical > Working Time) or choose "
                "another calendar in the service level policy.") % self.name))

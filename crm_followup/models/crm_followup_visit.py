from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from . import followup_dates

VISIT_STATES = [
    ("planned", "To Visit"),
    ("checked_in", "Checked In"),
    ("done", "Done"),
    ("missed", "Missed"),
    ("moved", "Moved"),
]
# fields whose change moves the salesperson's calendar event
CALENDAR_FIELDS = ("date", "planned_arrival", "planned_departure", "partner_id", "state")


class CrmFollowupVisit(models.Model):
    """One planned visit to a customer: its day and place in the day's route, its estimated
    arrival, and its entry in the salesperson's calendar (kept in step here, in one place)."""

    _name = "crm.followup.visit"
    _description = "Planned Visit"
    _order = "date, sequence, id"
    # Not crm_followup_visit: Odoo names a field's XML id field_<table>_<field>, and the visit's
    # area_id and plan_id would take the names of the ids of crm.followup.visit.area and .plan
    # (and then get a suffix that changes with every install).
    _table = "crm_followup_visit_stop"

    plan_id = fields.Many2one("crm.followup.visit.plan", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    # the plan's, copied when created (access rules read them; a related field is filled too late)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    date = fields.Date(required=True, index=True)
    sequence = fields.Integer(default=10, help="Order in the day's route.")
    planned_arrival = fields.Datetime()
    planned_departure = fields.Datetime()
    locked = fields.Boolean(
        help="Re-optimising keeps a locked visit on its day (moving a visit by hand locks it).")
    state = fields.Selection(VISIT_STATES, default="planned", required=True, index=True)
    calendar_event_id = fields.Many2one("calendar.event", string="Calendar Event", readonly=True,
                                        ondelete="set null", copy=False)
    km_from_previous = fields.Float(string="km from Previous Stop", digits=(8, 1), readonly=True)
    rolled_from_id = fields.Many2one(
        "crm.followup.visit", string="Rolled Over From", readonly=True, ondelete="set null",
        help="The missed visit of an earlier week this visit makes up for.")
    grade_id = fields.Many2one(related="partner_id.grade_id", readonly=True)
    approximate = fields.Boolean(related="partner_id.followup_geo_approximate", string="Approximate Location")
    area_id = fields.Many2one(related="partner_id.followup_area_id", readonly=True)

    @api.constrains("partner_id", "plan_id", "date", "user_id", "company_id")
    def _check_visit(self):
        for visit in self.sudo():  # the access rules answer for who may, not this check
            plan = visit.plan_id
            if (visit.user_id, visit.company_id) != (plan.user_id, plan.company_id):
                raise ValidationError(_("A visit belongs to its plan's salesperson and company."))
            partner = visit.partner_id.sudo()
            if partner.company_id and partner.company_id != plan.company_id:
                raise ValidationError(_("%s is a customer of another company.") % partner.display_name)
            if partner.commercial_partner_id.user_id != plan.user_id:
                raise ValidationError(_("%(customer)s is not a customer of %(user)s: only the owner visits "
                                        "a customer in a plan.") % {"customer": partner.display_name,
                                                                    "user": plan.user_id.name})
            if not plan.week_start <= visit.date <= followup_dates.shift_date(plan.week_start, 6):
                raise ValidationError(_("The visit to %s is not in the plan's week.") % partner.display_name)

    @api.model
    def create(self, vals):
        plan = self.env["crm.followup.visit.plan"].browse(vals.get("plan_id"))
        vals = dict(vals, user_id=plan.user_id.id, company_id=plan.company_id.id)
        visit = super(CrmFollowupVisit, self).create(vals)
        visit._sync_calendar_events()
        return visit

    def write(self, vals):
        if "date" in vals and not self.env.context.get("followup_visit_planner"):
            # moved by hand: to a working day, and it stays there when the plan is re-optimised
            self._check_working_day(vals["date"])
            vals = dict(vals, locked=vals.get("locked", True))
        result = super(CrmFollowupVisit, self).write(vals)
        if any(name in vals for name in CALENDAR_FIELDS):
            self._sync_calendar_events()
        return result

    def unlink(self):
        self.mapped("calendar_event_id").sudo().with_context(no_mail_to_attendees=True).unlink()
        return super(CrmFollowupVisit, self).unlink()

    def _sync_calendar_events(self):
        """The visit's event in the salesperson's calendar: created, moved or removed with it.
        A moved visit has none (its replacement has); a missed one keeps it (it was planned)."""
        Event = self.env["calendar.event"].sudo().with_context(no_mail_to_attendees=True)
        for visit in self:
            event = visit.calendar_event_id.sudo()
            if visit.state == "moved":
                if event:
                    event.with_context(no_mail_to_attendees=True).unlink()
                continue
            values = visit._calendar_event_values()
            if event:
                event.with_context(no_mail_to_attendees=True).write(values)
            else:
                event = Event.create(values)
                visit.write({"calendar_event_id": event.id})

    def _calendar_event_values(self):
        self.ensure_one()
        partner = self.partner_id.sudo()
        start, stop = self.planned_arrival, self.planned_departure
        if not (start and stop):
            tz = followup_dates.env_tz(self.env, self.user_id)
            morning = tz.localize(datetime.combine(followup_dates.to_date(self.date), time(9, 0)))
            start = followup_dates.datetime_string(morning.astimezone(followup_dates.UTC).replace(tzinfo=None))
            stop = followup_dates.datetime_string(followup_dates.to_datetime(start) + timedelta(minutes=30))
        return {
            "name": _("Visit: %s") % partner.display_name,
            "start": start,
            "stop": stop,
            "allday": False,
            "user_id": self.user_id.id,
            "partner_ids": [(6, 0, self.user_id.partner_id.ids)],
            "location": partner._display_address(without_company=True).replace("\n", " ").strip(),
        }

    def _check_working_day(self, date):
        for plan in self.mapped("plan_id"):
            offset = followup_dates.days_between(plan.week_start + " 00:00:00", date + " 00:00:00")
            if not 0 <= offset <= 6:
                raise UserError(_("%(date)s is not in the week of plan %(plan)s.") % {"date": date, "plan": plan.name})
            if not plan._working_intervals().get(offset):
                raise UserError(_("%(user)s has no working hours left on %(date)s: choose another day.") % {
                    "user": plan.user_id.name, "date": date})

    @api.model
    def _mark_missed(self, today):
        """Visits planned before `today` and never checked in are missed (the next plan of their
        salesperson rolls them forward)."""
        missed = self.sudo().search([("state", "=", "planned"), ("date", "<", today)])
        missed.write({"state": "missed"})
        return missed

    def action_route_day(self):
        """Order the route of the visits' days (button on a visit)."""
        days = {(visit.plan_id, visit.date) for visit in self}
        for plan, date in sorted(days, key=lambda item: (item[0].id, item[1])):
            plan._route_day(date)
        return True

    def action_lock(self):
        self.write({"locked": True})

    def action_unlock(self):
        self.write({"locked": False})

    def action_move_to(self, date):
        """Move the visits to `date` (in their plan's week) and lock them there: re-optimising
        the plan then keeps them on that day."""
        for visit in self:
            if visit.state != "planned":
                raise UserError(_("The visit to %s is no longer planned: it cannot be moved.")
                                % visit.partner_id.display_name)
        self.write({"date": date, "locked": True, "planned_arrival": False, "planned_departure": False})
        return True

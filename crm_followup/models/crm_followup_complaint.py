from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, html_escape

from . import followup_dates as dates
from .crm_followup_complaint_stage import SOLVED_STATES, STAGE_STATES
from .crm_followup_record import check_contact_and_lead
from .crm_followup_reminder import Reminder

SEVERITIES = [
    ("minor", "Minor"),
    ("normal", "Normal"),
    ("serious", "Serious"),
    ("urgent", "Urgent"),
]
# Written once, when the complaint is registered, and never changed afterwards: who complained
# and what the customer was then (its grade and owner), whatever happens to the customer later.
REGISTRATION_FIELDS = ("name", "partner_id", "customer_grade_id", "customer_owner_id", "company_id",
                       "date_registered")
# Kept by the stages: the day a complaint was solved is when it entered a solved stage.
STAGE_FIELDS = ("date_solved",)
# How far ahead a complaint received may be dated (time zones, late entry at night).
FUTURE_TOLERANCE_DAYS = 1


class CrmFollowupComplaint(models.Model):
    """A customer complaint (客户投诉): registered from the customer, the complaints menu or by
    e-mail to the complaints alias, routed to a team and an assignee by the assignment rules,
    worked through the stages until solved with its root cause and resolution."""

    _name = "crm.followup.complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Customer Complaint"
    _order = "date_registered desc, id desc"
    # Not crm_followup_complaint: Odoo names a field's XML id field_<table>_<field>, and the complaint's
    # stage_id, category_id, channel_id and team_id would take the names of the ids of the models
    # crm.followup.complaint.stage, ... (and then get a suffix that changes with every install).
    _table = "crm_followup_complaint_ticket"
    _followup_saved_search_action = "crm_followup.crm_followup_complaint_action"  # saved searches (ir_filters.py)

    def _default_channel(self):
        return self.env["crm.followup.complaint.channel"].search([], limit=1)

    def _default_stage(self):
        stages = self.env["crm.followup.complaint.stage"]
        return stages.search([("state", "=", "new")], limit=1) or stages.search([], limit=1)

    name = fields.Char(string="Complaint No.", required=True, readonly=True, copy=False, default="/", index=True)
    subject = fields.Char(
        required=True, track_visibility="onchange", help="What the customer complains about, in a line.")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="restrict",
        domain="[('parent_id', '=', False), ('customer', '=', True)]", track_visibility="onchange")
    contact_id = fields.Many2one(
        "res.partner", string="Contact Person", index=True, ondelete="set null",
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
        help="The customer's person who complained.")
    channel_id = fields.Many2one(
        "crm.followup.complaint.channel", string="Channel", required=True, ondelete="restrict",
        default=_default_channel)
    category_id = fields.Many2one(
        "crm.followup.complaint.category", string="Category", required=True, ondelete="restrict",
        index=True, track_visibility="onchange")
    severity = fields.Selection(SEVERITIES, required=True, default="normal", track_visibility="onchange")
    description = fields.Text(help="What happened, as the customer tells it.")
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", index=True, ondelete="set null",
        domain="[('partner_id', 'child_of', partner_id)]")
    customer_grade_id = fields.Many2one(
        "crm.followup.grade", string="Grade at Registration", readonly=True, copy=False, ondelete="set null",
        groups="base.group_user",  # not the portal customer's to read
        help="The customer's grade when the complaint was registered.")
    customer_owner_id = fields.Many2one(
        "res.users", string="Owner at Registration", readonly=True, copy=False, ondelete="set null",
        groups="base.group_user",
        help="The customer's owner when the complaint was registered; they were told of it.")
    team_id = fields.Many2one(
        "crm.followup.complaint.team", string="Team", index=True, ondelete="restrict",
        domain="[('company_id', '=', company_id)]", track_visibility="onchange")
    user_id = fields.Many2one("res.users", string="Assignee", index=True, track_visibility="onchange")
    stage_id = fields.Many2one(
        "crm.followup.complaint.stage", string="Stage", required=True, index=True, ondelete="restrict",
        copy=False, default=_default_stage, group_expand="_read_group_stage_ids", track_visibility="onchange")
    state = fields.Selection(STAGE_STATES, related="stage_id.state", store=True, readonly=True, index=True)
    root_cause_id = fields.Many2one(
        "crm.followup.complaint.cause", string="Root Cause", ondelete="restrict", copy=False,
        track_visibility="onchange")
    resolution = fields.Text(copy=False, help="What was done for the customer.")
    resolution_required = fields.Boolean(related="category_id.resolution_required", readonly=True)
    date_registered = fields.Datetime(
        string="Received on", required=True, index=True, copy=False, default=fields.Datetime.now,
        help="When the customer complained.")
    date_solved = fields.Datetime(string="Solved on", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, readonly=True,
        default=lambda self: self.env.user.company_id)

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

    @api.multi
    def name_get(self):
        return [(rec.id, "%s %s" % (rec.name, rec.subject or "")) for rec in self]

    # ---- constraints and onchanges --------------------------------------------------------

    @api.constrains("partner_id", "contact_id", "lead_id")
    def _check_customer(self):
        for rec in self.sudo():  # the opportunity may be a colleague's
            customer = rec.partner_id
            if customer.commercial_partner_id != customer:
                raise ValidationError(_(
                    "%(contact)s is a contact of %(company)s: register the complaint on the company and "
                    "choose the person as its contact.") % {
                        "contact": customer.name, "company": customer.commercial_partner_id.name})
            check_contact_and_lead(rec)

    @api.constrains("company_id", "partner_id", "team_id", "user_id")
    def _check_company(self):
        # sudo: the customer, the team or the assignee may be out of the user's sight
        for rec in self.sudo():
            if rec.partner_id.company_id and rec.company_id != rec.partner_id.company_id:
                raise ValidationError(_("A complaint belongs to its customer's company: choose a customer of %s.")
                                      % rec.company_id.name)
            if rec.team_id and rec.team_id.company_id != rec.company_id:
                raise ValidationError(_("The team %(team)s handles complaints of %(company)s only: choose a team of "
                                        "the customer's company.") % {"team": rec.team_id.name,
                                                                      "company": rec.team_id.company_id.name})
            if rec.user_id and rec.company_id not in rec.user_id.company_ids:
                raise ValidationError(_("%(user)s is not a member of %(company)s and cannot handle its complaints: "
                                        "choose another assignee.") % {"user": rec.user_id.name,
                                                                       "company": rec.company_id.name})

    @api.constrains("team_id", "user_id")
    def _check_assignee_in_team(self):
        for rec in self.sudo():
            if rec.team_id and rec.user_id and rec.user_id not in rec.team_id.member_ids | rec.team_id.leader_id:
                raise ValidationError(_("%(user)s is not a member of the team %(team)s: choose one of its members, "
                                        "or add them to the team first.") % {"user": rec.user_id.name,
                                                                             "team": rec.team_id.name})

    @api.constrains("stage_id", "root_cause_id", "resolution", "category_id")
    def _check_solution(self):
        for rec in self:
            explained = rec.root_cause_id and (rec.resolution or "").strip()
            if rec.category_id.resolution_required and rec.stage_id.state in SOLVED_STATES and not explained:
                raise ValidationError(_(
                    "The complaint %(number)s cannot be %(stage)s without its root cause and resolution: "
                    "fill in both, then move it on.") % {"number": rec.name, "stage": rec.stage_id.name})

    @api.constrains("date_registered")
    def _check_date_registered(self):
        latest = dates.to_datetime(dates.add_days(fields.Datetime.now(), FUTURE_TOLERANCE_DAYS))
        for rec in self:
            if dates.to_datetime(rec.date_registered) > latest:
                received = dates.format_datetime(self.env, rec.date_registered)
                raise ValidationError(_("A complaint cannot be received on %s, in the future: give the date "
                                        "the customer complained.") % received)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        # Picking a person: the complaint is their company's, with the person as contact.
        partner = self.partner_id
        if partner and partner.commercial_partner_id != partner:
            self.contact_id = partner
            self.partner_id = partner.commercial_partner_id
        elif self.contact_id.commercial_partner_id != partner:
            self.contact_id = False
        if self.partner_id.company_id:
            self.company_id = self.partner_id.company_id

    @api.onchange("lead_id")
    def _onchange_lead_id(self):
        if self.lead_id.partner_id and not self.partner_id:
            self.partner_id = self.lead_id.partner_id.commercial_partner_id

    @api.onchange("team_id")
    def _onchange_team_id(self):
        if self.user_id and self.team_id and self.user_id not in self.team_id.member_ids | self.team_id.leader_id:
            self.user_id = False

    # ---- CRUD -------------------------------------------------------------------------------

    @api.model
    def create(self, vals):
        # the defaults first (default_partner_id from the customer form): registration reads them
        vals = self._registration_values(self._add_missing_default_values(vals))
        complaint = super(CrmFollowupComplaint, self).create(vals)
        complaint._tell_owner()
        return complaint

    @api.multi
    def write(self, vals):
        if self._changes_any(vals, REGISTRATION_FIELDS):
            raise UserError(_(
                "The number, customer, company, date received and the customer's grade and owner at registration "
                "of a complaint stay as they were registered: to complain about another customer, cancel this "
                "complaint and register a new one."))
        if self._changes_any(vals, STAGE_FIELDS):
            raise UserError(_("The date a complaint was solved is the day it entered a solved stage: move it to "
                              "that stage instead."))
        if "stage_id" in vals:
            stage = self.env["crm.followup.complaint.stage"].browse(vals["stage_id"])
            if stage.state in SOLVED_STATES:
                # a complaint moved on from solved to closed keeps the day it was solved
                newly_solved = self.filtered(lambda rec: rec.state not in SOLVED_STATES)
                super(CrmFollowupComplaint, newly_solved).write({"date_solved": fields.Datetime.now()})
            else:
                vals = dict(vals, date_solved=False)
        return super(CrmFollowupComplaint, self).write(vals)

    def _changes_any(self, vals, names):
        return any(name in vals and self._fields[name].convert_to_write(rec[name], rec) != vals[name]
                   for name in names for rec in self)

    def _registration_values(self, vals):
        """The values of a complaint being registered: the customer's company (not the current
        one), the customer as it is now (grade, owner), a number, and the team and assignee the
        rules give. Refused for a customer the user may not register a complaint for."""
        customer = self.env["res.partner"].browse(vals.get("partner_id") or [])
        if not customer:
            raise ValidationError(_("A complaint needs the customer who complains: choose the customer."))
        # only a customer the user may see: another company's is refused before anything is written
        customer.check_access_rule("read")
        if customer.commercial_partner_id != customer:
            vals.setdefault("contact_id", customer.id)
            customer = customer.commercial_partner_id
            vals["partner_id"] = customer.id
        snapshot = customer.sudo()
        user = self.env.user
        if not user._followup_is_manager() and snapshot.user_id != user:
            raise UserError(_(
                "%(customer)s is not your customer: its complaints are registered by its owner or a Follow-up "
                "Manager (claim it first if it is in the public pool).") % {"customer": customer.name})
        company = snapshot.company_id or self.env["res.company"].browse(vals.get("company_id")) or user.company_id
        if not company._followup_enabled("complaint"):
            raise UserError(_("Complaints are switched off for %(company)s: no complaint of %(customer)s can be "
                              "registered. An administrator switches them on in Settings > Customer Tracking.")
                            % {"company": company.name, "customer": customer.name})
        received = vals.get("date_registered") or fields.Datetime.now()
        # numbered by the day it was received (TS20261124...), in the user's time zone
        sequence = self.env["ir.sequence"].sudo().with_context(
            force_company=company.id, ir_sequence_date=dates.local_date(received, dates.env_tz(self.env)))
        vals.update(
            company_id=company.id,
            customer_grade_id=snapshot.grade_id.id,
            customer_owner_id=snapshot.user_id.id,
            date_registered=received,
            name=sequence.next_by_code("crm.followup.complaint") or "/",
        )
        stage = self.env["crm.followup.complaint.stage"].browse(vals.get("stage_id") or [])
        if stage.state in SOLVED_STATES:
            vals["date_solved"] = vals.get("date_solved") or fields.Datetime.now()
        else:
            vals["date_solved"] = False
        if not vals.get("team_id"):
            category = self.env["crm.followup.complaint.category"].browse(vals.get("category_id") or [])
            vals["team_id"] = self.env["crm.followup.complaint.rule"]._team_for(customer, category).id
        if vals.get("team_id") and not vals.get("user_id"):
            vals["user_id"] = self.env["crm.followup.complaint.team"].browse(vals["team_id"])._pick_assignee().id
        return vals

    def _tell_owner(self):
        """The customer's owner hears of every complaint about their customer: a reminder on the
        customer (through the one reminder helper), in their language, and they follow the complaint."""
        reminders = self.env["crm.followup.reminder"]
        activity_type = self.env.ref("crm_followup.mail_activity_type_complaint")
        for rec in self.sudo().filtered("customer_owner_id"):
            owner = rec.customer_owner_id
            reminders.create_many(activity_type, [rec.with_context(lang=owner.lang)._owner_reminder(owner)])
            rec.message_subscribe(partner_ids=owner.partner_id.ids)

    def _owner_reminder(self, owner):
        self.ensure_one()
        note = _(
            "%(severity)s complaint about %(category)s, received through %(channel)s; assigned to %(assignee)s.") % {
            "severity": dict(self._fields["severity"]._description_selection(self.env))[self.severity],
            "category": self.category_id.name, "channel": self.channel_id.name,
            "assignee": self.user_id.name or self.team_id.name or _("nobody yet")}
        return Reminder(self.partner_id.id, owner.id, dates.local_today(self.env, owner),
                        _("Complaint %(number)s: %(subject)s") % {"number": self.name, "subject": self.subject},
                        "<p>%s</p>" % html_escape(note))

    # ---- e-mail: the complaints alias (mail.thread) -----------------------------------------

    @api.model
    def _alias_check_contact(self, message, message_dict, alias):
        """Only a customer (or a customer's contact person) of a company with complaints switched on
        complains by e-mail: anybody else, a colleague included, gets the alias's bounce instead of a
        complaint about nobody."""
        author = self.env["res.partner"].sudo().browse(message_dict.get("author_id") or []).commercial_partner_id
        # a colleague's partner counts as a customer in Odoo 11 (customer=True by default): not here
        if (author.customer and not author.user_ids.filtered(lambda user: not user.share)
                and author.company_id._followup_enabled("complaint")):
            return True
        return {
            "error_message": "the sender is not a known customer",
            "error_template": _("<p>Hello,</p><p>We could not register your complaint: the address you wrote "
                                "from is not one of our customers'. Please call us or write from the address "
                                "your company gave us.</p>"),
        }

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A mail to the complaints alias: a complaint of the sender's customer (the sender as its
        contact person), received by e-mail, in the default category; replies go to its chatter."""
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        category = (self.env.ref("crm_followup.crm_followup_complaint_category_other", raise_if_not_found=False)
                    or self.env["crm.followup.complaint.category"].search([], limit=1))
        values = {
            "subject": msg_dict.get("subject") or _("Complaint by e-mail"),
            "partner_id": author.commercial_partner_id.id,
            "contact_id": author.id if author != author.commercial_partner_id else False,
            "description": html2plaintext(msg_dict.get("body") or ""),
            "channel_id": self.env.ref("crm_followup.crm_followup_complaint_channel_email").id,
            "category_id": category.id,
        }
        values.update(custom_values or {})
        return super(CrmFollowupComplaint, self).message_new(msg_dict, custom_values=values)

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from . import followup_dates as dates
from .crm_followup_reminder import Reminder

# How far ahead a follow-up that has taken place may be dated (time zones, late entry at night).
FUTURE_TOLERANCE_DAYS = 1
# The fields whose change moves the customer's stored follow-up figures.
STATS_FIELDS = ("partner_id", "date", "next_followup_date")
# The fields whose change moves the salesperson's reminder.
REMINDER_FIELDS = ("partner_id", "user_id", "next_followup_date")


def check_contact_and_lead(self):
    """A follow-up's or a complaint's contact person and opportunity are its customer's. (`self`:
    the follow-up or complaint; so named because _() takes the language of the `self` of its caller.)"""
    customer = self.partner_id
    if self.contact_id and self.contact_id.commercial_partner_id != customer:
        raise ValidationError(_("The contact %(contact)s does not belong to the customer %(customer)s.")
                              % {"contact": self.contact_id.name, "customer": customer.name})
    if self.lead_id.partner_id and self.lead_id.partner_id.commercial_partner_id != customer:
        raise ValidationError(_("The opportunity %(lead)s is not one of the customer %(customer)s.")
                              % {"lead": self.lead_id.name, "customer": customer.name})


class CrmFollowupRecord(models.Model):
    """One contact with a customer (跟进记录): who, when, how, with what result, and what next."""

    _name = "crm.followup.record"
    _inherit = ["mail.thread"]
    _description = "Follow-up Record"
    _order = "date desc, id desc"
    _followup_saved_search_action = "crm_followup.crm_followup_record_action"  # saved searches (ir_filters.py)

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade",
        domain="[('parent_id', '=', False)]", track_visibility="onchange",
        help="The customer company (commercial entity) that was followed up.")
    contact_id = fields.Many2one(
        "res.partner", string="Contact Person", index=True, ondelete="set null",
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
        help="The customer's contact person who was talked to.")
    lead_id = fields.Many2one(
        "crm.lead", string="Opportunity", index=True, ondelete="set null",
        domain="[('partner_id', 'child_of', partner_id)]")
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, index=True,
        default=lambda self: self.env.user, track_visibility="onchange")
    date = fields.Datetime(required=True, index=True, default=fields.Datetime.now, track_visibility="onchange")
    method_id = fields.Many2one("crm.followup.method", string="Method", required=True, ondelete="restrict")
    result_id = fields.Many2one("crm.followup.result", string="Result", ondelete="restrict")
    is_visit = fields.Boolean(related="method_id.is_visit", readonly=True)
    is_deal = fields.Boolean(related="result_id.is_deal", readonly=True, store=True)
    content = fields.Text(help="What was said and agreed.")
    next_step = fields.Char(help="What to do next, e.g. send the quotation.")
    next_followup_date = fields.Datetime(
        string="Next Follow-up", index=True, track_visibility="onchange",
        help="When to follow up next; the salesperson gets a reminder for it.")
    checkin_latitude = fields.Float(string="Check-in Latitude", digits=(10, 7))
    checkin_longitude = fields.Float(string="Check-in Longitude", digits=(10, 7))
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True,
        default=lambda self: self.env.user.company_id)

    @api.model_cr
    def init(self):
        # The customer figures and the take-back rules aggregate per customer over the dates.
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS crm_followup_record_partner_date_index "
            "ON crm_followup_record (partner_id, date DESC, id DESC)")

    @api.multi
    def name_get(self):
        return [(rec.id, "%s %s" % (rec.partner_id.display_name or "", dates.format_datetime(self.env, rec.date)))
                for rec in self]

    # ---- constraints and onchanges --------------------------------------------------------

    @api.constrains("partner_id", "contact_id", "lead_id")
    def _check_customer(self):
        for rec in self:
            customer = rec.partner_id
            if customer.commercial_partner_id != customer:
                raise ValidationError(_(
                    "%(contact)s is a contact of %(company)s: log the follow-up on the company and "
                    "choose the person as its contact.") % {
                        "contact": customer.name, "company": customer.commercial_partner_id.name})
            check_contact_and_lead(rec)

    @api.constrains("partner_id")
    def _check_not_in_pool(self):
        """A customer waiting in a public pool is followed up by whoever claims it: a follow-up
        without claiming would work the customer while leaving it to anyone."""
        for rec in self:
            customer = rec.partner_id  # read already by _check_customer: no query of its own
            if not customer.user_id and customer.pool_id:
                raise ValidationError(_("%(customer)s is in the public pool %(pool)s: claim it before "
                                        "following it up.") % {"customer": customer.name,
                                                               "pool": customer.pool_id.name})

    @api.constrains("date", "next_followup_date")
    def _check_dates(self):
        latest = dates.add_days(fields.Datetime.now(), FUTURE_TOLERANCE_DAYS)
        for rec in self:
            if dates.to_datetime(rec.date) > dates.to_datetime(latest):
                raise ValidationError(_(
                    "A follow-up that took place cannot be dated %s, in the future: "
                    "plan it as the next follow-up of the last one instead.")
                    % dates.format_datetime(self.env, rec.date))
            if rec.next_followup_date and dates.to_datetime(rec.next_followup_date) <= dates.to_datetime(rec.date):
                raise ValidationError(_("The next follow-up (%(next)s) must come after this follow-up (%(date)s).")
                                      % {"next": dates.format_datetime(self.env, rec.next_followup_date),
                                         "date": dates.format_datetime(self.env, rec.date)})

    @api.constrains("result_id", "content")
    def _check_content(self):
        for rec in self:
            if rec.result_id.requires_content and not (rec.content or "").strip():
                raise ValidationError(_("A follow-up with the result \"%s\" must say what was agreed: "
                                        "fill in the content.") % rec.result_id.name)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        # Picking a person: log it on their company, with the person as contact.
        partner = self.partner_id
        if partner and partner.commercial_partner_id != partner:
            self.contact_id = partner
            self.partner_id = partner.commercial_partner_id
        elif self.contact_id.commercial_partner_id != partner:
            self.contact_id = False

    @api.onchange("lead_id")
    def _onchange_lead_id(self):
        if self.lead_id.partner_id:
            self.partner_id = self.lead_id.partner_id.commercial_partner_id
            if self.lead_id.partner_id != self.partner_id:
                self.contact_id = self.lead_id.partner_id

    # ---- CRUD: keep the customer figures and the reminders right --------------------------

    def _planned_vals(self, vals):
        """vals with the next follow-up as the user meant it (see followup_dates.planned_time)."""
        if vals.get("next_followup_date"):
            vals = dict(vals, next_followup_date=dates.planned_time(vals["next_followup_date"], dates.env_tz(self.env)))
        return vals

    @api.model
    def create(self, vals):
        vals = self._planned_vals(vals)
        self._lock_customers([vals.get("partner_id")])
        record = super(CrmFollowupRecord, self).create(vals)
        if not self.env.context.get("followup_defer_sync"):
            record._after_create()
        return record

    @api.multi
    def write(self, vals):
        vals = self._planned_vals(vals)
        before = self.mapped("partner_id")
        pairs = self._pairs()
        res = super(CrmFollowupRecord, self).write(vals)
        if any(f in vals for f in STATS_FIELDS):
            self._update_customer_stats(before | self.mapped("partner_id"))
        if any(f in vals for f in REMINDER_FIELDS):
            self._sync_reminders(pairs | self._pairs())
        return res

    @api.multi
    def unlink(self):
        customers = self.mapped("partner_id")
        res = super(CrmFollowupRecord, self).unlink()
        self._update_customer_stats(customers)
        return res

    @api.model
    def create_batch(self, vals_list):
        """Create many follow-ups at once (imports, benchmarks): the customers' figures and the
        reminders are brought up to date once for the whole batch. Reminders that the batch
        completes are moved or removed without a "done" message each: the imported follow-ups
        are the record of what was done."""
        # a prefetch set of its own: reads in create() stay within the batch
        deferred = self.with_context(followup_defer_sync=True).with_prefetch()
        records = deferred.browse([deferred.create(vals).id for vals in vals_list])
        records._after_create(quiet=True)
        return records

    def _after_create(self, quiet=False):
        self._update_customer_stats(self.mapped("partner_id"))
        self._sync_reminders(self._pairs(), created=self, quiet=quiet)

    # ---- stored figures on the customer ---------------------------------------------------

    @api.model
    def _lock_customers(self, ids):
        """Follow-ups of one customer are saved one after the other, since each rewrites the
        customer's figures: the row lock queues them, and one whose snapshot predates another's
        commit fails here, before doing any work, with a serialization error that the RPC layer
        retries with a fresh snapshot (expected, so not logged as an error)."""
        ids = sorted({pid for pid in ids if isinstance(pid, int)})
        if ids:
            self.env.cr.execute("SELECT id FROM res_partner WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                                [ids], log_exceptions=False)

    @api.model
    def _update_customer_stats(self, customers):
        """Recompute last_followup_date, followup_count and next_followup_date of these customers
        in one set-based query (the next follow-up is the one planned at the latest follow-up)."""
        ids = [pid for pid in customers.ids if pid]
        if not ids:
            return
        self.env.cr.execute("""
            UPDATE res_partner p
               SET last_followup_date = s.last_date,
                   followup_count = s.cnt,
                   next_followup_date = s.next_date
              FROM (SELECT c.id,
                           MAX(r.date) AS last_date,
                           COUNT(r.id) AS cnt,
                           (ARRAY_AGG(r.next_followup_date ORDER BY r.date DESC, r.id DESC))[1] AS next_date
                      FROM unnest(%s::int[]) AS c(id)
                      LEFT JOIN crm_followup_record r ON r.partner_id = c.id
                     GROUP BY c.id) s
             WHERE p.id = s.id
               AND (p.last_followup_date, p.followup_count, p.next_followup_date)
                   IS DISTINCT FROM (s.last_date, s.cnt, s.next_date)
        """, (ids,), log_exceptions=False)  # a concurrent follow-up: retried, see _lock_customers
        self.env["res.partner"].invalidate_cache(
            ["last_followup_date", "followup_count", "next_followup_date", "followup_due", "lifecycle_suggestion"],
            ids)

    # ---- reminders (mail.activity on the customer, through crm.followup.reminder) ----------

    @api.model
    def _reminder_type(self):
        return self.env.ref("crm_followup.mail_activity_type_followup")

    def _pairs(self):
        return {(rec.partner_id.id, rec.user_id.id) for rec in self}

    @api.model
    def _latest_by_pair(self, pairs):
        """The latest follow-up of each (customer, salesperson) pair."""
        self.env.cr.execute("""
            SELECT DISTINCT ON (partner_id, user_id) partner_id, user_id, id
              FROM crm_followup_record
             WHERE partner_id = ANY(%s) AND user_id = ANY(%s)
             ORDER BY partner_id, user_id, date DESC, id DESC
        """, ([p for p, u in pairs], [u for p, u in pairs]))
        rows = [row for row in self.env.cr.fetchall() if row[:2] in pairs]
        records = self.browse([rid for p, u, rid in rows])  # one prefetch set: one read for all of them
        return {(p, u): rec for (p, u, rid), rec in zip(rows, records)}

    @api.model
    def _sync_reminders(self, pairs, created=None, quiet=False):
        """Keep one reminder per (customer, salesperson): the next follow-up planned at their latest
        follow-up. A newly logged latest follow-up completes the open reminder first (marked done
        with the follow-up as feedback, signed by whoever logged it; `quiet`, for imports: moved or
        removed without a note); clearing the next follow-up date removes it. Set-based whatever
        the number of pairs."""
        pairs = {(p, u) for p, u in pairs if p and u}
        if not pairs:
            return
        reminders = self.env["crm.followup.reminder"]
        latest = self._latest_by_pair(pairs)
        open_reminders = reminders.open_by_pair(self._reminder_type(), pairs)
        latest_records = self.browse([rec.id for rec in latest.values()])
        latest_records.mapped("user_id.tz"), latest_records.mapped("partner_id.name")  # one read each
        done, obsolete, moves, new = {}, [], [], []
        for pair in pairs:
            rec, activity = latest.get(pair), open_reminders.get(pair)
            completed = bool(activity and created and rec in created)
            if completed and not quiet:
                done[activity] = rec.content or rec.result_id.name or rec.method_id.name
                activity = None
            if rec and rec.next_followup_date:
                deadline = rec._user_date(rec.next_followup_date)
                summary = rec.next_step or _("Follow up %s") % rec.partner_id.name
                if activity:
                    moves.append((activity.id, deadline, summary))
                else:
                    new.append(Reminder(pair[0], pair[1], deadline, summary))
            elif activity and (completed or not created):
                obsolete.append(activity.id)
        Activity = self.env["mail.activity"].sudo()
        reminders.close(Activity.browse([a.id for a in done]), {a.id: text for a, text in done.items()})
        reminders.remove(Activity.browse(obsolete))
        reminders.move_many(moves)
        reminders.create_many(self._reminder_type(), new)

    def _user_date(self, value):
        """The salesperson's local date of a UTC datetime (reminders are due on dates)."""
        return dates.local_date(value, dates.tz_of(self.user_id.tz))

    # ---- actions ----------------------------------------------------------------------------

    @api.model
    def _log_action(self, defaults):
        """The form of a new follow-up, in a dialog, with these defaults."""
        context = dict(self.env.context, **{"default_%s" % k: v for k, v in defaults.items() if v})
        return {
            "type": "ir.actions.act_window",
            "name": _("Log Follow-up"),
            "res_model": "crm.followup.record",
            "view_mode": "form",
            "views": [(self.env.ref("crm_followup.crm_followup_record_view_form_dialog").id, "form")],
            "target": "new",
            "context": context,
        }

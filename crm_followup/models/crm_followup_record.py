from datetime import timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .followup_rules import to_datetime

# How far ahead a follow-up that has taken place may be dated (time zones, late entry at night).
FUTURE_TOLERANCE = timedelta(days=1)
# The fields whose change moves the customer's stored follow-up figures.
STATS_FIELDS = ("partner_id", "date", "next_followup_date")
# The fields whose change moves the salesperson's reminder.
REMINDER_FIELDS = ("partner_id", "user_id", "next_followup_date")


class CrmFollowupRecord(models.Model):
    """One contact with a customer (跟进记录): who, when, how, with what result, and what next."""

    _name = "crm.followup.record"
    _inherit = ["mail.thread"]
    _description = "Follow-up Record"
    _order = "date desc, id desc"

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
        return [(rec.id, "%s %s" % (rec.partner_id.display_name or "", (rec.date or "")[:16]))
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
            if rec.contact_id and rec.contact_id.commercial_partner_id != customer:
                raise ValidationError(_("The contact %(contact)s does not belong to the customer %(customer)s.")
                                      % {"contact": rec.contact_id.name, "customer": customer.name})
            if rec.lead_id.partner_id and rec.lead_id.partner_id.commercial_partner_id != customer:
                raise ValidationError(_("The opportunity %(lead)s is not one of the customer %(customer)s.")
                                      % {"lead": rec.lead_id.name, "customer": customer.name})

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
        latest = to_datetime(fields.Datetime.now()) + FUTURE_TOLERANCE
        for rec in self:
            if to_datetime(rec.date) > latest:
                raise ValidationError(_(
                    "A follow-up that took place cannot be dated %s, in the future: "
                    "plan it as the next follow-up of the last one instead.") % rec.date)
            if rec.next_followup_date and rec.next_followup_date <= rec.date:
                raise ValidationError(_("The next follow-up (%(next)s) must come after this follow-up (%(date)s).")
                                      % {"next": rec.next_followup_date, "date": rec.date})

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

    @api.model
    def create(self, vals):
        record = super(CrmFollowupRecord, self).create(vals)
        if not self.env.context.get("followup_defer_sync"):
            record._after_create()
        return record

    @api.multi
    def write(self, vals):
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
        """, (ids,))
        self.env["res.partner"].invalidate_cache(
            ["last_followup_date", "followup_count", "next_followup_date", "followup_due", "lifecycle_suggestion"],
            ids)

    # ---- reminders (mail.activity on the customer) ----------------------------------------

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
    def _open_reminders(self, pairs):
        """The open follow-up reminders of these (customer, salesperson) pairs, by pair."""
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", "res.partner"),
            ("res_id", "in", [p for p, u in pairs]),
            ("user_id", "in", [u for p, u in pairs]),
            ("activity_type_id", "=", self._reminder_type().id),
        ])
        by_pair = {}
        for activity in activities:
            by_pair.setdefault((activity.res_id, activity.user_id.id), activity)
        return by_pair

    @api.model
    def _sync_reminders(self, pairs, created=None, quiet=False):
        """Keep one reminder per (customer, salesperson): the next follow-up planned at their latest
        follow-up. A newly logged latest follow-up completes the open reminder first (marked done
        with the follow-up as feedback; `quiet`: moved or removed without a message); clearing the
        next follow-up date removes it."""
        pairs = {(p, u) for p, u in pairs if p and u}
        if not pairs:
            return
        latest = self._latest_by_pair(pairs)
        reminders = self._open_reminders(pairs)
        if quiet:
            return self._sync_reminders_sql(pairs, latest, reminders, created)
        partner_model = self.env["ir.model"]._get("res.partner")
        obsolete = self.env["mail.activity"].sudo()
        for pair in pairs:
            rec, activity = latest.get(pair), reminders.get(pair)
            if activity and created and rec in created:
                # its own prefetch: posting the "done" message must not re-read the whole batch
                message_id = activity.with_prefetch().action_feedback(
                    feedback=rec.content or rec.result_id.name or rec.method_id.name)
                # closed as superuser (the reminder may be a colleague's), done by whoever logged it
                self.env["mail.message"].sudo().browse(message_id).write(
                    {"author_id": self.env.user.partner_id.id})
                activity = None
            if rec and rec.next_followup_date:
                vals = {
                    "date_deadline": rec._user_date(rec.next_followup_date),
                    "summary": rec.next_step or _("Follow up %s") % rec.partner_id.name,
                }
                if activity:
                    activity.write(vals)
                else:
                    vals.update(res_model_id=partner_model.id, res_id=pair[0], user_id=pair[1],
                                activity_type_id=self._reminder_type().id)
                    self.env["mail.activity"].sudo().create(vals)
            elif activity and not created:
                obsolete |= activity
        obsolete.unlink()

    @api.model
    def _sync_reminders_sql(self, pairs, latest, reminders, created):
        """The batch path of _sync_reminders: the reminders are moved, created and removed with one
        query each, as an SQL import would do (no "done" message, no follower added, no bus
        notification; the activities are plain rows of mail_activity)."""
        moves, inserts, obsolete = [], [], []
        latest_records = self.browse([rec.id for rec in latest.values()])
        latest_records.mapped("user_id.tz"), latest_records.mapped("partner_id.name")  # one read each
        for pair in pairs:
            rec, activity = latest.get(pair), reminders.get(pair)
            if activity and rec in created and not rec.next_followup_date:
                obsolete.append(activity.id)
            elif rec and rec.next_followup_date:
                summary = rec.next_step or _("Follow up %s") % rec.partner_id.name
                row = (rec._user_date(rec.next_followup_date), summary)
                if activity:
                    moves.append((activity.id,) + row)
                else:
                    inserts.append(pair + row)
        cr, uid = self.env.cr, self.env.uid
        if obsolete:
            cr.execute("DELETE FROM mail_activity WHERE id = ANY(%s)", (obsolete,))
        if moves:
            cr.execute("""
                UPDATE mail_activity a
                   SET date_deadline = v.deadline::date, summary = v.summary,
                       write_uid = %s, write_date = now() AT TIME ZONE 'UTC'
                  FROM unnest(%s::int[], %s::text[], %s::text[]) AS v(id, deadline, summary)
                 WHERE a.id = v.id""", [uid] + [list(col) for col in zip(*moves)])
        if inserts:
            cr.execute("""
                INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, user_id,
                                           date_deadline, summary, create_uid, write_uid, create_date, write_date)
                SELECT %s, 'res.partner', v.partner_id, p.display_name, %s, v.user_id, v.deadline::date,
                       v.summary, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM unnest(%s::int[], %s::int[], %s::text[], %s::text[]) AS v(partner_id, user_id, deadline, summary)
                  JOIN res_partner p ON p.id = v.partner_id""",
                       [self.env["ir.model"]._get("res.partner").id, self._reminder_type().id, uid, uid]
                       + [list(col) for col in zip(*inserts)])
        self.env["mail.activity"].invalidate_cache()
        self.env["res.partner"].invalidate_cache(
            ["activity_ids", "activity_state", "activity_date_deadline", "activity_summary",
             "activity_type_id", "activity_user_id"], [p for p, u in pairs])

    def _user_date(self, value):
        """The salesperson's local date of a UTC datetime string (reminders are due on dates)."""
        local = pytz.utc.localize(to_datetime(value)).astimezone(pytz.timezone(self.user_id.tz or "UTC"))
        return fields.Date.to_string(local.date())

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

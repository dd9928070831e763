import html
from collections import namedtuple

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from . import followup_dates as dates

# One reminder to create: on customer (or contact, or the record of create_many's res_model) `res_id`,
# for `user_id`, due on `date_deadline`
# (a date value or date), with a one-line `summary` and an optional HTML `note`; `res_name`, the
# record's display name, if the caller has it already (else read).
Reminder = namedtuple("Reminder", "res_id user_id date_deadline summary note res_name")
Reminder.__new__.__defaults__ = (None, None)

# What a reminder's "done" note is made of, read in one query.
ACTIVITY_COLUMNS = "a.id, a.res_id, a.activity_type_id, a.summary, a.res_model"
# What a customer (or complaint) shows of its reminders (mail.activity.mixin), to drop from the cache.
ACTIVITY_FIELDS = ["activity_ids", "activity_state", "activity_date_deadline", "activity_summary",
                   "activity_type_id", "activity_user_id", "message_ids"]


class CrmFollowupReminder(models.AbstractModel):
    """Reminders on customers (mail.activity on res.partner; complaints for their service levels),
    written one way by every feature:
    follow-ups, the due cadence, birthdays, take-back warnings, take-back / release / claim
    closing, hand-over reassigning, and what comes next.

    Every write is one set-based statement whatever the number of reminders (a take-back closes
    thousands at once; the ORM costs ~20 queries per activity), done as superuser (a reminder may
    be a colleague's) and followed by one cache invalidation. Unlike mail.activity's ORM methods,
    nobody is subscribed to the customer and no bus notification is sent: the reminder itself is
    what the salesperson sees (activity menu, chatter, "My Activities")."""

    _name = "crm.followup.reminder"
    _description = "Customer Reminders"

    # ---- reading ---------------------------------------------------------------------------

    @api.model
    def open_by_pair(self, activity_type, pairs):
        """{(customer id, user id): mail.activity} of the open reminders of this type."""
        pairs = {(p, u) for p, u in pairs if p and u}
        if not pairs:
            return {}
        self.env.cr.execute("""
            SELECT DISTINCT ON (a.res_id, a.user_id) a.res_id, a.user_id, a.id
              FROM mail_activity a
             WHERE a.res_model = 'res.partner' AND a.activity_type_id = %s
               AND a.res_id = ANY(%s) AND a.user_id = ANY(%s)
             ORDER BY a.res_id, a.user_id, a.id
        """, [activity_type.id, sorted({p for p, u in pairs}), sorted({u for p, u in pairs})])
        rows = [row for row in self.env.cr.fetchall() if row[:2] in pairs]
        activities = self.env["mail.activity"].sudo().browse([row[2] for row in rows])
        return {row[:2]: activity for row, activity in zip(rows, activities)}

    @api.model
    def of_former_owners(self, pairs):
        """The reminders that these former owners hold on these customers and their contacts:
        pairs are (customer id, user id)."""
        return self.env["mail.activity"].sudo().browse([row[0] for row in self._former_owner_rows(pairs)])

    @api.model
    def _former_owner_rows(self, pairs):
        pairs = [(p, u) for p, u in pairs if p and u]
        if not pairs:
            return []
        partner_ids = [p for p, u in pairs]
        # the ANY() lets PostgreSQL walk the commercial partner index, not scan every partner
        self.env.cr.execute("SELECT " + ACTIVITY_COLUMNS + """
              FROM res_partner c
              JOIN unnest(%s::int[], %s::int[]) AS m(partner_id, user_id) ON c.commercial_partner_id = m.partner_id
              JOIN mail_activity a ON a.res_model = 'res.partner' AND a.res_id = c.id AND a.user_id = m.user_id
             WHERE c.commercial_partner_id = ANY(%s)
        """, [partner_ids, [u for p, u in pairs], partner_ids])
        return self.env.cr.fetchall()

    # ---- writing -----------------------------------------------------------------------------

    @api.model
    def create_many(self, activity_type, reminders, res_model="res.partner"):
        """Create these reminders (`Reminder` tuples) of one mail.activity.type in one INSERT, on
        records of `res_model` (customers by default; a complaint's service level reminds on the
        complaint); each is named as the ORM names it (the record's display name). Returns their ids."""
        reminders = list(reminders)
        if not reminders:
            return []
        cr, uid, now = self.env.cr, self.env.uid, fields.Datetime.now()
        if res_model == "res.partner" or all(r.res_name for r in reminders):
            names = [r.res_name for r in reminders]  # customers' read in the INSERT
        else:
            records = self.env[res_model].sudo().browse({r.res_id for r in reminders})
            by_id = dict(records.name_get())
            names = [by_id.get(r.res_id) for r in reminders]
        cr.execute("""
            INSERT INTO mail_activity (res_model_id, res_model, res_id, res_name, activity_type_id, user_id,
                                       date_deadline, summary, note,
                                       create_uid, write_uid, create_date, write_date)
            SELECT %s, %s, v.res_id, COALESCE(v.res_name, p.display_name, p.name), %s, v.user_id,
                   v.deadline::date, v.summary, v.note, %s, %s, %s, %s
              FROM unnest(%s::int[], %s::int[], %s::text[], %s::text[], %s::text[], %s::text[])
                   AS v(res_id, user_id, deadline, summary, note, res_name)
              LEFT JOIN res_partner p ON %s = 'res.partner' AND p.id = v.res_id
            RETURNING id""", [
                self.env["ir.model"]._get(res_model).id, res_model, activity_type.id, uid, uid, now, now,
                [r.res_id for r in reminders], [r.user_id for r in reminders],
                [dates.date_string(r.date_deadline) for r in reminders],
                [r.summary for r in reminders], [r.note for r in reminders], names, res_model])
        ids = [row[0] for row in cr.fetchall()]
        self._invalidate([r.res_id for r in reminders], res_model)
        return ids

    @api.model
    def move_many(self, moves):
        """Move reminders: moves are (mail.activity id, new due date, new summary)."""
        moves = list(moves)
        if not moves:
            return
        self.env.cr.execute("""
            UPDATE mail_activity a
               SET date_deadline = v.deadline::date, summary = v.summary, write_uid = %s, write_date = %s
              FROM unnest(%s::int[], %s::text[], %s::text[]) AS v(id, deadline, summary)
             WHERE a.id = v.id
            RETURNING a.res_id""", [self.env.uid, fields.Datetime.now(), [m[0] for m in moves],
                                    [dates.date_string(m[1]) for m in moves], [m[2] for m in moves]])
        self._invalidate([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def reassign(self, pairs, to_user):
        """Hand the reminders that former owners hold on these customers and their contacts
        (pairs: (customer id, former owner id)) to `to_user`."""
        activities = self.of_former_owners(pairs)
        if not activities:
            return
        self.env.cr.execute(
            "UPDATE mail_activity SET user_id = %s, write_uid = %s, write_date = %s WHERE id = ANY(%s)"
            " RETURNING res_id", [to_user.id, self.env.uid, fields.Datetime.now(), activities.ids])
        self._invalidate([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def close(self, activities, feedback, author=None):
        """Close these reminders as mail.activity's "Mark Done" does: a "done" note in the
        chatter of each record ("<type>: <summary>" and the feedback: a text, or a dict of texts
        by activity id), signed by `author` (a res.partner; default: the current user), then the
        reminders are removed. Followers are not notified of these notes."""
        if not activities:
            return
        self.env.cr.execute("SELECT " + ACTIVITY_COLUMNS + " FROM mail_activity a WHERE a.id = ANY(%s)",
                            [activities.ids])
        self._close_rows(self.env.cr.fetchall(), feedback, author)

    @api.model
    def close_of_former_owners(self, pairs, feedback, author=None):
        """Close (with a note) the reminders that former owners hold on these customers and
        their contacts: pairs are (customer id, former owner id). Take-back, release, claim."""
        self._close_rows(self._former_owner_rows(pairs), feedback, author)

    @api.model
    def _close_rows(self, rows, feedback, author):
        if not rows:
            return
        # the type's name in the reader's language
        types = self.env["mail.activity.type"].sudo().browse({r[2] for r in rows if r[2]})
        names = {t.id: t.name for t in types}
        texts = feedback if isinstance(feedback, dict) else {}
        bodies = ["<p><b>%s</b>%s</p><p>%s</p>" % (
            html_escape(names.get(type_id) or _("Reminder")),
            (": " + html_escape(summary)) if summary else "",
            html_escape((texts.get(activity_id) if texts else feedback) or ""))
            for activity_id, _res_id, type_id, summary, _model in rows]
        now = fields.Datetime.now()
        self.env.cr.execute("""
            INSERT INTO mail_message (model, res_id, mail_activity_type_id, body, message_type, subtype_id,
                                      author_id, date, create_uid, write_uid, create_date, write_date)
            SELECT m.model, m.res_id, m.type_id, m.body, 'notification', %s, %s, %s, %s, %s, %s, %s
              FROM unnest(%s::text[], %s::int[], %s::int[], %s::text[]) AS m(model, res_id, type_id, body)
        """, [self.env.ref("mail.mt_activities").id, (author or self.env.user.partner_id).id, now,
              self.env.uid, self.env.uid, now, now,
              [r[4] for r in rows], [r[1] for r in rows], [r[2] for r in rows], bodies])
        self.env["mail.message"].invalidate_cache()
        self.remove(self.env["mail.activity"].sudo().browse([r[0] for r in rows]))

    @api.model
    def remove(self, activities):
        """Remove these reminders without a note (they no longer apply)."""
        if not activities:
            return
        self.env.cr.execute("DELETE FROM mail_activity WHERE id = ANY(%s) RETURNING res_id", [activities.ids])
        self.env["mail.activity"].invalidate_cache(ids=activities.ids)
        self._invalidate([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _invalidate(self, res_ids, res_model="res.partner"):
        self.env["mail.activity"].invalidate_cache()
        self.env[res_model].invalidate_cache(ACTIVITY_FIELDS, list(set(res_ids)))


class MailActivity(models.Model):
    """A follow-up reminder is done when the follow-up is logged: "Mark Done" asks for the
    follow-up (method, result, what was said) instead of writing a note that looks like one
    while the customer's figures stay put and the customer keeps ageing toward take-back."""

    _inherit = "mail.activity"

    def _followup_reminders(self):
        followup_type = self.env.ref("crm_followup.mail_activity_type_followup")
        return self.filtered(lambda a: a.activity_type_id == followup_type and a.res_model == "res.partner")

    def action_feedback(self, feedback=False):
        reminders = self._followup_reminders()
        if reminders:
            raise UserError(_(
                "The follow-up reminder of %s is done by logging the follow-up: click Log Follow-up on "
                "the customer (or Mark Done in its chatter), give the method and the result, and the "
                "reminder closes with it.") % ", ".join(reminders.mapped("res_name")))
        return super(MailActivity, self).action_feedback(feedback=feedback)

    def action_followup_log(self, feedback=False):
        """The web client's "Mark Done": for a follow-up reminder, the Log Follow-up dialog for its
        customer and salesperson, with the feedback typed so far as content (the reminder closes
        when the follow-up is saved); False for other reminders (marked done as usual)."""
        self.ensure_one()
        if not self._followup_reminders():
            return False
        customer = self.env["res.partner"].browse(self.res_id).commercial_partner_id
        return self.env["crm.followup.record"]._log_action({
            "partner_id": customer.id,
            "contact_id": self.res_id if self.res_id != customer.id else False,
            "user_id": self.user_id.id,
            "content": html.unescape(feedback) if feedback else False,
        })

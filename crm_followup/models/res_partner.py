from odoo import api, fields, models
from odoo import _
from odoo.exceptions import UserError

from . import followup_dates as dates
from .crm_followup_reminder import Reminder
from .crm_lead import WON_LEAD_SQL
from .followup_cron import commit_batch
from .followup_rules import RECENT_DAYS, birthday_occurrence, birthday_window_keys, suggest_lifecycle

DEFAULT_INTERVAL = 30  # days, for customers without a grade


LIFECYCLE_STAGES = [
    ("acquisition", "Acquisition"),
    ("growth", "Growth"),
    ("maturity", "Maturity"),
    ("decline", "Decline"),
    ("departure", "Departure"),
]


class ResPartner(models.Model):
    """Customer archive (客户档案): the fields live on the commercial entity (the company);
    contacts follow their company."""

    _inherit = "res.partner"

    # Odoo 11 does not index the owner; every list, rule and take-back here filters on it.
    user_id = fields.Many2one(index=True)
    grade_id = fields.Many2one(
        "crm.followup.grade", index=True, track_visibility="onchange",
        domain="[('company_id', 'in', [company_id, False])]")
    lifecycle_stage = fields.Selection(LIFECYCLE_STAGES, track_visibility="onchange")
    source_id = fields.Many2one("utm.source", string="Source Channel")
    company_size = fields.Selection([
        ("1_20", "1-20 people"),
        ("21_100", "21-100 people"),
        ("101_500", "101-500 people"),
        ("501_plus", "More than 500 people"),
    ])
    main_needs = fields.Text()
    birthday = fields.Date()
    date_owner_received = fields.Datetime(
        string="Owner Since", readonly=True, copy=False, index=True,
        help="When the current salesperson received this customer; take-back periods count from here.")
    # Maintained by crm.followup.record in one set-based query per batch (not computed fields,
    # so that the public pool's take-back SQL can read them directly and cheaply).
    last_followup_date = fields.Datetime(string="Last Follow-up", readonly=True, copy=False, index=True)
    next_followup_date = fields.Datetime(string="Next Follow-up", readonly=True, copy=False, index=True)
    followup_count = fields.Integer(string="Follow-ups", readonly=True, copy=False)

    # ---- follow-up records (跟进记录) -------------------------------------------------------

    followup_ids = fields.One2many("crm.followup.record", "partner_id", string="Follow-up Records")
    followup_due = fields.Boolean(
        string="Due for Follow-up", compute="_compute_followup_due", search="_search_followup_due",
        help="The last follow-up (or, if later, the date the owner received the customer) is older "
             "than the grade's follow-up interval.")
    # The same list, not a callable: Odoo translates only a list's labels.
    lifecycle_suggestion = fields.Selection(
        LIFECYCLE_STAGES, string="Suggested Stage",
        compute="_compute_lifecycle_suggestion",
        help="Suggested from the follow-up and won-opportunity history; apply it with the button.")
    contact_count = fields.Integer(compute="_compute_related_counts", string="Contacts")
    related_company_count = fields.Integer(compute="_compute_related_counts", string="Related Companies")
    birthday_reminded_year = fields.Integer(
        readonly=True, copy=False, help="Year of the last birthday the owner was reminded of.")

    @api.model
    def _followup_due_query(self, now, ids=None, owned_without_reminder=False, company_ids=None, user_id=None,
                            with_since=False):
        """SQL (query, params) selecting the ids of the customers due for follow-up at `now`:
        counted from the later of the last follow-up and the date the owner received the customer
        (its creation if neither), against its grade's interval; of the companies `company_ids` if
        given. `user_id`: only that owner's; `with_since`: also the moment each became due (second
        column)."""
        query = """
            SELECT p.id{since}
              FROM res_partner p
              JOIN crm_followup_grade g ON g.id = p.grade_id
             WHERE p.active AND p.id = p.commercial_partner_id
               AND COALESCE(GREATEST(p.last_followup_date, p.date_owner_received), p.create_date)
                   < %s::timestamp - make_interval(days => g.followup_interval)""".format(
            since=", COALESCE(GREATEST(p.last_followup_date, p.date_owner_received), p.create_date)"
                  " + make_interval(days => g.followup_interval)" if with_since else "")
        params = [now]
        if user_id:
            query += " AND p.user_id = %s"
            params.append(user_id)
        if ids is not None:
            query += " AND p.id = ANY(%s)"
            params.append(list(ids))
        if company_ids is not None:
            query += " AND p.company_id = ANY(%s)"
            params.append(list(company_ids))
        if owned_without_reminder:
            query += """
               AND p.user_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                WHERE a.res_model = 'res.partner' AND a.res_id = p.id
                                  AND a.user_id = p.user_id AND a.activity_type_id = %s)"""
            params.append(self.env.ref("crm_followup.mail_activity_type_followup").id)
        return query, params

    @api.depends("last_followup_date", "date_owner_received", "grade_id.followup_interval")
    def _compute_followup_due(self):
        ids = [pid for pid in self.ids if pid]
        due = set()
        if ids:
            self.env.cr.execute(*self._followup_due_query(fields.Datetime.now(), ids=ids))
            due = {row[0] for row in self.env.cr.fetchall()}
        for partner in self:
            partner.followup_due = partner.id in due

    def _search_followup_due(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on \"Due for follow-up\"."))
        # a sub-select, not a list of ids: the filter stays one query however many are due
        query, params = self._followup_due_query(fields.Datetime.now())
        return [("id", "inselect" if (operator == "=") == bool(value) else "not inselect", (query, params))]

    @api.depends("followup_count", "last_followup_date", "grade_id")
    def _compute_lifecycle_suggestion(self):
        """See followup_rules.suggest_lifecycle for the rule; the history comes from two grouped
        reads whatever the number of customers."""
        customers = self.filtered(lambda p: p.id and p.commercial_partner_id == p)
        for partner in self - customers:
            partner.lifecycle_suggestion = False
        if not customers:
            return
        now = fields.Datetime.now()
        recent = dates.add_days(now, -RECENT_DAYS)
        previous = dates.add_days(now, -2 * RECENT_DAYS)
        self.env.cr.execute("""
            SELECT partner_id,
                   COUNT(*) FILTER (WHERE date >= %s),
                   COUNT(*) FILTER (WHERE date >= %s AND date < %s)
              FROM crm_followup_record WHERE partner_id = ANY(%s) GROUP BY partner_id
        """, (recent, previous, recent, customers.ids))
        counts = {pid: (r, p) for pid, r, p in self.env.cr.fetchall()}
        self.env.cr.execute("""
            SELECT c.commercial_partner_id, COUNT(*), MAX(COALESCE(l.date_closed, l.date_last_stage_update))
              FROM crm_lead l
              JOIN res_partner c ON c.id = l.partner_id
             WHERE """ + WON_LEAD_SQL + """
               AND c.commercial_partner_id = ANY(%s)
             GROUP BY c.commercial_partner_id
        """, (customers.ids,))
        won = {pid: (n, last) for pid, n, last in self.env.cr.fetchall()}
        for partner in customers:
            won_count, last_won = won.get(partner.id, (0, None))
            recent_count, previous_count = counts.get(partner.id, (0, 0))
            partner.lifecycle_suggestion = suggest_lifecycle(
                dates.to_datetime(now), partner.grade_id.followup_interval or DEFAULT_INTERVAL, won_count,
                dates.to_datetime(last_won), dates.to_datetime(partner.last_followup_date), recent_count,
                previous_count)

    def _compute_related_counts(self):
        related = self._related_companies_by_partner()
        for partner in self:
            partner.contact_count = len(partner.child_ids.filtered(lambda c: not c.is_company))
            partner.related_company_count = len(related[partner.id])

    def _related_companies(self):
        """Parent and child companies of a group (关联单位) that the user may open."""
        self.ensure_one()
        return self._related_companies_by_partner()[self.id]

    def _related_companies_by_partner(self):
        """{partner id: its related companies that the user may open}, in one search. Subsidiaries
        of a group are often handled by different salespeople: the parent of a customer may be a
        colleague's, which the user sees by name on the form (parent_id) but may not read, so it
        is neither read here (only its id) nor counted."""
        linked = {partner.id: set(partner.parent_id.ids + partner.child_ids.ids) - {partner.id}
                  for partner in self}
        visible = self.search([("id", "in", list(set().union(*linked.values()))), ("is_company", "=", True)])
        return {pid: visible.filtered(lambda c, ids=ids: c.id in ids) for pid, ids in linked.items()}

    # ---- follow-up actions ----------------------------------------------------------------

    def action_log_followup(self):
        self.ensure_one()
        customer = self.commercial_partner_id
        return self.env["crm.followup.record"]._log_action({
            "partner_id": customer.id,
            "contact_id": self.id if self != customer else False,
        })

    def action_log_call(self):
        """Log Follow-up with the method "Phone" filled in: one tap after calling the customer
        (the button beside the number). Without that method (archived), the method is left open."""
        self.ensure_one()
        phone = self.env.ref("crm_followup.crm_followup_method_phone", raise_if_not_found=False)
        partner = self.with_context(default_method_id=phone.id) if phone and phone.active else self
        return partner.action_log_followup()

    def action_view_followups(self):
        self.ensure_one()
        action = self.env.ref("crm_followup.crm_followup_record_action").read()[0]
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_view_contacts(self):
        self.ensure_one()
        return self._partner_list_action(_("Contacts"), [("parent_id", "=", self.id), ("is_company", "=", False)],
                                         {"default_parent_id": self.id, "default_type": "contact"})

    def action_view_related_companies(self):
        self.ensure_one()
        return self._partner_list_action(_("Related Companies"), [("id", "in", self._related_companies().ids)],
                                         {"default_parent_id": self.id, "default_is_company": True})

    def _partner_list_action(self, name, domain, context):
        return {"type": "ir.actions.act_window", "name": name, "res_model": "res.partner",
                "view_mode": "tree,form", "domain": domain, "context": context}

    def action_apply_lifecycle_suggestion(self):
        for partner in self.filtered("lifecycle_suggestion"):
            if partner.lifecycle_stage != partner.lifecycle_suggestion:
                partner.lifecycle_stage = partner.lifecycle_suggestion
        return True

    # ---- scheduled reminders --------------------------------------------------------------

    @api.model
    def _cron_followup_due_reminders(self, date_ref=None):
        """Daily: remind the owners of the customers found by _due_reminder_customers."""
        now = date_ref or fields.Datetime.now()
        return self._due_reminder_customers(now)._create_due_reminders(now, commit=True)

    @api.model
    def _due_reminder_customers(self, now):
        """The owned customers due for follow-up at `now` that have no open cadence reminder for
        their owner (so running the cron twice creates nothing new), in the companies with cadence
        reminders switched on, in id order."""
        companies = self.env["res.company"]._followup_companies_with("cadence")
        self.env.cr.execute(*self._followup_due_query(now, owned_without_reminder=True, company_ids=companies.ids))
        return self.browse(sorted(row[0] for row in self.env.cr.fetchall()))

    def _create_due_reminders(self, now, batch_size=500, commit=False):
        """One cadence reminder per owned customer for its owner, `batch_size` customers at a time
        (committed after each with `commit`, from the cron). Returns the number of customers."""
        for start in range(0, len(self), batch_size):
            self[start:start + batch_size]._create_due_reminders_batch(now)
            if commit:
                commit_batch(self.env)
        return len(self)

    def _create_due_reminders_batch(self, now):
        """One reminder per owned customer for its owner, due today in the owner's time zone,
        its summary in the owner's language."""
        owned = self.filtered("user_id")
        owned.mapped("user_id.lang"), owned.mapped("grade_id.code")  # one read each
        self.env["crm.followup.reminder"].create_many(
            self.env.ref("crm_followup.mail_activity_type_followup"),
            [Reminder(partner.id, partner.user_id.id, dates.local_date(now, dates.tz_of(partner.user_id.tz)),
                      partner.with_context(lang=partner.user_id.lang)._due_reminder_summary())
             for partner in owned])

    def _due_reminder_summary(self):
        return _("Due for follow-up: grade %(grade)s, every %(days)s days") % {
            "grade": self.grade_id.code, "days": self.grade_id.followup_interval}

    @api.model
    def _cron_birthday_reminders(self, date_ref=None):
        """Daily: remind the owners of the birthdays found by _birthday_reminders_due."""
        today = dates.to_date(date_ref) or dates.to_date(dates.local_today(self.env))
        due = self._birthday_reminders_due(today)
        self._create_birthday_reminders(due)
        return len(due)

    @api.model
    def _birthday_reminders_due(self, today):
        """(contact id, customer id, owner id, date of the birthday) of the birthdays to remind the
        owners of on `today`: N days (the customer's company's lead time) before the birthday of a
        contact of an owned customer, once per birthday (the year reminded is kept on the contact),
        in the companies with birthday reminders switched on."""
        companies = self.env["res.company"]._followup_companies_with("birthday")
        if not companies:
            return []
        horizon = max(companies.mapped("followup_birthday_days"))
        return [(contact_id, customer_id, user_id, occurrence)
                for contact_id, occurrence, reminded, customer_id, user_id, days
                in self._followup_birthdays(today, horizon, company_ids=companies.ids)
                if (occurrence - today).days <= days and reminded < occurrence.year]

    @api.model
    def _followup_birthdays(self, today, horizon, user_id=None, company_ids=None):
        """(contact id, date of its next birthday, year last reminded, customer id, owner id, the
        customer's company's lead time in days) of the contacts and individual customers whose
        birthday falls within `horizon` days from `today` (dates), of owned customers (of
        `user_id` only if given; of the companies `company_ids` if given), in one query."""
        query = """
            SELECT c.id, c.birthday, COALESCE(c.birthday_reminded_year, 0), cp.id, u.id, co.followup_birthday_days
              FROM res_partner c
              JOIN res_partner cp ON cp.id = c.commercial_partner_id
              JOIN res_users u ON u.id = cp.user_id
              JOIN res_company co ON co.id = cp.company_id
             WHERE c.active AND c.birthday IS NOT NULL AND u.active
               AND to_char(c.birthday, 'MM-DD') IN %s"""
        params = [tuple(birthday_window_keys(today, horizon))]
        if user_id:
            query += " AND cp.user_id = %s"
            params.append(user_id)
        if company_ids is not None:
            query += " AND co.id = ANY(%s)"
            params.append(list(company_ids))
        self.env.cr.execute(query, params)
        return [(contact_id, birthday_occurrence(dates.to_date(birthday), today), reminded, customer_id, user_id,
                 days) for contact_id, birthday, reminded, customer_id, user_id, days in self.env.cr.fetchall()]

    @api.model
    def _create_birthday_reminders(self, due):
        """due: (contact id, customer id, owner id, date of the birthday); the summary is in the
        owner's language and date format."""
        users = self.env["res.users"].browse({d[2] for d in due})
        users.mapped("lang")  # one read
        contacts = self.browse([d[0] for d in due])
        contacts.mapped("name")
        self.env["crm.followup.reminder"].create_many(
            self.env.ref("crm_followup.mail_activity_type_birthday"),
            [Reminder(customer_id, user_id, occurrence, self.with_context(lang=users.browse(user_id).lang)
                      ._birthday_summary(self.browse(contact_id).name, occurrence))
             for contact_id, customer_id, user_id, occurrence in due])
        if due:
            self.env.cr.execute("""
                UPDATE res_partner p SET birthday_reminded_year = d.year
                  FROM unnest(%s::int[], %s::int[]) AS d(id, year) WHERE p.id = d.id
            """, ([d[0] for d in due], [d[3].year for d in due]))
            self.invalidate_cache(["birthday_reminded_year"], [d[0] for d in due])

    @api.model
    def _birthday_summary(self, name, occurrence):
        """In the language of this environment (the owner's), e.g. 李娜 的生日（2026年11月27日）."""
        return _("Birthday of %(name)s on %(day)s") % {"name": name, "day": dates.format_date(self.env, occurrence)}

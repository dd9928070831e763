from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import column_exists, create_column, plaintext2html

from .partner_keys import email_key, name_key, phone_key

# (stored key field, source field, normaliser)
KEY_FIELDS = (
    ("name_key", "name", name_key),
    ("phone_key", "phone", phone_key),
    ("mobile_key", "mobile", phone_key),
    ("email_key", "email", email_key),
)
KEY_NAMES = frozenset(key for key, _source, _normalise in KEY_FIELDS)
# Writing one of these can turn a partner into a duplicate customer.
WATCHED_FIELDS = {"name", "phone", "mobile", "email", "is_company", "customer", "parent_id", "company_id",
                  "active"}
FILL_BATCH = 20000
MANAGER_GROUP = "crm_followup.crm_followup_group_manager"


class DuplicateCustomerError(UserError):
    """A customer that already exists: refused on create, write and import."""


class ResPartner(models.Model):
    """Duplicate check (查重, 撞单保护): normalised, indexed keys of each partner's name, phone,
    mobile and e-mail (see partner_keys); a customer whose keys match another customer of the
    company or one of its contacts is refused on create, write and import, unless a Follow-up
    Manager gives a reason (logged in its chatter); the form warns while it is typed, naming the
    owner or the pool of the existing customer, never its contact data."""

    _inherit = "res.partner"

    # Technical: read in SQL by the duplicate check (and a search by phone), never shown; reading
    # or searching them through the ORM is refused to users (check_field_access_rights,
    # _where_calc). Not `groups=`: the ORM's own recompute would then be refused to write them.
    name_key = fields.Char(compute="_compute_duplicate_keys", store=True, index=True, prefetch=False,
                           string="Name Key", help="The name without legal form, spaces, punctuation and case.")
    phone_key = fields.Char(compute="_compute_duplicate_keys", store=True, index=True, prefetch=False,
                            string="Phone Key", help="The phone number's digits in national form.")
    mobile_key = fields.Char(compute="_compute_duplicate_keys", store=True, index=True, prefetch=False,
                             string="Mobile Key", help="The mobile number's digits in national form.")
    email_key = fields.Char(compute="_compute_duplicate_keys", store=True, index=True, prefetch=False,
                            string="E-mail Key", help="The e-mail address in lower case.")
    duplicate_reason = fields.Char(
        compute="_compute_duplicate_reason", inverse="_inverse_duplicate_reason", string="Reason for Duplicate",
        help="Follow-up Managers only: why this customer is saved although it matches an existing one "
             "(logged in its history).")

    @api.depends("name", "phone", "mobile", "email")
    def _compute_duplicate_keys(self):
        for partner in self:
            for key, source, normalise in KEY_FIELDS:
                partner[key] = normalise(partner[source])

    def _compute_duplicate_reason(self):
        for partner in self:
            partner.duplicate_reason = False

    def _inverse_duplicate_reason(self):
        """Consumed by create and write (popped from the values) before the ORM gets here."""

    # ---- the check --------------------------------------------------------------------------

    @api.model
    def _duplicate_keys_of(self, values):
        """{'name': key, 'phone': {keys}, 'email': key} of a customer's values (a record or a dict
        with name, phone, mobile and email).
        A name is compared with existing companies only (see _duplicate_find_query): two people may
        share a name; a person named like a company (a quick create from a many2one) may not."""
        return {
            "name": name_key(values["name"]),
            "phone": {k for k in (phone_key(values["phone"]), phone_key(values["mobile"])) if k},
            "email": email_key(values["email"]),
        }

    @staticmethod
    def _duplicate_added(keys, old):
        """The keys among `keys` that `old` (the keys before an edit; None for a new customer)
        did not have: an old duplicate does not block editing its address."""
        if not old:
            return keys
        return {"name": keys["name"] if keys["name"] != old["name"] else False,
                "phone": keys["phone"] - old["phone"],
                "email": keys["email"] if keys["email"] != old["email"] else False}

    @api.model
    def _duplicate_find(self, keys, company_id, exclude_id=None):
        """Existing customers of the company matching `keys` on themselves or one of their contacts,
        in one query over the indexed keys: [(customer id, owner id, pool id, {matched kinds})]."""
        if not (keys["name"] or keys["phone"] or keys["email"]):
            return []
        self.env.cr.execute(*self._duplicate_find_query(keys, company_id, exclude_id))
        kinds = ("name", "phone", "email")
        return [(cid, uid, pid, {k for k, hit in zip(kinds, hits) if hit})
                for cid, uid, pid, *hits in self.env.cr.fetchall()]

    @api.model
    def _duplicate_find_query(self, keys, company_id, exclude_id=None):
        """(query, params) of _duplicate_find: the matching partners first, each OR branch one
        index scan (MATERIALIZED: the LIMIT must not tempt the planner into walking customers in
        id order), then their customers."""
        return """
            WITH hit AS MATERIALIZED (
                SELECT p.commercial_partner_id AS customer_id,
                       p.is_company AND p.name_key = %(name)s AS same_name,
                       p.phone_key = ANY(%(phones)s) OR p.mobile_key = ANY(%(phones)s) AS same_phone,
                       p.email_key = %(email)s AS same_email
                  FROM res_partner p
                 WHERE ((p.is_company AND p.name_key = %(name)s) OR p.phone_key = ANY(%(phones)s)
                        OR p.mobile_key = ANY(%(phones)s) OR p.email_key = %(email)s)
                   AND p.active)
            SELECT cp.id, cp.user_id, cp.pool_id, bool_or(h.same_name), bool_or(h.same_phone), bool_or(h.same_email)
              FROM hit h
              JOIN res_partner cp ON cp.id = h.customer_id
             WHERE cp.active AND cp.customer
               AND cp.company_id IS NOT DISTINCT FROM %(company)s
               AND cp.id IS DISTINCT FROM %(exclude)s
               AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = cp.id)
             GROUP BY cp.id ORDER BY cp.id LIMIT 5
        """, {"name": keys["name"] or None, "phones": sorted(keys["phone"]), "email": keys["email"] or None,
              "company": company_id or None, "exclude": exclude_id}

    @api.model
    def _duplicate_message(self, matches):
        """Who owns each existing customer, or which pool it waits in; the customer's name only
        when the user may read it, its contact data never."""
        kinds = {"name": _("same name"), "phone": _("same phone number"), "email": _("same e-mail")}
        readable = self.with_context(active_test=False).search([("id", "in", [m[0] for m in matches])])
        lines = [_("This customer already exists:")]
        for customer_id, owner_id, pool_id, matched in matches:
            customer = self.sudo().browse(customer_id)
            values = {
                "customer": customer.name if customer in readable else _("a customer"),
                "matched": ", ".join(kinds[k] for k in ("name", "phone", "email") if k in matched),
                "owner": self.env["res.users"].sudo().browse(owner_id).name,
                "pool": self.env["crm.followup.pool"].sudo().browse(pool_id).name,
            }
            if owner_id == self.env.uid:
                line = _("- %(customer)s (%(matched)s) is already your customer.")
            elif owner_id:
                line = _("- %(customer)s (%(matched)s) belongs to %(owner)s.")
            elif pool_id:
                line = _("- %(customer)s (%(matched)s) is in the public pool %(pool)s: claim it there.")
            else:
                line = _("- %(customer)s (%(matched)s) has no owner.")
            lines.append(line % values)
        return "\n".join(lines)

    def _duplicate_check(self, new_keys, reason):
        """Refuse this customer if its new keys match another customer, unless a Follow-up Manager
        gives a reason, which is logged in its chatter. The group is checked here, not in the view:
        a salesperson sending a reason over RPC is refused like one who sends none."""
        self.ensure_one()
        matches = self._duplicate_find(new_keys, self.company_id.id, exclude_id=self.id)
        if not matches:
            return
        message = self._duplicate_message(matches)
        if not (reason and self.env.user.has_group(MANAGER_GROUP)):
            error = DuplicateCustomerError(message + "\n" + _(
                "Open the existing customer instead of creating it again. Only a Follow-up Manager may "
                "save a duplicate, giving the reason in \"Reason for Duplicate\"."))
            refused = self.env.context.get("duplicate_import_errors")
            if refused is not None:
                refused.append(error)  # for load() to report it as it is
            raise error
        body = _("Saved although it matches an existing customer. Reason: %(reason)s\n%(message)s") % {
            "reason": reason, "message": message}
        self.message_post(body=plaintext2html(body), subtype="mail.mt_note")

    def _duplicate_checked(self):
        """The customers (not contacts) among these partners whose keys the check compares."""
        return self.filtered(lambda p: p.active and p.is_followup_customer)

    # ---- every path that makes a customer ---------------------------------------------------

    @api.model
    def create(self, vals):
        vals = self._duplicate_clean_vals(vals)
        reason = vals.pop("duplicate_reason", None)
        partner = super(ResPartner, self).create(vals)
        if self.env.uid != SUPERUSER_ID and partner._duplicate_checked():
            partner._duplicate_check(self._duplicate_keys_of(partner), reason)
        return partner

    def write(self, vals):
        vals = self._duplicate_clean_vals(vals)
        reason = vals.pop("duplicate_reason", None)
        if self.env.uid == SUPERUSER_ID or not WATCHED_FIELDS & set(vals):
            return super(ResPartner, self).write(vals)
        before = {p.id: self._duplicate_keys_of(p) for p in self._duplicate_checked()}
        result = super(ResPartner, self).write(vals)
        for partner in self._duplicate_checked():
            # only what the write brought in: an old duplicate does not block editing its address
            partner._duplicate_check(self._duplicate_added(self._duplicate_keys_of(partner), before.get(partner.id)),
                                     reason)
        return result

    @api.model
    def _duplicate_clean_vals(self, vals):
        """The keys are the ORM's to compute: a value sent for them is dropped."""
        return {k: v for k, v in vals.items() if k not in KEY_NAMES}

    @api.onchange("name", "phone", "mobile", "email", "is_company", "customer", "parent_id")
    def _onchange_duplicate_warning(self):
        """Warn while the customer is typed (same message as the refusal, no contact data)."""
        if self.env.uid == SUPERUSER_ID or not self.is_followup_customer:
            return None
        origin = getattr(self, "_origin", None)
        origin = origin if origin and origin.id else None
        keys = self._duplicate_added(self._duplicate_keys_of(self), origin and self._duplicate_keys_of(origin))
        matches = self._duplicate_find(keys, self.company_id.id, exclude_id=origin.id if origin else None)
        if not matches:
            return None
        return {"warning": {"title": _("Duplicate customer"), "message": self._duplicate_message(matches)}}

    @api.model
    def load(self, fields, data):
        """Import: Odoo tries every row and, if any is refused, imports none and lists every error
        with its row; a duplicate row is reported with its own message instead of "Unknown error"."""
        refused = []
        result = super(ResPartner, self.with_context(duplicate_import_errors=refused)).load(fields, data)
        texts = {" %s: %s" % (type(e), e): e.name for e in refused}
        for message in result["messages"]:
            for suffix, text in texts.items():
                if message.get("message", "").endswith(suffix):
                    message.update(message=text)
                    message.pop("moreinfo", None)
        return result

    # ---- keys of existing partners and who may search them -----------------------------------

    @api.model_cr_context
    def _auto_init(self):
        """Create the key columns before the ORM sees them, which would otherwise compute and
        write them one partner at a time, and fill them set-based once the ORM has indexed them
        (filling first would leave the new indexes unusable to transactions already running)."""
        cr = self.env.cr
        missing = [key for key, _source, _f in KEY_FIELDS if not column_exists(cr, self._table, key)]
        for key in missing:
            create_column(cr, self._table, key, "varchar")
        result = super(ResPartner, self)._auto_init()
        if missing:
            self._fill_duplicate_keys()
        return result

    @api.model
    def _fill_duplicate_keys(self, batch_size=FILL_BATCH):
        """Compute every partner's keys in id slices: one SELECT and one UPDATE per slice."""
        cr, last = self.env.cr, 0
        while True:
            cr.execute("SELECT id, name, phone, mobile, email FROM res_partner WHERE id > %s ORDER BY id LIMIT %s",
                       [last, batch_size])
            rows = cr.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            columns = [[row[0] for row in rows]] + [
                [normalise(row[i + 1]) or None for row in rows] for i, (_k, _s, normalise) in enumerate(KEY_FIELDS)]
            cr.execute("""
                UPDATE res_partner p
                   SET name_key = k.name_key, phone_key = k.phone_key,
                       mobile_key = k.mobile_key, email_key = k.email_key
                  FROM unnest(%s::int[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[])
                       AS k(id, name_key, phone_key, mobile_key, email_key)
                 WHERE p.id = k.id
                   AND (p.name_key, p.phone_key, p.mobile_key, p.email_key)
                       IS DISTINCT FROM (k.name_key, k.phone_key, k.mobile_key, k.email_key)
            """, columns)
            self.invalidate_cache(list(KEY_NAMES))

    @api.model
    def check_field_access_rights(self, operation, fields):
        """The keys hold a pool customer's real number: no user reads them (the ORM still writes them)."""
        if operation == "read" and self._uid != SUPERUSER_ID:
            if fields and KEY_NAMES.intersection(fields):
                raise AccessError(_("The normalised keys of customers are not readable."))
            if not fields:
                fields = [name for name in super(ResPartner, self).check_field_access_rights(operation, fields)
                          if name not in KEY_NAMES]
        return super(ResPartner, self).check_field_access_rights(operation, fields)

    @api.model
    def _where_calc(self, domain, active_test=True):
        """A search on a key would tell the hidden digits of a pool customer's number (prefix
        searches): only the superuser's code searches them."""
        if self.env.uid != SUPERUSER_ID:
            if any(isinstance(term, (list, tuple)) and term and str(term[0]).split(".")[-1] in KEY_NAMES
                   for term in domain or []):
                raise AccessError(_("Customers cannot be searched by their normalised keys: search by name, "
                                    "phone or e-mail."))
        return super(ResPartner, self)._where_calc(domain, active_test)

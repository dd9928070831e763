"""Contact data of pool customers stays hidden from pool members, whatever path they take
(in the companies whose public pool is switched on: res_company.py).

The phone, mobile and e-mail of an unowned customer in a public pool, and of its contacts, are
hidden from users who are neither Follow-up Managers nor administrators of that pool. They are
masked where they enter the user's hands, not one API method at a time:

- reading: `_read_from_database` masks them in the user's record cache (Odoo keeps one cache per
  user; sudo() reads into another), so read, search_read, export, name_get with show_email,
  email_formatted, the onchanges of other models (an opportunity's customer), mail templates
  and the chatter's suggested recipients all get the masked value, while mail sending and the
  addon's SQL keep the real one. Related fields of other models that read the partner as
  superuser (crm.lead's partner_address_email) are masked after their computation;
- searching: a domain leaf on these fields (also reached through a path such as `child_ids.phone`
  or `partner_id.email` from another model, and the e-mail in name_search) finds only customers
  the user sees unmasked, so it cannot confirm a number or recover its hidden digits; grouping by
  them leaves masked customers out, ordering by them treats masked values as empty;
- writing: changing these fields of a masked customer and duplicating one are refused.
"""
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

# Contact data hidden from pool members until someone owns the customer (stored columns).
MASKED_FIELDS = ("phone", "mobile", "email")

# Partners whose contact data user %s must not see: unowned customers (and their contacts) in a
# pool that the user does not administer, of a company whose public pool is switched on.
# Managers and the superuser never get here.
MASKED_PARTNERS_SQL = """
    SELECT p.id FROM res_partner p JOIN res_partner cp ON cp.id = p.commercial_partner_id
      JOIN res_company co ON co.id = cp.company_id AND co.followup_pool_enabled
     WHERE cp.user_id IS NULL AND cp.pool_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM crm_followup_pool_admin_rel a
                        WHERE a.pool_id = cp.pool_id AND a.user_id = %s)"""


# The partners whose contact data the current user sees.
UNMASKED = [("followup_contact_masked", "=", False)]


EMAIL_RE = re.compile(r"[^\s<>,;\"']+@[^\s<>,;\"']+")


def mask_phone(value):
    """13812345678 -> 138****5678: enough to recognise a number, not to dial it."""
    if not value:
        return value
    if len(value) <= 7:
        return "****"
    return value[:3] + "****" + value[-4:]


def mask_email(value):
    """zhang.wei@example.com -> z***@example.com"""
    if not value:
        return value
    local, at, domain = value.partition("@")
    return (local[:1] + "***" + at + domain) if at else "***"


def mask_addresses(text):
    """'"杜敏" <dumin@163.com>' -> '"杜敏" <d***@163.com>': every address in a header-like text."""
    return EMAIL_RE.sub(lambda match: mask_email(match.group(0)), text) if text else text


def mask_value(name, value):
    if not isinstance(value, str):
        return value
    return mask_email(value) if name.startswith("email") else mask_phone(value)


def restrict_domain(domain, names, guard):
    """`domain` with every leaf on one of the fields `names` (or a path starting with one)
    replaced by (leaf AND guard): whether a record the guard excludes matches no longer depends
    on its hidden value (it matches no such leaf, and every negated one), so the search tells
    nothing about that value."""
    result = []
    for element in domain:
        if expression.is_leaf(element) and str(element[0]).split(".")[0] in names:
            result += [expression.AND_OPERATOR, element] + list(guard)
        else:
            result.append(element)
    return result


def touches_domain(domain, names):
    """Whether a leaf of `domain` is on one of the fields `names` (or a path starting with one)."""
    return any(expression.is_leaf(element) and str(element[0]).split(".")[0] in names for element in domain or ())


def mask_linked(records, field_names, names, partner_field):
    """For another model's _read_from_database: mask, in the user's cache, the contact fields
    `names` (addresses or phone numbers) of those `records` whose `partner_field` has contact
    data hidden from the user."""
    names = [name for name in names if name in field_names]
    Partner = records.env["res.partner"]
    if not names or Partner._followup_sees_contact_data():
        return
    cache = records.env.cache
    fetched = [record for record in records if cache.contains_value(record, records._fields[names[0]])]
    partner_of = {record.id: record.sudo()[partner_field].id for record in fetched}
    masked = Partner.browse(set(partner_of.values()) - {False})._followup_masked_ids()
    for record in fetched:
        if partner_of[record.id] in masked:
            for name in names:
                field = records._fields[name]
                value = cache.get_value(record, field)
                if isinstance(value, str):
                    cache.set(record, field, mask_addresses(value) if "@" in value else mask_phone(value))


def restrict_linked(model, domain, names, partner_field):
    """For another model's _where_calc: leaves on `names` find no record whose `partner_field`
    has contact data hidden from the user."""
    if not touches_domain(domain, names) or model.env["res.partner"]._followup_sees_contact_data():
        return domain
    model.env.cr.execute(MASKED_PARTNERS_SQL, [model.env.uid])
    masked = [row[0] for row in model.env.cr.fetchall()]
    return restrict_domain(domain, names, [(partner_field, "not in", masked)])


def touches(specs, names):
    """Whether a groupby / order specification ("phone desc", "email:count") names one of `names`."""
    if isinstance(specs, str):
        specs = [specs]
    return any(word in names for spec in specs or () for word in re.findall(r"\w+", spec or ""))


def _mask_related(field, compute):
    """The compute of a related field of another model ending on a masked partner field: the
    related field reads the partner as superuser, so the value is masked afterwards."""
    def compute_masked(records):
        compute(records)
        Partner = records.env["res.partner"]
        if Partner._followup_sees_contact_data():
            return
        partners = {record: field.traverse_related(record.sudo())[0] for record in records}
        masked = Partner.browse({p.id for p in partners.values() if p}).with_env(records.env)._followup_masked_ids()
        for record, partner in partners.items():
            if partner.id in masked:
                record[field.name] = mask_value(field.related_field.name, record[field.name])
    compute_masked.followup_masked = True
    return compute_masked


class ResPartner(models.Model):
    _inherit = "res.partner"

    followup_contact_masked = fields.Boolean(
        compute="_compute_followup_contact_masked", search="_search_followup_contact_masked",
        string="Contact Data Hidden",
        help="The phone, mobile and e-mail of this pool customer are hidden from you until you claim it.")

    def _compute_followup_contact_masked(self):
        masked = self._followup_masked_ids()
        for partner in self:
            partner.followup_contact_masked = partner.id in masked

    def _search_followup_contact_masked(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Customers can only be searched by hidden contact data with = or !=."))
        if self._followup_sees_contact_data():
            return [(0, "=", 1)] if (operator == "=") == bool(value) else []
        # a domain cannot name this sub-select itself: the ORM takes it from a search method only
        in_select = "inselect" if (operator == "=") == bool(value) else "not inselect"
        return [("id", in_select, (MASKED_PARTNERS_SQL, [self.env.uid]))]

    @api.depends("name", "email")
    def _compute_email_formatted(self):
        result = super(ResPartner, self)._compute_email_formatted()
        # "杜敏 <d***@163.com>", not an RFC 2047 header around a masked address
        for partner in self.filtered(lambda p: p.email and p.followup_contact_masked):
            partner.email_formatted = "%s <%s>" % (partner.name or "", partner.email)
        return result

    # ---- who sees what -------------------------------------------------------------------

    @api.model
    def _followup_sees_contact_data(self):
        """Managers and the superuser (every sudo()) see all contact data."""
        user = self.env.user
        return user._is_superuser() or user.has_group("crm_followup.crm_followup_group_manager")

    def _followup_masked_ids(self):
        """Ids among these partners whose contact data the current user must not see."""
        if self._followup_sees_contact_data():
            return set()
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return set()
        self.env.cr.execute(MASKED_PARTNERS_SQL + " AND p.id = ANY(%s)", [self.env.uid, ids])
        return {row[0] for row in self.env.cr.fetchall()}

    # ---- reading: the one place values enter the user's cache ---------------------------

    def _read_from_database(self, field_names, inherited_field_names=None):
        inherited_field_names = inherited_field_names or []
        names = [name for name in field_names if name in MASKED_FIELDS]
        if not names or self._followup_sees_contact_data():
            return super(ResPartner, self)._read_from_database(field_names, inherited_field_names)
        # the owner comes in the same query: one's own customers need no masking query
        extra = [name for name in ("user_id", "commercial_partner_id") if name not in field_names]
        result = super(ResPartner, self)._read_from_database(field_names + extra, inherited_field_names)
        cache = self.env.cache
        probe = self._fields[names[0]]
        fetched = self.browse([r for r in self._ids if cache.contains_value(self.browse(r), probe)])
        # an owned customer (not a contact) needs no query: the list of one's own customers
        user_field, commercial_field = self._fields["user_id"], self._fields["commercial_partner_id"]
        candidates = fetched.filtered(
            lambda p: not (cache.get_value(p, user_field) and cache.get_value(p, commercial_field) == (p.id,)))
        masked = candidates._followup_masked_ids() if candidates else set()
        flag = self._fields["followup_contact_masked"]
        for partner in fetched:
            cache.set(partner, flag, partner.id in masked)
            if partner.id in masked:
                for name in names:
                    field = self._fields[name]
                    cache.set(partner, field, mask_value(name, cache.get_value(partner, field)))
        return result

    @api.model
    def _setup_complete(self):
        result = super(ResPartner, self)._setup_complete()
        for model in self.env.registry.values():
            for field in model._fields.values():
                if (field.related and not field.store and not field.inherited and callable(field.compute)
                        and not getattr(field.compute, "followup_masked", False)
                        and field.related_field.model_name == self._name
                        and field.related_field.name in MASKED_FIELDS + ("email_formatted",)):
                    field.compute = _mask_related(field, field.compute)
        return result

    # ---- searching, grouping, ordering -------------------------------------------------

    @api.model
    def _where_calc(self, domain, active_test=True):
        if touches_domain(domain, MASKED_FIELDS) and not self._followup_sees_contact_data():
            domain = restrict_domain(domain, MASKED_FIELDS, UNMASKED)
        return super(ResPartner, self)._where_calc(domain, active_test)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        if touches(groupby, MASKED_FIELDS) and not self._followup_sees_contact_data():
            domain = expression.AND([domain or [], UNMASKED])
        return super(ResPartner, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy)

    @api.model
    def _generate_order_by_inner(self, alias, order_spec, query, reverse_direction=False, seen=None):
        elements = super(ResPartner, self)._generate_order_by_inner(
            alias, order_spec, query, reverse_direction=reverse_direction, seen=seen)
        if not touches(order_spec, MASKED_FIELDS) or self._followup_sees_contact_data():
            return elements
        # sorted as if empty: the position among known numbers would give the hidden digits away
        for name in MASKED_FIELDS:
            column = '"%s"."%s"' % (alias, name)
            hidden = '(CASE WHEN "%s".id IN (%s) THEN NULL ELSE %s END)' % (
                alias, MASKED_PARTNERS_SQL % int(self.env.uid), column)
            elements = [e.replace(column, hidden) if e.startswith(column + " ") else e for e in elements]
        return elements

    @api.model
    def name_search(self, name, args=None, operator="ilike", limit=100):
        result = super(ResPartner, self).name_search(name, args=args, operator=operator, limit=limit)
        masked = self.browse([row[0] for row in result])._followup_masked_ids() if name else set()
        if not masked:
            return result
        # a masked partner stays only if found by its name, reference or VAT, not by its e-mail
        by_name = self.search([("id", "in", list(masked)), "|", "|", ("display_name", operator, name),
                               ("ref", operator, name), ("vat", operator, name)]).ids
        return [row for row in result if row[0] not in masked or row[0] in by_name]

    # ---- writing -------------------------------------------------------------------------

    def write(self, vals):
        if any(name in vals for name in MASKED_FIELDS) and self._followup_masked_ids():
            raise UserError(_("The phone, mobile and e-mail of a customer in a public pool are hidden "
                              "from you: claim the customer to change them."))
        return super(ResPartner, self).write(vals)

    @api.multi
    def copy(self, default=None):
        if self._followup_masked_ids():
            raise UserError(_("%s is in a public pool and its contact data is hidden from you: "
                              "claim it before duplicating it.") % self.name)
        return super(ResPartner, self).copy(default)

    @api.model
    def _followup_move_rows(self, *args, **kwargs):
        moved = super(ResPartner, self)._followup_move_rows(*args, **kwargs)
        # what is masked changed with the owner: re-read it, also in this transaction
        self.invalidate_cache(list(MASKED_FIELDS) + ["email_formatted", "followup_contact_masked"])
        return moved

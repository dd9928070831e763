"""Global search (全局搜索): one text finds a customer by whatever the user remembers.

Adds to res.partner:
- ``followup_global_search(text, limit)``: the customers the user may see that match, ranked
  (exact, then prefix, then contains; similar names when nothing closer matched: a typo), each
  with the field that matched; what the workbench's search box calls;
- ``followup_search``: a search-only field behind the search view's "Search Anything for: …"
  (same matches, unranked: the list orders them);
- the pg_trgm GIN indexes that make both fast, and a bigram GIN index on the name key for the
  two-character names trigrams cannot serve (华信, 曹杰); the name key's indexes are split between
  customers and contacts, as every name branch asks for one side; created by the addon's install
  and update (``init``).

What is matched: the name or short name (without the city prefix; legal forms are already gone
from the key) of the customer, the name, phone, mobile and e-mail of the customer and of each of
its contacts in any formatting (the duplicate check's normalised keys, partner_keys), its street
(with the district), city, industry and tags. A phone or e-mail never matches a partner whose
contact data the user may not see (a pool customer's, res_partner_mask), so a search cannot
confirm a hidden number; customers the record rules hide (other companies', colleagues') are
never found: the ranked search embeds the user's own rule SQL, the search field's domain goes
through the ORM's search.
"""
import re
from collections import namedtuple

from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .partner_keys import _is_full_number as is_full_number, _plain, email_key, name_key, phone_key
from .res_partner_mask import MASKED_PARTNERS_SQL

MATCHES = ("exact", "prefix", "contains", "similar")
# Columns searched with LIKE '%…%': a GIN trigram index each (the keys are refused to the ORM).
TRIGRAM_COLUMNS = ("phone_key", "mobile_key", "email_key", "street", "street2", "city")
MIN_PHONE_FRAGMENT = 4      # digits: "6256" finds numbers, "02" would find them all
MIN_TEXT_FRAGMENT = 3       # e-mail, street, city fragments
PHONE_LIKE = re.compile(r"^[\d\s()+.\-]+$")
EMAIL_LIKE = re.compile(r"^[a-z0-9._%+\-@]+$")
FULL_EMAIL = re.compile(r"^[^@]+@[^@]+\.[a-z]{2,}$")
DEFAULT_LIMIT = 20
MAX_LIMIT = 200

# One way a partner can match: `sql` is a condition on the matched partner `p` (the customer
# itself or one of its contacts); `contact_data` ones never match a partner with hidden contact data.
Branch = namedtuple("Branch", "match field sql params contact_data")

# The customer's name without its city prefix: its own city's (深圳市华信电子 / 深圳华信电子 in
# 深圳市), else any "xx市" (a customer without an address) -> 华信电子.
SHORT_NAME_SQL = """(CASE WHEN p.city IS NOT NULL AND rtrim(p.city, '市') <> ''
                           AND starts_with(p.name_key, rtrim(p.city, '市'))
                          THEN ltrim(substr(p.name_key, char_length(rtrim(p.city, '市')) + 1), '市')
                          ELSE regexp_replace(p.name_key, '^[^市]{2,3}市', '') END)"""
OWN = "p.id = p.commercial_partner_id"
CONTACT = "p.id <> p.commercial_partner_id"
# A trigram index cannot serve LIKE '%ab%' (no trigram in two characters) and most Chinese brands and
# personal names are two characters long (华信, 曹杰): their distinct bigrams, GIN-indexed, can.
BIGRAMS_FUNCTION = """CREATE OR REPLACE FUNCTION crm_followup_bigrams(text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
    $$SELECT ARRAY(SELECT DISTINCT substr($1, i, 2) FROM generate_series(1, char_length($1) - 1) AS i)$$"""


def like_escape(value):
    """A user's text as a literal inside a LIKE pattern."""
    return re.sub(r"([\\%_])", r"\\\1", value)


def search_terms(text):
    """What a query means, normalised like the stored keys: {'name', 'phone', 'digits',
    'email', 'fragment', 'text'} (False where it does not apply)."""
    plain = _plain(text)
    phone_like = bool(PHONE_LIKE.match(plain)) and len(re.sub(r"\D", "", plain)) >= MIN_PHONE_FRAGMENT
    lowered = re.sub(r"\s+", "", plain.lower())
    full_email = bool(FULL_EMAIL.match(lowered))
    return {
        "name": False if phone_like or "@" in plain else name_key(plain),
        # a full number in national form, else the digits typed (a part of a number)
        "phone": phone_key(plain) if phone_like else False,
        "digits": re.sub(r"\D", "", plain) if phone_like else False,
        "email": email_key(plain) if "@" in plain else False,
        # a whole address is matched exactly: every address shares its domain's trigrams
        "fragment": lowered if (EMAIL_LIKE.match(lowered) and len(lowered) >= MIN_TEXT_FRAGMENT
                                and not full_email) else False,
        "text": plain if len(plain) >= 2 and not phone_like else False,
    }


def name_contains_sql(key):
    """(condition, params): the partner's name key contains `key` (at least two characters), through
    an index: the bigram index for two characters, the trigram index for more."""
    if len(key) == 2:
        return "crm_followup_bigrams(p.name_key) @> ARRAY[%s]::text[]", [key]
    return "p.name_key LIKE %s", ["%" + like_escape(key) + "%"]


def search_branches(terms, industry_ids=(), tag_ids=()):
    """Every way the query `terms` (search_terms) can match, best match first."""
    branches = []
    add = lambda match, field, sql, params, contact_data=False: branches.append(  # noqa: E731
        Branch(match, field, sql, params, contact_data))
    key = terms["name"]
    if key:
        add("exact", "name", OWN + " AND p.name_key = %s", [key])
        add("exact", "name", OWN + " AND p.name_key LIKE %s AND " + SHORT_NAME_SQL + " = %s",
            ["%" + like_escape(key), key])
        add("exact", "contact", CONTACT + " AND p.name_key = %s", [key])
        add("prefix", "name", OWN + " AND p.name_key LIKE %s", [like_escape(key) + "%"])
        if len(key) >= 2:   # one character: a prefix at most (it is in too many names)
            contains, contains_params = name_contains_sql(key)
            add("prefix", "name", OWN + " AND " + contains + " AND " + SHORT_NAME_SQL + " LIKE %s",
                contains_params + [like_escape(key) + "%"])
        add("prefix", "contact", CONTACT + " AND p.name_key LIKE %s", [like_escape(key) + "%"])
        if len(key) >= 2:
            add("contains", "name", OWN + " AND " + contains, contains_params)
            add("contains", "contact", CONTACT + " AND " + contains, contains_params)
        if len(key) >= MIN_TEXT_FRAGMENT:
            add("similar", "name", OWN + " AND p.name_key %% %s", [key])
            add("similar", "contact", CONTACT + " AND p.name_key %% %s", [key])
    full, digits = terms["phone"], terms["digits"]
    for column in ("phone_key", "mobile_key"):
        field = column[:-4]
        if full:
            add("exact", field, "p.%s = %%s" % column, [full], True)
            if not full.startswith("0") and len(full) <= 8:
                # a fixed line typed without its area code: 62567315 is 020-62567315
                add("exact", field, "p.%s LIKE %%s AND char_length(p.%s) BETWEEN %%s AND %%s" % (column, column),
                    ["0%" + full, len(full) + 3, len(full) + 4], True)
        if digits and not (full and is_full_number(full)):    # a whole number is matched exactly
            add("prefix", field, "p.%s LIKE %%s" % column, [(full or digits) + "%"], True)
            add("contains", field, "p.%s LIKE %%s" % column, ["%" + digits + "%"], True)
    if terms["email"]:
        add("exact", "email", "p.email_key = %s", [terms["email"]], True)
    if terms["fragment"]:
        add("prefix", "email", "p.email_key LIKE %s", [like_escape(terms["fragment"]) + "%"], True)
        add("contains", "email", "p.email_key LIKE %s", ["%" + like_escape(terms["fragment"]) + "%"], True)
    if terms["text"]:
        # two characters have no trigram: a city, district or street that starts with them
        text = ("%" if len(terms["text"]) >= MIN_TEXT_FRAGMENT else "") + like_escape(terms["text"]) + "%"
        add("contains", "city", OWN + " AND p.city ILIKE %s", [text])
        add("contains", "address", OWN + " AND (p.street ILIKE %s OR p.street2 ILIKE %s)", [text, text])
    if industry_ids:
        add("contains", "industry", OWN + " AND p.industry_id = ANY(%s)", [list(industry_ids)])
    if tag_ids:
        add("contains", "tag", OWN + " AND p.id IN (SELECT partner_id FROM res_partner_res_partner_category_rel "
                                     "WHERE category_id = ANY(%s))", [list(tag_ids)])
    return branches


class ResPartner(models.Model):
    _inherit = "res.partner"

    followup_search = fields.Char(
        compute="_compute_followup_search", search="_search_followup_search", string="Anything",
        help="Name or short name, phone, mobile or e-mail of the customer or of one of its contacts, "
             "a contact's name, address, city, industry or tag.")

    @api.model_cr
    def init(self):
        result = super(ResPartner, self).init()
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if not cr.fetchone():
            raise UserError(_("The customer search needs PostgreSQL's pg_trgm extension: install the "
                              "postgresql-contrib package on the database server, then install the addon again."))
        # trusted since PostgreSQL 13: the database owner may create it
        cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in TRIGRAM_COLUMNS:
            cr.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON res_partner USING gin ({} gin_trgm_ops)").format(
                sql.Identifier("res_partner_%s_trgm_index" % column), sql.Identifier(column)))
        cr.execute(BIGRAMS_FUNCTION)
        # names per side (OWN, CONTACT), as every name branch asks: a common personal name (1 900
        # contacts called 郑俊 in 3 000 000 partners) is not looked for among the companies' names
        for side, condition in (("own", OWN), ("contact", CONTACT)):
            # (no partial btree for the exact names: the planner would scan all of it as a
            # bitmap for "is a customer" in the address branch; the duplicate check's serves them)
            for kind, method, expression in (("trgm", "gin", "name_key gin_trgm_ops"),
                                             ("bigram", "gin", "crm_followup_bigrams(name_key)")):
                cr.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON res_partner USING {} ({}) WHERE {}").format(
                    sql.Identifier("res_partner_name_key_%s_%s_index" % (side, kind)), sql.SQL(method),
                    sql.SQL(expression), sql.SQL(condition.replace("p.", ""))))
        return result

    def _compute_followup_search(self):
        for partner in self:
            partner.followup_search = False

    def _search_followup_search(self, operator, value):
        if operator not in ("ilike", "like", "=", "not ilike", "not like", "!="):
            raise UserError(_("Customers can only be searched by anything with contains, equals or their "
                              "negation."))
        branches = self._followup_search_branches(value)
        if not branches:
            return [] if operator in ("ilike", "like", "=") or not value else [(0, "=", 1)]
        # unranked (the list orders the rows), and without similar names, which only a ranking makes useful
        parts = [self._followup_branch_sql(branch) for branch in branches if branch.match != "similar"]
        sql = " UNION ".join("SELECT p.commercial_partner_id FROM res_partner p WHERE %s" % part
                             for part, _params in parts)
        params = [param for _part, part_params in parts for param in part_params]
        in_select = "inselect" if operator in ("ilike", "like", "=") else "not inselect"
        return [("id", in_select, (sql, params))]

    # ---- the ranked search ------------------------------------------------------------------

    @api.model
    def followup_global_search(self, text, limit=DEFAULT_LIMIT, domain=None):
        """The customers (partners matching `domain`, default customers) that the user may see
        and that match `text`, best first: [{'id', 'display_name', 'match': exact|prefix|contains|
        similar, 'field': name|contact|phone|mobile|email|city|address|industry|tag, 'contact': the
        matched contact's name or False, 'reason': the same in words}]."""
        limit = min(max(int(limit or DEFAULT_LIMIT), 1), MAX_LIMIT)
        branches = self._followup_search_branches(text)
        if not branches:
            return []
        join, visible, visible_params = self._followup_visible_sql(
            [("customer", "=", True)] if domain is None else domain)
        found = {}      # customer id: (rank, branch order, field, matched partner id)
        # these queries are short: compiling them (JIT) would cost more than running them
        self.env.cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        jit = self.env.cr.fetchone()[0]
        for rank, match in enumerate(MATCHES):
            tier = [b for b in branches if b.match == match]
            # similar names only when nothing closer matched: a typo, not more of the same
            if not tier or len(found) >= limit or (match == "similar" and found):
                continue
            queries, params = [], []
            for order, branch in enumerate(tier):
                condition, condition_params = self._followup_branch_sql(branch)
                queries.append("""(SELECT p.commercial_partner_id, %s, p.id FROM res_partner p %s
                                    WHERE %s AND (%s) AND p.commercial_partner_id <> ALL(%%s) LIMIT %%s)"""
                               % (order, join, condition, visible))
                params += condition_params + visible_params + [list(found), limit - len(found)]
            self.env.cr.execute(" UNION ALL ".join(queries), params)
            for customer_id, order, partner_id in sorted(self.env.cr.fetchall(), key=lambda row: (row[1], row[0])):
                if customer_id not in found and len(found) < limit:
                    found[customer_id] = (rank, order, tier[order].field, partner_id)
        self.env.cr.execute("SELECT set_config('jit', %s, true)", [jit])
        # the user's own search once more: what the result shows is what the ORM lets the user read
        # (reading only the columns shown: a partner has a hundred, and their prefetch costs more
        # than the search)
        customers = self.search([("id", "in", list(found))])
        names = {row["id"]: row["display_name"] for row in customers.read(["display_name"])}
        ranked = sorted(customers.ids, key=lambda i: found[i][:2] + (names[i] or "", i))
        contacts = self.browse([found[i][3] for i in customers.ids if found[i][3] != i])
        contact_names = {row["id"]: row["name"] for row in contacts.read(["name"])}
        return [self._followup_search_result(i, names[i], found[i][0], found[i][2],
                                             contact_names.get(found[i][3], False))
                for i in ranked]

    @api.model
    def _followup_search_result(self, customer_id, display_name, rank, field, contact):
        """One result; `contact`: the name of the contact that matched, else False."""
        match = MATCHES[rank]
        fields_in_words = {
            "name": _("name"), "contact": _("contact's name"), "phone": _("phone"), "mobile": _("mobile"),
            "email": _("e-mail"), "city": _("city"), "address": _("address"), "industry": _("industry"),
            "tag": _("tag")}
        matches_in_words = {"exact": _("is exactly the text"), "prefix": _("starts with the text"),
                            "contains": _("contains the text"), "similar": _("is similar to the text")}
        what = fields_in_words[field]
        if contact and field != "contact":
            what = _("%(field)s of contact %(contact)s") % {"field": what, "contact": contact}
        elif contact:
            what = _("contact %(contact)s's name") % {"contact": contact}
        return {"id": customer_id, "display_name": display_name, "match": match, "field": field,
                "contact": contact,
                "reason": _("%(what)s %(match)s") % {"what": what, "match": matches_in_words[match]}}

    # ---- shared by both ---------------------------------------------------------------------

    @api.model
    def _followup_search_branches(self, text):
        """The match branches of `text`, with the industries and tags it names (translated names)."""
        if not isinstance(text, str) or not text.strip():
            return []
        terms = search_terms(text)
        industry_ids = tag_ids = []
        if terms["text"]:
            industry_ids = self.env["res.partner.industry"].search(
                ["|", ("name", "ilike", terms["text"]), ("full_name", "ilike", terms["text"])]).ids
            tag_ids = self.env["res.partner.category"].search([("name", "ilike", terms["text"])]).ids
        return search_branches(terms, industry_ids, tag_ids)

    @api.model
    def _followup_branch_sql(self, branch):
        """(condition on `p`, params) of a branch: active partners only, and for a phone or e-mail
        no partner whose contact data the user may not see."""
        condition, params = "p.active AND (%s)" % branch.sql, list(branch.params)
        if branch.contact_data and not self._followup_sees_contact_data():
            condition += " AND p.id NOT IN (%s)" % MASKED_PARTNERS_SQL
            params.append(self.env.uid)
        return condition, params

    @api.model
    def _followup_visible_sql(self, domain):
        """(join, condition, params) that keep the matched partners `p` whose customer matches
        `domain` and may be read by the user: the ORM's own where clause, record rules included,
        checked on the customer joined as "res_partner" (per matched row, not a list of every
        visible customer); in a sub-select when the clause needs other tables."""
        query = self._where_calc(domain)
        self._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        if from_clause.strip() == '"res_partner"':
            return ('JOIN res_partner "res_partner" ON "res_partner".id = p.commercial_partner_id',
                    where_clause or "TRUE", list(params))
        select, params = self._followup_readable_sql("res.partner", domain, "id")
        return "", "p.commercial_partner_id IN (%s)" % select, params

    @api.model
    def _followup_readable_sql(self, model_name, domain, column, active_test=True):
        """(SELECT of `column` of the `model_name` records matching `domain` that the user may
        read, params): the ORM's where clause with the record rules, for a sub-select; nothing
        for a model the user may not read at all."""
        model = self.env[model_name].with_context(active_test=active_test)
        if not model.check_access_rights("read", raise_exception=False):
            return "SELECT NULL::integer WHERE FALSE", []
        query = model._where_calc(domain)
        model._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        return 'SELECT "%s"."%s" FROM %s WHERE %s' % (model._table, column, from_clause, where_clause or "TRUE"), \
            list(params)

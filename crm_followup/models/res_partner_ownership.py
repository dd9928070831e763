from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

# What the public pool's moves (claim, assign, release, take-back, hand-over, res.partner.
# _followup_move_rows) and the follow-up records keep, in SQL. A user's create, write, import or
# copy never sets them, except:
POOL_FIELDS = ("pool_id", "followup_locked")  # Follow-up Managers and the pool's administrators
OWNERSHIP_FIELDS = ("user_id",) + POOL_FIELDS + (
    "previous_user_id", "date_released", "date_owner_received",
    # the stored follow-up figures (crm.followup.record keeps them) and the birthday reminder's year
    "last_followup_date", "next_followup_date", "followup_count", "birthday_reminded_year")
# a write of one of these may change which partners are contacts of which customer, or make an
# unowned customer out of a partner: the contacts follow their company, the customer its pool
STRUCTURE_FIELDS = ("user_id", "pool_id", "parent_id", "is_company", "customer", "company_id")


class ResPartner(models.Model):
    """Ownership of a customer: the owner, the pool, the lock, the previous owner and the dates the
    take-back counts from change only through the public pool's actions, which log them. A user's
    create, write, import or copy that would change them is refused with the action to use; a
    salesperson changes only their own customers; contact persons always carry their company's
    owner and pool; a customer with neither owner nor pool lives in its company's default pool.

    Only Odoo's superuser (the administrator, and server code running as superuser) is not checked:
    it passes every access rule anyway, and no JSON-RPC client can become it without its password.
    A context key is never a permission here: a client can send any context."""

    _inherit = "res.partner"

    followup_owner_editable = fields.Boolean(
        compute="_compute_followup_editable", string="Owner Editable",
        help="The salesperson can be chosen here: only when creating the customer.")
    followup_pool_editable = fields.Boolean(
        compute="_compute_followup_editable", string="Pool Editable",
        help="The current user may move this customer to another pool and lock it.")

    def _compute_followup_editable(self):
        me = self.env.user
        manager = me._followup_is_manager()
        for partner in self:
            new = not isinstance(partner.id, int)
            partner.followup_owner_editable = new or self.env.uid == SUPERUSER_ID
            partner.followup_pool_editable = new or manager or partner._followup_pool_admin(me)

    # ---- CRUD ----------------------------------------------------------------------------

    @api.model
    def create(self, vals):
        vals = dict(vals)
        company = self._followup_new_contact_company(vals)
        if self.env.uid != SUPERUSER_ID:
            self._followup_check_create(vals, company)
        if company:
            # contacts follow their company
            vals.update(user_id=company.user_id.id, pool_id=company.pool_id.id)
        elif self._followup_creates_own(vals):
            vals["user_id"] = self.env.uid
        if vals.get("user_id") and not vals.get("date_owner_received"):
            vals["date_owner_received"] = fields.Datetime.now()
        partner = super(ResPartner, self).create(vals)
        if not vals.get("user_id"):
            partner._followup_adopt_unpooled()
        return partner

    def write(self, vals):
        if self.env.uid != SUPERUSER_ID:
            self._followup_check_write(vals)
        if "user_id" in vals and "date_owner_received" not in vals:  # the superuser's own repairs
            changed = self.filtered(lambda p: p.user_id.id != vals["user_id"])
            if changed:
                super(ResPartner, changed).write({
                    "date_owner_received": fields.Datetime.now() if vals["user_id"] else False})
        result = super(ResPartner, self).write(vals)
        if any(name in vals for name in STRUCTURE_FIELDS):
            if self.env.uid != SUPERUSER_ID and self.env.user.followup_restricted:
                self._followup_check_own()  # e.g. a contact moved under a pool customer
            self._followup_contacts_follow()
            self._followup_adopt_unpooled()
        return result

    def copy(self, default=None):
        if self.env.uid != SUPERUSER_ID and self.env.user.followup_restricted:
            self._followup_check_own()
        return super(ResPartner, self).copy(default)

    # ---- checks --------------------------------------------------------------------------

    @api.model
    def _followup_new_contact_company(self, vals):
        """The customer whose contact person `vals` creates (empty if it is a customer itself)."""
        if not vals.get("parent_id") or vals.get("is_company"):
            return self.browse()
        return self.sudo().browse(vals["parent_id"]).commercial_partner_id

    @api.model
    def _followup_creates_own(self, vals):
        """A salesperson's new customer (no owner given, no pool chosen) is their own, within the
        holding cap of their company's default pool, rather than left unowned in the pool."""
        me = self.env.user
        if vals.get("user_id") or vals.get("pool_id") or not vals.get("customer", True) \
                or me._is_superuser() or not me.followup_restricted:
            return False
        company = self.env["res.company"].browse(vals.get("company_id")) or me.company_id
        self._followup_check_cap(me, self.env["crm.followup.pool"]._default_pool(company))
        return True

    @api.model
    def _followup_check_create(self, vals, company):
        me = self.env.user
        if company:
            if me.followup_restricted:
                company.with_env(self.env)._followup_check_own()
            # a contact's owner and pool are its company's, whatever `vals` says
            names = [name for name in OWNERSHIP_FIELDS if name not in ("user_id", "pool_id")]
        else:
            names = OWNERSHIP_FIELDS
        given = [name for name in names if vals.get(name)]
        if not given:
            return
        manager = me._followup_is_manager()
        pool = self.env["crm.followup.pool"].sudo().browse(vals.get("pool_id"))
        for name in given:
            if name == "user_id":
                if vals["user_id"] != me.id and not manager:
                    raise UserError(_("Only a Follow-up Manager can create a customer for another salesperson: "
                                      "create it as your own, or ask a manager to assign it."))
            elif name == "pool_id":
                if not (manager or pool._is_member(me) or pool._is_admin(me)):
                    raise UserError(_("You can only put a new customer into a public pool you belong to."))
            elif name == "followup_locked":
                if not (manager or pool and pool._is_admin(me)):
                    raise UserError(_("Only a Follow-up Manager or the administrator of its pool can lock a "
                                      "customer."))
            else:
                self._followup_refuse_field(name, vals.get("name") or "")

    def _followup_check_write(self, vals):
        """Refuse a user's write that would change an ownership field of one of these partners."""
        changed = [name for name in OWNERSHIP_FIELDS if name in vals and self._followup_changes(name, vals[name])]
        me = self.env.user
        for name in changed:
            partners = self.filtered(lambda p: self._followup_changes(name, vals[name], p))
            first = partners[:1].sudo()
            if name == "user_id":
                raise UserError(_("The salesperson of %s changes only through the public pool's actions: Claim "
                                  "it from the pool or Release to Pool; a Follow-up Manager can Assign it or "
                                  "Hand Over a salesperson's customers.") % first.display_name)
            if name in POOL_FIELDS:
                contacts = partners.filtered(lambda p: p.commercial_partner_id != p)
                if contacts:
                    raise UserError(_("%s is a contact person: it is in its company's pool. Change the company "
                                      "instead.") % contacts[:1].sudo().display_name)
                if me._followup_is_manager():
                    continue
                target = self.env["crm.followup.pool"].sudo().browse(vals[name]) if name == "pool_id" else None
                for partner in partners:
                    if not partner._followup_pool_admin(me) or (target is not None and not target._is_admin(me)):
                        if name == "pool_id":
                            raise UserError(_("Only a Follow-up Manager or the administrator of its pool can move "
                                              "%s to another pool; to give your customer back, use Release to "
                                              "Pool.") % partner.sudo().display_name)
                        raise UserError(_("Only a Follow-up Manager or the administrator of its pool can lock or "
                                          "unlock %s.") % partner.sudo().display_name)
                continue
            self._followup_refuse_field(name, first.display_name)
        if me.followup_restricted:
            self._followup_check_own()
            if vals.get("active") is False or vals.get("customer") is False:
                self._followup_check_keeps_customers()

    def _followup_check_keeps_customers(self):
        """The take-back reads active customers only: a salesperson does not archive their customer,
        nor make it a non-customer, to keep it out of the pool's reach."""
        for partner in self.sudo():
            if partner.commercial_partner_id == partner and partner.customer and partner.user_id:
                raise UserError(_("A salesperson does not archive %s or make it a non-customer: release it to "
                                  "the pool, or ask a Follow-up Manager.") % partner.display_name)

    @api.model
    def _followup_refuse_field(self, name, partner_name):
        label = self._fields[name].get_description(self.env)["string"]
        if name in ("last_followup_date", "next_followup_date", "followup_count"):
            raise UserError(_("\"%(field)s\" of %(customer)s is kept from its follow-up records: log a follow-up "
                              "instead.") % {"field": label, "customer": partner_name})
        raise UserError(_("\"%(field)s\" of %(customer)s is kept by the public pool's actions (claim, assign, "
                          "release, take-back, hand-over) and cannot be changed directly.")
                        % {"field": label, "customer": partner_name})

    def _followup_changes(self, name, value, partners=None):
        """Whether writing `value` into field `name` changes it on one of `partners` (default: self):
        an unchanged value, as a form or an import sends it again, is no change."""
        field = self._fields[name]
        new = field.convert_to_write(field.convert_to_record(field.convert_to_cache(value, self, validate=False), self),
                                     self)
        return any(field.convert_to_write(partner[name], partner) != new for partner in (partners or self).sudo())

    def _followup_check_own(self):
        """A salesperson changes only their own customers (and their contacts) and partners that are
        not customers. A pool customer is claimed first: nobody is accountable for it until then
        (with the company's public pool switched off, an unowned customer is anybody's to edit, as in
        plain CRM)."""
        for partner in self.sudo().mapped("commercial_partner_id"):
            if not partner.customer or partner.user_id == self.env.user:
                continue
            if partner.user_id:
                raise UserError(_("%(customer)s belongs to %(owner)s: only its owner changes it.")
                                % {"customer": partner.display_name, "owner": partner.user_id.name})
            if partner.pool_id and partner.company_id._followup_enabled("pool"):
                raise UserError(_("%s is in the public pool: claim it before you change it.") % partner.display_name)

    def _followup_pool_admin(self, user):
        """Whether `user` administers the pool this customer is in (its company's default pool if none)."""
        partner = self.sudo().commercial_partner_id
        pool = partner.pool_id or self.env["crm.followup.pool"]._default_pool(partner.company_id)
        return bool(pool) and pool._is_admin(user)

    # ---- contacts follow their company; no customer without owner and pool -------------------

    def _followup_contacts_follow(self):
        """Give the contact persons among and under these partners their company's owner and pool."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return
        self.env.cr.execute("""
            UPDATE res_partner c SET user_id = cp.user_id, pool_id = cp.pool_id
              FROM res_partner cp
             WHERE c.id = ANY(ARRAY(SELECT id FROM res_partner WHERE commercial_partner_id = ANY(%s)) || %s::int[])
               AND cp.id = c.commercial_partner_id AND c.id <> cp.id
               AND (c.user_id, c.pool_id) IS DISTINCT FROM (cp.user_id, cp.pool_id)
            RETURNING c.id
        """, [ids, ids])  # a list of ids, not an OR of two joins: index look-ups, never a scan of every partner
        if self.env.cr.rowcount:
            self.invalidate_cache(["user_id", "pool_id"], [row[0] for row in self.env.cr.fetchall()])

    def _followup_adopt_unpooled(self, everywhere=False):
        """Put those of these partners that are customers with neither owner nor pool (and their
        contacts) into their company's default pool; with `everywhere`, all such customers
        (install, a new default pool). Partners of users and of companies are no customers of a
        pool, nor is a partner of no company (no default pool is its). Returns the ids moved."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not (ids or everywhere):
            return []
        self.env.cr.execute("""
            WITH adopted AS (
                UPDATE res_partner p
                   SET pool_id = (SELECT d.id FROM crm_followup_pool d
                                   WHERE d.company_id = p.company_id AND d.is_default AND d.active
                                   ORDER BY d.sequence, d.id LIMIT 1)
                 WHERE p.user_id IS NULL AND p.pool_id IS NULL AND p.customer AND p.id = p.commercial_partner_id
                   AND EXISTS (SELECT 1 FROM crm_followup_pool d
                                WHERE d.company_id = p.company_id AND d.is_default AND d.active)
                   AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id)
                   AND NOT EXISTS (SELECT 1 FROM res_company c WHERE c.partner_id = p.id)
                   """ + ("" if everywhere else "AND p.id = ANY(%(ids)s)") + """
                RETURNING p.id, p.pool_id
            ), contacts AS (
                UPDATE res_partner c SET pool_id = adopted.pool_id
                  FROM adopted
                 WHERE c.commercial_partner_id = adopted.id AND c.id <> adopted.id AND c.user_id IS NULL
                RETURNING c.id
            )
            SELECT id FROM adopted UNION ALL SELECT id FROM contacts
        """, {"ids": ids})
        adopted = [row[0] for row in self.env.cr.fetchall()]
        if adopted:
            self.invalidate_cache(["pool_id"], adopted)
        return adopted

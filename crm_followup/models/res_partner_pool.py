from odoo import _, api, fields, models
from odoo.exceptions import UserError

from . import followup_dates as dates
from .crm_followup_pool_sql import EXEMPT_WON, MOVE_ACTIONS, move_sql

FAR_FUTURE = "9999-12-31 00:00:00"


class ResPartner(models.Model):
    """The public pool's side of a customer: its pool, lock, previous owner, take-back date,
    the claim / assign / release actions (res_partner_mask.py hides its contact data)."""

    _inherit = "res.partner"

    pool_id = fields.Many2one(
        "crm.followup.pool", string="Public Pool", index=True, copy=False, ondelete="restrict",
        help="The pool this customer is in when it has no owner, and returns to when taken back or released.")
    followup_locked = fields.Boolean(
        string="Locked", copy=False, track_visibility="onchange",
        help="Locked by a manager: never taken back automatically.")
    previous_user_id = fields.Many2one("res.users", string="Previous Owner", readonly=True, copy=False)
    date_released = fields.Datetime(string="Returned to Pool", readonly=True, copy=False)
    is_followup_customer = fields.Boolean(
        compute="_compute_is_followup_customer", search="_search_is_followup_customer",
        string="Customer Entity", help="A customer company or individual (not a contact of a company).")
    followup_takeback_date = fields.Datetime(
        compute="_compute_followup_takeback", string="Take-back Date",
        help="When the pool's rules take this customer back if nothing happens.")
    days_to_takeback = fields.Integer(
        compute="_compute_followup_takeback", search="_search_days_to_takeback", string="Days to Take-back")
    pool_log_ids = fields.One2many("crm.followup.pool.log", "partner_id", string="Pool History", readonly=True)
    followup_pool_on = fields.Boolean(
        compute="_compute_followup_pool_on", string="Public Pool On",
        help="The customer's company has its public pool switched on (Settings > Customer Tracking).")

    def _compute_is_followup_customer(self):
        for partner in self:
            partner.is_followup_customer = partner.customer and (partner.is_company or not partner.parent_id)

    def _search_is_followup_customer(self, operator, value):
        domain = ["&", ("customer", "=", True), "|", ("is_company", "=", True), ("parent_id", "=", False)]
        if (operator == "=") == bool(value):
            return domain
        return ["!"] + domain

    def _compute_followup_pool_on(self):
        companies = self.env["res.company"]._followup_companies_with("pool")
        for partner in self:
            partner.followup_pool_on = partner.sudo().company_id in companies

    def _compute_followup_takeback(self):
        now = fields.Datetime.now()
        owned = self.filtered(lambda p: p.user_id and isinstance(p.id, int))
        due = self._followup_due_dates(now, FAR_FUTURE, owned.ids) if owned else {}
        for partner in self:
            date = due.get(partner.id)
            partner.followup_takeback_date = date
            partner.days_to_takeback = max(0, dates.days_between(now, date)) if date else 0

    def _search_days_to_takeback(self, operator, value):
        if operator not in ("<", "<="):
            raise UserError(_("Customers can only be searched by days to take-back with < or <=."))
        now = fields.Datetime.now()
        days = value + 1 if operator == "<=" else value
        horizon = dates.add_days(now, days)
        return [("id", "in", list(self._followup_due_dates(now, horizon)))]

    @api.model
    def _followup_due_dates(self, date_ref, horizon, partner_ids=None):
        """{customer id: earliest take-back date (string)} over the active pools' rules."""
        return {pid: due[0] for pid, due in self._followup_due_rules(date_ref, horizon, partner_ids).items()}

    @api.model
    def _followup_due_rules(self, date_ref, horizon, partner_ids=None):
        """{customer id: (earliest take-back date, rule key, base date)} over the active pools'
        rules: the rule that takes the customer back first, and the date it counts from."""
        pools = self.env["crm.followup.pool"].sudo().search([("takeback_active", "=", True)])
        due = {}
        for partner_id, _user, rule, base, date in pools._due_rows(date_ref, horizon, partner_ids):
            date = dates.datetime_string(date)  # PostgreSQL's timestamp strings carry microseconds
            if partner_id not in due or date < due[partner_id][0]:
                due[partner_id] = (date, rule, dates.datetime_string(base))
        return due

    # ---- actions -----------------------------------------------------------------------

    def action_claim(self):
        """领取: a pool member takes an unowned customer of the pool."""
        self.ensure_one()
        self._followup_take(self.env.user, "claim")
        return self._followup_done_action(_("Customer claimed"), _("%s is now your customer.") % self.name)

    @api.model
    def _followup_done_action(self, title, message):
        """What a claim, release, assignment or hand-over answers the web client: a notification
        saying what happened (static/src/js/crm_followup_notify.js), then the dialog closes and
        the view reloads, so that a card leaving the kanban is not the only sign."""
        return {"type": "ir.actions.client", "tag": "crm_followup_notify",
                "params": {"title": title, "message": message}}

    def _followup_names(self, shown=3):
        """The customers' names for a message: the first `shown`, then how many more."""
        names = ", ".join(self[:shown].mapped("name"))
        if len(self) > shown:
            return _("%(names)s and %(count)d more") % {"names": names, "count": len(self) - shown}
        return names

    def _followup_take(self, user, action, reason=None):
        """Give this customer to `user` (claim or assignment) with every limit checked while the
        user's row and the customer's row are locked, so parallel claims cannot exceed them."""
        self.ensure_one()
        partner = self.sudo().commercial_partner_id
        cr = self.env.cr
        # A real (no-op) update of the user's row: parallel claims of one user queue here, and
        # one that started before another committed fails with a serialization error and is
        # retried by the RPC layer with a fresh snapshot, so its counts below are exact.
        cr.execute("UPDATE res_users SET write_date = write_date WHERE id = %s", [user.id], log_exceptions=False)
        cr.execute("SELECT user_id, pool_id FROM res_partner WHERE id = %s FOR UPDATE",
                   [partner.id], log_exceptions=False)
        owner_id, pool_id = cr.fetchone()
        owner = self.env["res.users"].sudo().browse(owner_id)
        pool = self.env["crm.followup.pool"].sudo().browse(pool_id) or \
            self.env["crm.followup.pool"]._default_pool(partner.company_id)
        if owner_id == user.id:
            raise UserError(_("%s is already your customer.") % partner.name)
        if action == "claim":
            partner._followup_check_pool_enabled()
            if owner_id:
                raise UserError(_("%(customer)s has already been claimed by %(owner)s.")
                                % {"customer": partner.name, "owner": owner.name})
            if not pool or not pool._is_member(user):
                raise UserError(_("%s is not in a public pool you belong to.") % partner.name)
            self._followup_check_reclaim(partner, user, pool)
            self._followup_check_daily_limit(user, pool)
        else:
            self._followup_check_assign(partner, user, pool)
        self._followup_check_cap(user, pool)
        return partner.with_env(self.env)._followup_move(user, action, reason=reason)

    def _followup_check_pool_enabled(self):
        """Claims and releases are the public pool's: refused while the customer's company has it off."""
        company = self.sudo().company_id
        if company and not company._followup_enabled("pool"):
            raise UserError(_("The public pool is switched off for %(company)s: %(customer)s cannot be claimed or "
                              "released. A Follow-up Manager assigns it to a salesperson.")
                            % {"company": company.name, "customer": self.sudo().display_name})

    @api.model
    def _followup_check_reclaim(self, partner, user, pool):
        if pool.reclaim_block_days and partner.previous_user_id == user and partner.date_released:
            until = dates.add_days(partner.date_released, pool.reclaim_block_days)
            if dates.to_datetime(until) > dates.to_datetime(fields.Datetime.now()):
                raise UserError(_("You released %(customer)s recently: you may claim it again from %(date)s.")
                                % {"customer": partner.name, "date": dates.format_datetime(self.env, until)})

    @api.model
    def _followup_check_daily_limit(self, user, pool):
        if not pool.daily_claim_limit:
            return
        if self._followup_claims_today(user) >= pool.daily_claim_limit:
            raise UserError(_("You have reached today's claim limit of %d customers.") % pool.daily_claim_limit)

    @api.model
    def _followup_claims_today(self, user):
        """How many customers `user` claimed today ("today" is the salesperson's day, in their
        time zone): what the daily claim limit counts."""
        since = dates.local_day_start(fields.Datetime.now(), dates.tz_of(user.tz))
        self.env.cr.execute("SELECT count(*) FROM crm_followup_pool_log WHERE action = 'claim'"
                            " AND to_user_id = %s AND date >= %s", [user.id, since])
        return self.env.cr.fetchone()[0]

    @api.model
    def _followup_held_count(self, user, pool):
        """How many customers `user` holds as `pool`'s holding cap counts them (won customers
        left out if the pool says so)."""
        won = EXEMPT_WON if pool.cap_excludes_won else ""
        self.env.cr.execute("SELECT count(*) FROM res_partner p WHERE p.user_id = %s AND p.active AND p.customer"
                            " AND p.id = p.commercial_partner_id " + won, [user.id])
        return self.env.cr.fetchone()[0]

    @api.model
    def _followup_check_cap(self, user, pool):
        # the cap is the public pool's: none while its company has the pool switched off
        if not pool or not pool.holding_cap or not pool.company_id._followup_enabled("pool"):
            return
        if self._followup_held_count(user, pool) >= pool.holding_cap:
            raise UserError(_("%(user)s already holds %(cap)d customers, the most allowed.")
                            % {"user": user.name, "cap": pool.holding_cap})

    @api.model
    def _followup_check_assign(self, partner, user, pool):
        me = self.env.user
        if not (me._followup_is_manager() or (pool and pool._is_admin(me))):
            raise UserError(_("Only a Follow-up Manager or an administrator of the pool can assign customers."))
        company = partner.company_id
        if not user.active or user.share or (company and company not in user.company_ids):
            raise UserError(_("%(user)s cannot own customers of %(company)s.")
                            % {"user": user.name, "company": company.name or partner.name})

    def _followup_move(self, to_user, action, pool=None, reason=None):
        """Move these customers to `to_user` (claim, assign, hand-over) or into `pool` (release,
        hand-over): see _followup_move_rows."""
        return self._followup_move_rows(
            "SELECT id, user_id FROM res_partner WHERE id = ANY(%(ids)s)", {"ids": self.ids},
            action, to_user=to_user, pool=pool, reason=reason)

    @api.model
    def _followup_move_rows(self, src, src_params, action, to_user=None, pool=None, rule=None, reason=None,
                            date=None):
        """The one path by which customers change hands: claim, assign, release, take-back and
        hand-over all end here, after their own checks.

        `src` selects (customer id, owner expected now) with `src_params` (see move_sql: commercial
        entities only; a customer whose owner changed meanwhile is skipped). Each customer goes to
        `to_user`, or with no `to_user` back into `pool` (required then); with a `to_user`, `pool`
        may name the pool it belongs to from now on. Its contact persons follow it, never a
        subsidiary company; one history row per customer records `action`, the take-back `rule`
        and the `reason`, dated `date` (default: now). The former owners' open reminders on the
        customer and its contacts then follow the customer to its new owner on a hand-over, and
        are closed with a note on every other move. Returns [(customer id, former owner id)]."""
        if action not in MOVE_ACTIONS:
            raise ValueError("unknown move %r" % action)
        to_user = to_user or self.env["res.users"]
        if not to_user and not pool:
            raise ValueError("a move back into the public pool needs the pool")
        if (action in ("claim", "assign")) != bool(to_user) and action != "handover":
            raise ValueError("%s %s an owner to move to" % (action, "needs" if not to_user else "takes no"))
        params = dict(src_params, move_action=action, move_to_user=to_user.id or None,
                      move_pool_id=pool.id if pool else None, move_rule=rule, move_reason=reason or None,
                      move_now=date or fields.Datetime.now(), move_uid=self.env.uid)
        self.env.cr.execute(move_sql(src), params)
        moved = self.env.cr.fetchall()
        if not moved:
            return moved
        self.invalidate_cache(["user_id", "pool_id", "previous_user_id", "date_released", "date_owner_received"])
        self.env["crm.followup.pool.log"].invalidate_cache()
        if action == "handover" and to_user:
            self._followup_reassign_activities(moved, to_user)
        else:
            note = self._followup_move_note(action, to_user, pool, reason)
            self._followup_close_activities([m for m in moved if m[1]], note)
        return moved

    def _followup_move_note(self, action, to_user, pool, reason):
        """The note that closes the former owners' reminders. A method, not a dict of lambdas:
        _() finds the language in its caller's `self`, which a lambda does not have."""
        if action == "claim":
            return _("The customer was claimed by %s.") % to_user.name
        if action == "assign":
            return _("The customer was assigned to %s.") % to_user.name
        if action == "release":
            return _("Released into the public pool: %s") % (reason or "")
        if action == "takeback":
            return _("Taken back into the public pool %s.") % pool.name
        return _("Handed over into the public pool: %s") % (reason or "")

    def _followup_close_activities(self, moved, feedback):
        """Close the former owners' open reminders on these customers and their contacts, with a
        "done" note signed by whoever moves them (moved: (customer id, former owner id))."""
        self.env["crm.followup.reminder"].close_of_former_owners(moved, feedback)

    def _followup_reassign_activities(self, moved, to_user):
        self.env["crm.followup.reminder"].reassign(moved, to_user)

    def _followup_release(self, reason, pool=None):
        """放回公海 by the owner, with a reason."""
        for partner in self.sudo().mapped("commercial_partner_id"):
            if partner.user_id != self.env.user:
                raise UserError(_("Only the owner of %s can release it.") % partner.name)
        if not (reason or "").strip():
            raise UserError(_("Please give a reason for releasing the customer."))
        customers = self.sudo().mapped("commercial_partner_id")
        for partner in customers:
            partner._followup_check_pool_enabled()
            target = pool or partner.pool_id or self.env["crm.followup.pool"]._default_pool(partner.company_id)
            if not target:
                raise UserError(_("%s belongs to no public pool: choose one.") % partner.name)
            partner.with_env(self.env)._followup_move(self.env["res.users"], "release", pool=target, reason=reason)
        return True

from odoo import SUPERUSER_ID, api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    followup_pool_ids = fields.Many2many(
        "crm.followup.pool", compute="_compute_followup_pools", string="Public Pools",
        help="The pools this user is a member of (directly or through a sales team).")
    followup_is_pool_admin = fields.Boolean(compute="_compute_followup_pools", string="Pool Administrator")
    followup_restricted = fields.Boolean(
        compute="_compute_followup_pools", string="Sees Own Customers Only",
        help="A salesperson (Follow-up User, neither manager nor pool administrator): sees their own "
             "customers and those of their pools only.")

    def _compute_followup_pools(self):
        # Read by the record rules on customers: plain SQL, no access rights involved.
        for user in self:
            self.env.cr.execute("""
                SELECT pool_id FROM crm_followup_pool_member_rel WHERE user_id = %(uid)s
                 UNION
                SELECT r.pool_id FROM crm_followup_pool_team_rel r JOIN res_users u ON u.sale_team_id = r.team_id
                 WHERE u.id = %(uid)s
            """, {"uid": user.id})
            user.followup_pool_ids = [row[0] for row in self.env.cr.fetchall()]
            self.env.cr.execute("SELECT 1 FROM crm_followup_pool_admin_rel r JOIN crm_followup_pool p"
                                " ON p.id = r.pool_id AND p.active WHERE r.user_id = %s LIMIT 1", [user.id])
            user.followup_is_pool_admin = bool(self.env.cr.fetchone())
            user.followup_restricted = (
                not user.followup_is_pool_admin and user.id != SUPERUSER_ID
                and user.sudo(user).has_group("crm_followup.crm_followup_group_user")
                and not user.sudo(user).has_group("crm_followup.crm_followup_group_manager"))

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        if not vals.get("partner_id"):
            # Odoo creates a user's partner before the user: it was taken for a customer without
            # owner and put into the default pool; a user's partner is nobody's customer
            self.env.cr.execute("UPDATE res_partner SET pool_id = NULL WHERE id = %s AND user_id IS NULL",
                                [user.partner_id.id])
            user.partner_id.invalidate_cache(["pool_id"], user.partner_id.ids)
        return user

    def write(self, vals):
        if "sale_team_id" in vals or "groups_id" in vals:
            self.env["ir.rule"].clear_caches()  # pool membership or role changed: who sees which customer
        return super(ResUsers, self).write(vals)

    def _followup_is_manager(self):
        """A Follow-up Manager (or the superuser): assigns, hands over, locks and moves customers
        between pools."""
        self.ensure_one()
        return self._is_superuser() or self.has_group("crm_followup.crm_followup_group_manager")

from odoo import _, fields, models


class CrmFollowupPoolRelease(models.TransientModel):
    """放回公海: the owner puts customers back into a public pool, saying why."""

    _name = "crm.followup.pool.release"
    _description = "Release Customers"

    partner_ids = fields.Many2many(
        "res.partner", string="Customers", required=True,
        default=lambda self: self.env.context.get("active_ids", []))
    pool_id = fields.Many2one(
        "crm.followup.pool", string="Public Pool",
        help="Leave empty to return each customer to its own pool (or the company's default pool).")
    reason = fields.Text(required=True)

    def action_release(self):
        self.ensure_one()
        names = self.partner_ids.mapped("commercial_partner_id")._followup_names()  # readable before, maybe not after
        self.partner_ids._followup_release(self.reason, pool=self.pool_id)
        return self.env["res.partner"]._followup_done_action(
            _("Customers released"), _("Back in the public pool: %s.") % names)

from odoo import fields, models


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
        self.partner_ids._followup_release(self.reason, pool=self.pool_id)
        return {"type": "ir.actions.act_window_close"}

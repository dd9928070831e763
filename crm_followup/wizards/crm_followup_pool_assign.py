from odoo import _, fields, models
from odoo.exceptions import UserError


class CrmFollowupPoolAssign(models.TransientModel):
    """分配: a pool administrator or manager gives customers to a salesperson."""

    _name = "crm.followup.pool.assign"
    _description = "Assign Customers"

    partner_ids = fields.Many2many(
        "res.partner", string="Customers", required=True,
        default=lambda self: self.env.context.get("active_ids", []))
    user_id = fields.Many2one("res.users", string="Salesperson", required=True,
                              domain=[("share", "=", False)])
    reason = fields.Text()

    def action_assign(self):
        self.ensure_one()
        customers = self.partner_ids.mapped("commercial_partner_id")
        if not customers:
            raise UserError(_("Choose the customers to assign."))
        for partner in customers:
            partner._followup_take(self.user_id, "assign", reason=self.reason)
        message = _("Assigned to %(user)s: %(customers)s.") % {
            "user": self.user_id.name, "customers": customers._followup_names()}
        return customers._followup_done_action(_("Customers assigned"), message)

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CrmFollowupPoolHandover(models.TransientModel):
    """离职交接: every customer of a leaving salesperson goes to a colleague or into a pool, in
    one statement, with a history row each; reminders follow (to the colleague) or are closed."""

    _name = "crm.followup.pool.handover"
    _description = "Hand Over Customers"

    from_user_id = fields.Many2one("res.users", string="Leaving Salesperson", required=True)
    target = fields.Selection([("user", "Another salesperson"), ("pool", "A public pool")],
                              required=True, default="user")
    to_user_id = fields.Many2one("res.users", string="New Salesperson", domain=[("share", "=", False)])
    pool_id = fields.Many2one("crm.followup.pool", string="Public Pool")
    reason = fields.Text(required=True, default=lambda self: _("The salesperson is leaving."))
    customer_count = fields.Integer(compute="_compute_customer_count", string="Customers to Hand Over")

    @api.depends("from_user_id")
    def _compute_customer_count(self):
        for wizard in self:
            wizard.customer_count = len(wizard._customers()) if wizard.from_user_id else 0

    def _customers(self):
        # archived customers too: none may stay with a salesperson who has left
        return self.env["res.partner"].sudo().with_context(active_test=False).search(
            [("user_id", "=", self.from_user_id.id), ("is_followup_customer", "=", True)])

    def action_handover(self):
        self.ensure_one()
        me = self.env.user
        if not me._followup_is_manager():
            raise UserError(_("Only a Follow-up Manager can hand over a salesperson's customers."))
        if self.target == "user":
            if not self.to_user_id or self.to_user_id == self.from_user_id:
                raise UserError(_("Choose the salesperson who takes over the customers."))
            companies = self._customers().mapped("company_id")
            if companies - self.to_user_id.company_ids:
                raise UserError(_("%(user)s cannot own customers of %(company)s.")
                                % {"user": self.to_user_id.name,
                                   "company": ", ".join((companies - self.to_user_id.company_ids).mapped("name"))})
        elif not self.pool_id:
            raise UserError(_("Choose the public pool that receives the customers."))
        to_user = self.to_user_id if self.target == "user" else self.env["res.users"]
        pool = self.pool_id if self.target == "pool" else None
        moved = self._customers().with_env(self.env)._followup_move(to_user, "handover", pool=pool, reason=self.reason)
        return self.env["res.partner"]._followup_done_action(
            _("Customers handed over"),
            _("%(count)d customers of %(from)s handed over to %(to)s.")
            % {"count": len(moved), "from": self.from_user_id.name, "to": (to_user or pool).name})

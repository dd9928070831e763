from odoo import _, fields, models


class CrmFollowupVisitAreaWizard(models.TransientModel):
    """Split a salesperson's customers into areas again, and say what was done."""

    _name = "crm.followup.visit.area.wizard"
    _description = "Compute Visit Areas"

    user_id = fields.Many2one("res.users", string="Salesperson", required=True, default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    area_count = fields.Integer(string="Areas", default=5, required=True,
                                help="Usually one per working day of the week.")
    result = fields.Text(readonly=True)

    def action_compute(self):
        self.ensure_one()
        self.result = self.env["crm.followup.visit.area"]._split_customers(
            self.user_id, self.company_id, self.area_count)
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new", "name": _("Compute Areas"),
        }

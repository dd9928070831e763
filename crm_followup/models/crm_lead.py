from odoo import api, fields, models

# What "won" means everywhere in this addon, as an SQL condition on a crm_lead aliased `l`:
# Odoo 11 has no won flag on stages; marking an opportunity won (action_set_won) and moving it
# into a stage that changes the probability automatically both set its probability to 100.
WON_LEAD_SQL = "(l.active AND l.probability >= 100)"


class CrmLead(models.Model):
    """Opportunities show their follow-ups and log new ones."""

    _inherit = "crm.lead"
    _followup_saved_search_action = "crm.crm_lead_opportunities"  # saved searches (ir_filters.py)

    followup_ids = fields.One2many("crm.followup.record", "lead_id", string="Follow-up Records")
    followup_count = fields.Integer(compute="_compute_followup_count", string="Follow-ups")

    @api.depends("followup_ids")
    def _compute_followup_count(self):
        counts = {}
        if self.ids:
            groups = self.env["crm.followup.record"].read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["lead_id"])
            counts = {g["lead_id"][0]: g["lead_id_count"] for g in groups}
        for lead in self:
            lead.followup_count = counts.get(lead.id, 0)

    def action_log_followup(self):
        self.ensure_one()
        partner = self.partner_id
        customer = partner.commercial_partner_id
        return self.env["crm.followup.record"]._log_action({
            "partner_id": customer.id,
            "contact_id": partner.id if partner != customer else False,
            "lead_id": self.id,
        })

    def action_view_followups(self):
        self.ensure_one()
        action = self.env.ref("crm_followup.crm_followup_record_action").read()[0]
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id,
                             "default_partner_id": self.partner_id.commercial_partner_id.id}
        return action

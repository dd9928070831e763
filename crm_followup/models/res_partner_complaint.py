from odoo import _, api, fields, models


class ResPartner(models.Model):
    """Complaints on the 360° customer form: the customer's complaints (those the user may see),
    their count on a smart button, their customers' average satisfaction, and registering a new one
    from the customer."""

    _inherit = "res.partner"

    complaint_ids = fields.One2many("crm.followup.complaint", "partner_id", string="Complaints")
    complaint_count = fields.Integer(compute="_compute_complaint_count", string="Complaints")
    complaint_satisfaction = fields.Float(
        compute="_compute_complaint_satisfaction", string="Complaint Satisfaction", digits=(3, 1),
        help="The average satisfaction score (10 satisfied, 5 not satisfied, 1 highly dissatisfied) of the "
             "customer's rated complaints.")
    complaint_rated_count = fields.Integer(compute="_compute_complaint_satisfaction", string="Rated Complaints")
    followup_complaint_on = fields.Boolean(
        compute="_compute_followup_complaint_on", string="Complaints On",
        help="The customer's company has complaints switched on (Settings > Customer Tracking).")

    def _compute_followup_complaint_on(self):
        companies = self.env["res.company"]._followup_companies_with("complaint")
        for partner in self:
            partner.followup_complaint_on = partner.sudo().company_id in companies

    def _compute_complaint_count(self):
        complaints = self.env["crm.followup.complaint"]
        counts = {}
        ids = [pid for pid in self.ids if pid]
        if ids and complaints.check_access_rights("read", raise_exception=False):
            groups = complaints.read_group([("partner_id", "in", ids)], ["partner_id"], ["partner_id"])
            counts = {group["partner_id"][0]: group["partner_id_count"] for group in groups}
        for partner in self:
            partner.complaint_count = counts.get(partner.id, 0)

    def _compute_complaint_satisfaction(self):
        complaints = self.env["crm.followup.complaint"]
        stats = {}
        ids = [pid for pid in self.ids if pid]
        if ids and complaints.check_access_rights("read", raise_exception=False):
            groups = complaints.read_group([("partner_id", "in", ids), ("satisfaction", "!=", False)],
                                           ["partner_id", "satisfaction_score"], ["partner_id"])
            stats = {group["partner_id"][0]: (group["satisfaction_score"], group["partner_id_count"])
                     for group in groups}
        for partner in self:
            partner.complaint_satisfaction, partner.complaint_rated_count = stats.get(partner.id, (0.0, 0))

    @api.multi
    def action_view_complaints(self):
        self.ensure_one()
        customer = self.commercial_partner_id
        action = self.env.ref("crm_followup.crm_followup_complaint_action").read()[0]
        action.update(domain=[("partner_id", "=", customer.id)],
                      context={"default_partner_id": customer.id, "search_default_open": 1})
        return action

    @api.multi
    def action_register_complaint(self):
        """A new complaint of this customer (a contact's: of its company, with the contact), in a
        dialog: saved, the customer shows it at once."""
        self.ensure_one()
        customer = self.commercial_partner_id
        context = {"default_partner_id": customer.id}
        if customer != self:
            context["default_contact_id"] = self.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Register Complaint"),
            "res_model": "crm.followup.complaint",
            "view_mode": "form",
            "views": [(self.env.ref("crm_followup.crm_followup_complaint_view_form_dialog").id, "form")],
            "target": "new",
            "context": context,
        }

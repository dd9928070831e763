from odoo import _, api, models
from odoo.exceptions import ValidationError


class CrmFollowupRecord(models.Model):
    """The company wall of follow-ups: a follow-up belongs to its customer's company (the record
    rules keep companies apart by it), not to the current company of whoever logs it."""

    _inherit = "crm.followup.record"

    @api.constrains("company_id", "partner_id")
    def _check_company(self):
        # sudo: the customer may be another company's, which its user may not even read
        for rec in self.sudo():
            customer_company = rec.partner_id.company_id
            if customer_company and rec.company_id != customer_company:
                raise ValidationError(_("A follow-up belongs to its customer's company: choose a customer of "
                                        "%s, or log the follow-up in the customer's company.") % rec.company_id.name)

    @api.onchange("partner_id")
    def _onchange_partner_company(self):
        if self.partner_id.company_id:
            self.company_id = self.partner_id.company_id

    @api.model
    def create(self, vals):
        customer = self.env["res.partner"].browse(vals.get("partner_id"))
        # only on a customer the user may see: another company's is refused before anything is written
        customer.check_access_rule("read")
        if customer and not vals.get("company_id"):
            vals["company_id"] = customer.sudo().company_id.id
        return super(CrmFollowupRecord, self).create(vals)

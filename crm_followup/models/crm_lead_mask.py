"""Opportunities neither keep nor hand on the hidden contact data of a pool customer.

Choosing a pool customer on an opportunity fills in its contact data from what the pool member
sees, the masked values (res_partner_mask.py): the form shows them, but they are not saved into
the opportunity, whose own phone and e-mail would otherwise hold "138****5678" for good. An
opportunity of a pool customer that a pool member may read (an unassigned one, say from the
website) carries its own copy of the customer's phone and e-mail: the member reads them masked
and cannot search by them.
"""
from odoo import api, models

from .res_partner_mask import mask_linked, restrict_linked

# the opportunity's fields the customer's contact data is copied into
LEAD_CONTACT_FIELDS = ("email_from", "phone", "mobile")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def create(self, vals):
        partner = self.env["res.partner"].browse(vals.get("partner_id") or self.env.context.get("default_partner_id"))
        if partner.followup_contact_masked and not vals.get("email_from"):
            # crm fills in the e-mail of the context's default customer: give it explicitly instead
            self = self.with_context(default_partner_id=False)
            vals = dict(vals, partner_id=partner.id)
        return super(CrmLead, self).create(self._followup_without_masked(vals, partner))

    def write(self, vals):
        partners = self.env["res.partner"].browse(vals["partner_id"]) if vals.get("partner_id") else \
            self.mapped("partner_id")
        return super(CrmLead, self).write(self._followup_without_masked(vals, partners))

    def _read_from_database(self, field_names, inherited_field_names=None):
        result = super(CrmLead, self)._read_from_database(field_names, inherited_field_names or [])
        mask_linked(self, field_names, LEAD_CONTACT_FIELDS, "partner_id")
        return result

    @api.model
    def _where_calc(self, domain, active_test=True):
        domain = restrict_linked(self, domain, LEAD_CONTACT_FIELDS, "partner_id")
        return super(CrmLead, self)._where_calc(domain, active_test)

    @api.model
    def _followup_without_masked(self, vals, partners):
        """`vals` with the masked contact data of `partners` emptied."""
        masked = partners.filtered("followup_contact_masked")
        if not masked or not any(vals.get(name) for name in LEAD_CONTACT_FIELDS):
            return vals
        hidden = {partner[name] for partner in masked for name in ("phone", "mobile", "email")} - {False}
        return dict(vals, **{name: False for name in LEAD_CONTACT_FIELDS if vals.get(name) in hidden})

"""Meeting attendees do not hand on the hidden e-mail of a pool customer.

An attendee keeps a copy of its partner's e-mail (the invitation is sent to it). For a pool
customer whose contact data is hidden from the user (res_partner_mask.py), the copy is the real
address (so the invitation arrives) but the user reads it masked and cannot search by it.
"""
from odoo import api, models

from .res_partner_mask import MASKED_PARTNERS_SQL, mask_email, restrict_domain


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model
    def create(self, vals):
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        if partner.followup_contact_masked:
            vals = dict(vals, email=partner.sudo().email)
        return super(CalendarAttendee, self).create(vals)

    def _masked_partner_ids(self):
        Partner = self.env["res.partner"]
        if Partner._followup_sees_contact_data():
            return set()
        return Partner.browse(self.sudo().mapped("partner_id").ids)._followup_masked_ids()

    def _read_from_database(self, field_names, inherited_field_names=[]):  # noqa: B006 (Odoo's signature)
        super(CalendarAttendee, self)._read_from_database(field_names, inherited_field_names)
        if "email" not in field_names:
            return
        masked = self._masked_partner_ids()
        if not masked:
            return
        cache, field = self.env.cache, self._fields["email"]
        for attendee in self:
            if cache.contains_value(attendee, field) and attendee.sudo().partner_id.id in masked:
                cache.set(attendee, field, mask_email(cache.get_value(attendee, field)))

    @api.model
    def _where_calc(self, domain, active_test=True):
        if domain and any(str(leaf[0]).split(".")[0] == "email" for leaf in domain if isinstance(leaf, (list, tuple))):
            if not self.env["res.partner"]._followup_sees_contact_data():
                self.env.cr.execute(MASKED_PARTNERS_SQL, [self.env.uid])
                masked = [row[0] for row in self.env.cr.fetchall()]
                domain = restrict_domain(domain, ("email",), [("partner_id", "not in", masked)])
        return super(CalendarAttendee, self)._where_calc(domain, active_test)

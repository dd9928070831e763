"""Meeting attendees do not hand on the hidden e-mail of a pool customer.

An attendee keeps a copy of its partner's e-mail (the invitation is sent to it). For a pool
customer whose contact data is hidden from the user (res_partner_mask.py), the copy is the real
address (so the invitation arrives) but the user reads it masked and cannot search by it.
"""
from odoo import api, models

from .res_partner_mask import mask_linked, restrict_linked


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    @api.model
    def create(self, vals):
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        if partner.followup_contact_masked:
            vals = dict(vals, email=partner.sudo().email)
        return super(CalendarAttendee, self).create(vals)

    def _read_from_database(self, field_names, inherited_field_names=None):
        result = super(CalendarAttendee, self)._read_from_database(field_names, inherited_field_names or [])
        mask_linked(self, field_names, ["email"], "partner_id")
        return result

    @api.model
    def _where_calc(self, domain, active_test=True):
        domain = restrict_linked(self, domain, ["email"], "partner_id")
        return super(CalendarAttendee, self)._where_calc(domain, active_test)

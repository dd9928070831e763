"""The chatter does not show the hidden e-mail of a pool customer in the messages it sent.

A message received from a customer keeps its sender's address (email_from, '"杜敏" <...>').
When the author's contact data is hidden from the user (res_partner_mask.py), the user reads
the address masked and cannot search messages by it.
"""
from odoo import api, models

from .res_partner_mask import mask_linked, restrict_linked


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _read_from_database(self, field_names, inherited_field_names=None):
        result = super(MailMessage, self)._read_from_database(field_names, inherited_field_names or [])
        mask_linked(self, field_names, ["email_from", "reply_to"], "author_id")
        return result

    @api.model
    def _where_calc(self, domain, active_test=True):
        domain = restrict_linked(self, domain, ["email_from", "reply_to"], "author_id")
        return super(MailMessage, self)._where_calc(domain, active_test)

"""The chatter does not tell a pool member which customer a hidden e-mail address belongs to.

Typing an address as a recipient (message_partner_info_from_emails, also behind the suggested
recipients) looks partners up as superuser: a pool customer whose e-mail is hidden from the user
(res_partner_mask.py) is not returned, or the answer would confirm a guessed address.
"""
from odoo import api, models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.multi
    def message_partner_info_from_emails(self, emails, link_mail=False):
        result = super(MailThread, self).message_partner_info_from_emails(emails, link_mail=link_mail)
        found = self.env["res.partner"].browse([info["partner_id"] for info in result if info.get("partner_id")])
        masked = found._followup_masked_ids()
        for info in result:
            if info.get("partner_id") in masked:
                info["partner_id"] = False
        return result

"""Two fixes to the chatter of every document.

- Creating a document survives the RPC layer's retry. Odoo 11's mail.thread create adds the
  creator's follower line to the `values` it is given, in place. When two users write the same
  row at once, PostgreSQL refuses one transaction ("could not serialize access") and the RPC
  layer runs the same call again with the same, now modified, values: the creator is then
  subscribed twice and the call fails with "a partner cannot follow the same object twice"
  (five people logging follow-ups on one customer at the same moment lost four of them). Each
  attempt gets its own copy of the values.
- The chatter does not tell a pool member which customer a hidden e-mail address belongs to.
  Typing an address as a recipient (message_partner_info_from_emails, also behind the suggested
  recipients) looks partners up as superuser: a pool customer whose e-mail is hidden from the
  user (res_partner_mask.py) is not returned, or the answer would confirm a guessed address.
"""
from odoo import api, models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def create(self, values):
        values = dict(values)
        if isinstance(values.get("message_follower_ids"), list):
            values["message_follower_ids"] = list(values["message_follower_ids"])
        return super(MailThread, self).create(values)

    @api.multi
    def message_partner_info_from_emails(self, emails, link_mail=False):
        result = super(MailThread, self).message_partner_info_from_emails(emails, link_mail=link_mail)
        found = self.env["res.partner"].browse([info["partner_id"] for info in result if info.get("partner_id")])
        masked = found._followup_masked_ids()
        for info in result:
            if info.get("partner_id") in masked:
                info["partner_id"] = False
        return result

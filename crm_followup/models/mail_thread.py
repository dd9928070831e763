from odoo import api, models


class MailThread(models.AbstractModel):
    """Creating a document with a chatter survives the RPC layer's retry.

    Odoo 11's mail.thread create adds the creator's follower line to the `values` it is given, in
    place. When two users write the same row at once, PostgreSQL refuses one transaction
    ("could not serialize access") and the RPC layer runs the same call again with the same,
    now modified, values: the creator is then subscribed twice and the call fails with "a partner
    cannot follow the same object twice" (five people logging follow-ups on one customer at the
    same moment lost four of them). Each attempt gets its own copy of the values."""

    _inherit = "mail.thread"

    @api.model
    def create(self, values):
        values = dict(values)
        if isinstance(values.get("message_follower_ids"), list):
            values["message_follower_ids"] = list(values["message_follower_ids"])
        return super(MailThread, self).create(values)

"""The chatter's follower list shows a pool customer's e-mail masked (the route reads as superuser)."""
from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.main import MailController

from ..models.res_partner_mask import mask_email


class FollowupMailController(MailController):

    @http.route()
    def read_followers(self, follower_ids, res_model):
        result = super(FollowupMailController, self).read_followers(follower_ids, res_model)
        partners = [f["res_id"] for f in result["followers"] if f["res_model"] == "res.partner"]
        masked = request.env["res.partner"].browse(partners)._followup_masked_ids()
        for follower in result["followers"]:
            if follower["res_model"] == "res.partner" and follower["res_id"] in masked:
                follower["email"] = mask_email(follower["email"])
        return result

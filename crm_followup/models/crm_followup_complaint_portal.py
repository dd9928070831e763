from odoo import models


class CrmFollowupComplaint(models.Model):
    """Complaints in the customer portal (/my/complaints, controllers/portal.py): a portal user
    sees their own company's complaints and their state (record rule for base.group_portal in
    security/crm_followup_complaint_security.xml)."""

    _name = "crm.followup.complaint"
    _inherit = ["crm.followup.complaint", "portal.mixin"]

    def _compute_portal_url(self):
        for rec in self:
            rec.portal_url = "/my/complaints/%s" % rec.id

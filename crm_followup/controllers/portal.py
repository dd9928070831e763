from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager


class ComplaintPortal(CustomerPortal):
    """/my/complaints: the portal customer's complaints and their state, as Odoo's portal shows
    other documents. Searched as the portal user (the record rules say which are theirs), shown
    with sudo (stage, category and channel names are not the portal user's to read)."""

    def _prepare_portal_layout_values(self):
        values = super(ComplaintPortal, self)._prepare_portal_layout_values()
        values["complaint_count"] = request.env["crm.followup.complaint"].search_count([])
        return values

    def _complaint_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "date_registered desc, id desc"},
            "name": {"label": _("Complaint No."), "order": "name desc"},
            "stage": {"label": _("Stage"), "order": "stage_id, date_registered desc"},
        }

    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_complaints(self, page=1, sortby=None, **kw):
        values = self._prepare_portal_layout_values()
        Complaint = request.env["crm.followup.complaint"]
        sortings = self._complaint_sortings()
        sortby = sortby if sortby in sortings else "date"
        pager = portal_pager(url="/my/complaints", url_args={"sortby": sortby}, total=values["complaint_count"],
                             page=page, step=self._items_per_page)
        complaints = Complaint.search([], order=sortings[sortby]["order"], limit=self._items_per_page,
                                      offset=pager["offset"])
        values.update({
            "complaints": complaints.sudo(),
            "page_name": "complaint",
            "pager": pager,
            "default_url": "/my/complaints",
            "searchbar_sortings": sortings,
            "sortby": sortby,
        })
        return request.render("crm_followup.portal_my_complaints", values)

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="user", website=True)
    def portal_my_complaint(self, complaint_id, **kw):
        complaint = request.env["crm.followup.complaint"].browse(complaint_id)
        try:
            complaint.check_access_rights("read")
            complaint.check_access_rule("read")
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"complaint": complaint.sudo(), "page_name": "complaint"})
        return request.render("crm_followup.portal_my_complaint", values)

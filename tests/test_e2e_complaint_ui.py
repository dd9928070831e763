"""Registering a complaint in a real browser, at desktop and phone size: 张伟 opens a customer of
his, taps Register Complaint, says what it is about and saves; the complaint gets its number, is
his customer's, and shows on the customer. Screenshots in artifacts/ (`_phone` on the phone)."""
from test_e2e_complaint import cleanup  # noqa: F401 (the fixture: the complaint and its reminder go afterwards)
from test_e2e_ui import browse

MY_CUSTOMERS = ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"]
LISTED = ".o_list_view, .o_kanban_view"  # a list on the desktop, cards on the phone
FIRST = ".o_list_view .o_data_row td.o_data_cell, .o_kanban_record:not(.o_kanban_ghost)"
FORM = ".o_content .o_form_view"
DIALOG = ".modal .o_form_view"


def test_register_a_complaint_from_the_customer_form(server, admin, screen, cleanup):  # noqa: F811
    zhang = server.rpc("zhangwei")
    subject = "样品颜色与确认样不一致（%s）" % screen["name"]
    quality_id = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.crm_followup_complaint_category_quality")
    quality = zhang.call("crm.followup.complaint.category", "read", [quality_id], ["name"])[0]["name"]  # 产品质量
    # on a phone the form's header buttons sit in a dropdown (web_responsive)
    header = FORM + (" .o_statusbar_buttons_dropdown" if screen["mobile"] else " .o_statusbar_buttons_base")
    open_header = [{"click": header + " .dropdown-toggle"}] if screen["mobile"] else []
    # on the desktop the customer shows it at once: its page of complaints lists it
    listed = [] if screen["mobile"] else [
        {"click": FORM + " .o_notebook a:has-text('投诉')", "see": FORM + " td:has-text('%s')" % subject}]
    shots = browse(server, "zhangwei", [
        {"name": "complaint_customer", "wait": LISTED, "menus": MY_CUSTOMERS, "click": FIRST},
        {"name": "complaint_new", "wait": FORM, "menus": [],
         "then": open_header + [{"click": header + " button.o_crm_followup_register_complaint",
                                 "wait": DIALOG, "see": DIALOG + " input[name=subject]"}]},
        {"name": "complaint_registered", "wait": DIALOG, "menus": [],
         "then": [{"fill": {DIALOG + " input[name=subject]": subject,
                            DIALOG + " .o_field_many2one[name=category_id] input": quality},
                   "click": ".ui-autocomplete .ui-menu-item a:has-text('%s')" % quality},
                  {"click": ".modal-footer button:has-text('保存')", "gone": DIALOG}] + listed,
         "texts": {"customer": FORM + " .oe_title h1"}},
    ], screen=screen)
    assert {"subject", "partner_id", "category_id", "severity", "channel_id", "date_registered"} <= set(
        shots["complaint_new"]["required"])
    customer = shots["complaint_customer"]["title"].rsplit(" - ", 1)[0]
    saved = zhang.call("crm.followup.complaint", "search_read", [("subject", "=", subject)],
                       ["name", "partner_id", "category_id", "customer_owner_id", "user_id"])
    assert len(saved) == 1, "saved once"
    assert (saved[0]["partner_id"][1], saved[0]["category_id"][0], saved[0]["customer_owner_id"][0]) == (
        customer, quality_id, zhang.uid)
    assert shots["complaint_registered"]["texts"]["customer"] == customer
    assert zhang.call("res.partner", "read", [saved[0]["partner_id"][0]], ["complaint_count"])[0]["complaint_count"]

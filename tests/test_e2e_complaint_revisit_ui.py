"""The return visit and the portal in a real browser, at desktop and phone size: 张伟 calls the
customer back after a complaint was solved and records the answer with Record Satisfaction; the
customer's purchasing manager (portal user `customer`) follows her company's complaints in
/my/complaints. Screenshots in artifacts/ (`_phone` on the phone)."""
from test_e2e_complaint_revisit import COMPLAINT, cleanup, ref  # noqa: F401 (the fixture)
from test_e2e_ui import browse

FORM = ".o_content .o_form_view"
DIALOG = ".modal .o_form_view"


def test_phone_return_visit_records_the_customers_answer(server, admin, screen, cleanup):  # noqa: F811
    zhang = server.rpc("zhangwei")
    complaint_id = zhang.call(COMPLAINT, "create", {
        "partner_id": ref(admin, "res_partner_c03_demo"), "contact_id": ref(admin, "res_partner_c03_contact1_demo"),
        "subject": "回访：样品颜色不一致（%s）" % screen["name"],
        "category_id": ref(admin, "crm_followup_complaint_category_quality")})
    zhang.call(COMPLAINT, "write", [complaint_id], {
        "stage_id": ref(admin, "crm_followup_complaint_stage_solved"),
        "root_cause_id": ref(admin, "crm_followup_complaint_cause_product"), "resolution": "按确认样重新打样"})
    # on a phone the form's header buttons sit in a dropdown (web_responsive)
    header = FORM + (" .o_statusbar_buttons_dropdown" if screen["mobile"] else " .o_statusbar_buttons_base")
    open_header = [{"click": header + " .dropdown-toggle"}] if screen["mobile"] else []
    shots = browse(server, "zhangwei", [
        {"name": "complaint_return_visit", "wait": FORM,
         # "/web?": a page load, not a hash change the web client may not listen to yet
         "path": "/web?#id=%s&model=%s&view_type=form" % (complaint_id, COMPLAINT),
         "then": open_header + [{"click": header + " button.o_crm_followup_record_satisfaction",
                                 "wait": DIALOG},
                                {"click": DIALOG + " .o_field_radio input[data-value='10']",
                                 "fill": {DIALOG + " textarea": "电话回访：客户对新样品很满意"}}]},
        {"name": "complaint_satisfied", "wait": ".modal-footer .btn-primary",  # the dialog still open
         "then": [{"click": ".modal-footer button:has-text('登记')", "gone": DIALOG,
                   "see": FORM + " .o_crm_followup_complaint_satisfaction"}],
         "texts": {"satisfaction": FORM + " .o_crm_followup_complaint_satisfaction"}},
    ], screen=screen)
    assert shots["complaint_satisfied"]["texts"]["satisfaction"] == "满意"
    saved = zhang.call(COMPLAINT, "read", [complaint_id], ["satisfaction", "satisfaction_feedback"])[0]
    assert (saved["satisfaction"], saved["satisfaction_feedback"]) == ("satisfied", "电话回访：客户对新样品很满意")


def test_portal_customer_follows_her_complaints(server, admin, screen):
    company = ref(admin, "res_partner_c03_demo")
    theirs = admin.call(COMPLAINT, "search_read", [("partner_id", "=", company)], ["name", "subject"],
                        order="date_registered desc, id desc")
    shots = browse(server, "customer", [
        {"name": "portal_complaints", "path": "/my/complaints", "wait": ".o_crm_followup_portal_complaints",
         "texts": {"first": ".o_crm_followup_portal_complaints tbody tr td a"},
         "then": [{"fits": ".o_portal_wrap .table-responsive"}]},  # the stage too, no sideways scrolling
        {"name": "portal_complaint", "wait": ".o_crm_followup_portal_complaints",
         "then": [{"click": ".o_crm_followup_portal_complaints tbody tr td a",
                   "see": ".o_crm_followup_portal_complaint"}],
         "texts": {"title": ".o_crm_followup_portal_complaint .panel-heading",
                   "state": ".o_crm_followup_portal_complaint .o_crm_followup_complaint_state"}},
    ], screen=screen, frontend=True)
    assert shots["portal_complaints"]["texts"]["first"] == theirs[0]["name"]
    assert theirs[0]["subject"] in shots["portal_complaint"]["texts"]["title"]
    assert shots["portal_complaint"]["texts"]["state"]

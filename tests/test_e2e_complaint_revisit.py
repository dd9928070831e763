"""Return visit, satisfaction, the portal and who sees which complaint, over the real JSON-RPC API
and HTTP as each role: the complaint handler (周敏, zhoumin) sees her own and her team's complaints,
the portal customer (侯丽娟, customer) her company's only and reads them in /my/complaints, nobody
writes a customer's answer around the rating page, the one-click link and the phone return visit
record it, a low answer escalates once."""
import re
import urllib.request

import pytest

import conftest

COMPLAINT = "crm.followup.complaint"


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


def refused(call, name="odoo.exceptions.AccessError"):
    return conftest.refused(call, name)


def get(rpc, path):
    """A page as this user's browser session sees it: (final URL, HTML)."""
    with rpc.opener.open(rpc.url + path, timeout=60) as resp:
        return resp.geturl(), resp.read().decode()


@pytest.fixture()
def cleanup(admin):
    """Complaints registered by a test are removed afterwards, with the reminders and mails they gave."""
    before = admin.call(COMPLAINT, "search", [])
    activities = admin.call("mail.activity", "search", [])
    mails = admin.call("mail.mail", "search", [])
    yield
    admin.call(COMPLAINT, "unlink", admin.call(COMPLAINT, "search", [("id", "not in", before)]))
    admin.call("mail.activity", "unlink", admin.call("mail.activity", "search", [("id", "not in", activities)]))
    admin.call("mail.mail", "unlink", admin.call("mail.mail", "search", [("id", "not in", mails)]))


def test_handler_sees_and_works_her_own_and_her_teams_complaints(server, admin):
    zhou = server.rpc("zhoumin")
    service_team = ref(admin, "crm_followup_complaint_team_service_demo")
    hers = zhou.call(COMPLAINT, "search_read", [], ["team_id", "user_id"])
    assert hers, "the demo routes complaints to her team"
    assert all((c["team_id"] and c["team_id"][0] == service_team) or (c["user_id"] and c["user_id"][0] == zhou.uid)
               for c in hers), hers
    assert zhou.call(COMPLAINT, "search_count", []) == len(hers)
    groups = zhou.call(COMPLAINT, "read_group", [], ["stage_id"], ["stage_id"])
    assert sum(g["stage_id_count"] for g in groups) == len(hers)
    assert len(hers) < admin.call(COMPLAINT, "search_count", [])
    others = ref(admin, "crm_followup_complaint_001_demo")  # 李娜's A-grade customer, the key-account team
    refused(lambda: zhou.call(COMPLAINT, "read", [others], ["subject"]))
    refused(lambda: zhou.call(COMPLAINT, "write", [others], {"severity": "minor"}))
    # she works hers: takes one of the team's and moves it on
    open_one = [c["id"] for c in zhou.call(COMPLAINT, "search_read", [("state", "in", ("new", "in_progress"))], ["id"])]
    if open_one:
        zhou.call(COMPLAINT, "write", [open_one[0]], {"user_id": zhou.uid})
        assert zhou.call(COMPLAINT, "read", [open_one[0]], ["user_id"])[0]["user_id"][0] == zhou.uid


def test_manager_sees_all_of_the_company_and_salespeople_their_customers(server, admin):
    manager = server.rpc("manager")
    company = manager.call("res.users", "read", [manager.uid], ["company_id"])[0]["company_id"][0]
    assert manager.call(COMPLAINT, "search_count", []) == admin.call(
        COMPLAINT, "search_count", [("company_id", "=", company)])
    zhang = server.rpc("zhangwei")
    for complaint in zhang.call(COMPLAINT, "search_read", [], ["partner_id", "user_id"]):
        owner = admin.call("res.partner", "read", [complaint["partner_id"][0]], ["user_id"])[0]["user_id"]
        assert zhang.uid in (owner and owner[0], complaint["user_id"] and complaint["user_id"][0])


def test_portal_customer_sees_her_companys_complaints_only(server, admin):
    portal = server.rpc("customer")
    company = ref(admin, "res_partner_c03_demo")
    theirs = admin.call(COMPLAINT, "search_read", [("partner_id", "=", company)], ["name"])
    assert theirs, "the demo has complaints of 深圳创维精密"
    assert portal.call(COMPLAINT, "search_count", []) == len(theirs)
    assert sorted(portal.call(COMPLAINT, "search", [])) == sorted(c["id"] for c in theirs)
    groups = portal.call(COMPLAINT, "read_group", [], ["partner_id"], ["partner_id"])
    assert [(g["partner_id"][0], g["partner_id_count"]) for g in groups] == [(company, len(theirs))]
    others = ref(admin, "crm_followup_complaint_001_demo")
    refused(lambda: portal.call(COMPLAINT, "read", [others], ["subject"]))
    refused(lambda: portal.call(COMPLAINT, "write", [theirs[0]["id"]], {"subject": "改个标题"}))
    refused(lambda: portal.call(COMPLAINT, "read", [theirs[0]["id"]], ["customer_grade_id"]))
    refused(lambda: portal.call(COMPLAINT, "create", {"partner_id": company, "subject": "门户登记"}))
    # nor another company's ratings, tokens included
    assert not portal.call("rating.rating", "search", [("res_model", "=", COMPLAINT),
                                                       ("partner_id", "not in", _people_of(admin, company))])

    # the portal: the /my counter, the list, one complaint; another's page sends her home
    _url, home = get(portal, "/my/home")
    assert 'href="/my/complaints"' in home
    _url, listing = get(portal, "/my/complaints")
    for complaint in theirs[:20]:
        assert complaint["name"] in listing
    other_name = admin.call(COMPLAINT, "read", [others], ["name"])[0]["name"]
    assert other_name not in listing
    url, page = get(portal, "/my/complaints/%s" % theirs[0]["id"])
    assert url.endswith("/my/complaints/%s" % theirs[0]["id"]) and theirs[0]["name"] in page
    url, page = get(portal, "/my/complaints/%s" % others)
    assert url.endswith("/my") and other_name not in page


def _people_of(admin, company):
    return admin.call("res.partner", "search", [("commercial_partner_id", "=", company)])


def test_solving_plans_the_return_visit_asks_the_customer_and_records_the_answers(server, admin, cleanup):
    zhang = server.rpc("zhangwei")
    customer = ref(admin, "res_partner_c03_demo")
    contact = ref(admin, "res_partner_c03_contact1_demo")
    complaint_id = zhang.call(COMPLAINT, "create", {
        "partner_id": customer, "contact_id": contact, "subject": "回访测试：包装破损",
        "category_id": ref(admin, "crm_followup_complaint_category_quality")})
    # nobody rates before it is solved
    wizard = zhang.call("crm.followup.complaint.rating.wizard", "create", {"complaint_id": complaint_id, "score": "10"})
    message = refused(lambda: zhang.call("crm.followup.complaint.rating.wizard", "action_record", [wizard]),
                      "odoo.exceptions.UserError")
    assert "尚未解决" in message
    zhang.call(COMPLAINT, "write", [complaint_id], {
        "stage_id": ref(admin, "crm_followup_complaint_stage_solved"),
        "root_cause_id": ref(admin, "crm_followup_complaint_cause_product"), "resolution": "补发新包装 50 套"})
    revisit_type = ref(admin, "mail_activity_type_complaint_revisit")
    name = zhang.call(COMPLAINT, "read", [complaint_id], ["name"])[0]["name"]
    revisits = admin.call("mail.activity", "search_read", [
        ("res_model", "=", "res.partner"), ("res_id", "=", customer), ("activity_type_id", "=", revisit_type),
        ("summary", "like", name)], ["user_id", "date_deadline"])
    assert [r["user_id"][0] for r in revisits] == [zhang.uid], "the owner calls back"

    # the satisfaction request: to the contact, in Chinese, with one-click links
    mail = admin.call("mail.mail", "search_read", [("model", "=", COMPLAINT), ("res_id", "=", complaint_id),
                                                   ("recipient_ids", "in", [contact])],
                      ["body_html", "subject", "recipient_ids"])
    assert len(mail) == 1 and mail[0]["recipient_ids"] == [contact]
    assert "满意吗" in mail[0]["subject"] and "非常不满意" in mail[0]["body_html"]
    link = re.search(r'href="([^"]*/rating/[0-9a-f-]+/10)"', mail[0]["body_html"]).group(1)
    path = link[link.index("/rating/"):]
    # a salesperson may not answer for the customer around the rating page
    rating = admin.call("rating.rating", "search", [("res_model", "=", COMPLAINT), ("res_id", "=", complaint_id)])
    assert not zhang.call("rating.rating", "search", [("res_model", "=", COMPLAINT)]), "nor reads its token"
    refused(lambda: zhang.call("rating.rating", "write", rating, {"rating": 10, "consumed": True}))
    refused(lambda: zhang.call(COMPLAINT, "rating_get_access_token", [complaint_id]))
    complaint_model = admin.call("ir.model", "search", [("model", "=", COMPLAINT)])[0]
    refused(lambda: zhang.call("rating.rating", "create", {
        "res_model_id": complaint_model, "res_id": complaint_id, "access_token": "zhangwei-knows"}))
    # the customer clicks "satisfied" (no session)
    with urllib.request.urlopen(server.url + path, timeout=60) as resp:
        assert resp.status == 200
    answer = admin.call(COMPLAINT, "read", [complaint_id], ["satisfaction", "satisfaction_score", "state"])[0]
    assert (answer["satisfaction"], answer["satisfaction_score"], answer["state"]) == ("satisfied", 10.0, "solved")

    # the phone return visit a week later: now highly dissatisfied, which escalates once
    before = admin.call("mail.activity", "search", [("res_id", "=", customer), ("activity_type_id", "=", revisit_type)])
    wizard = zhang.call("crm.followup.complaint.rating.wizard", "create", {
        "complaint_id": complaint_id, "score": "1", "feedback": "包装还是破的"})
    zhang.call("crm.followup.complaint.rating.wizard", "action_record", [wizard])
    answer = admin.call(COMPLAINT, "read", [complaint_id], ["satisfaction", "satisfaction_feedback"])[0]
    assert (answer["satisfaction"], answer["satisfaction_feedback"]) == ("highly_dissatisfied", "包装还是破的")
    escalated = admin.call("mail.activity", "search_read", [
        ("res_id", "=", customer), ("activity_type_id", "=", revisit_type), ("id", "not in", before)],
        ["user_id", "summary"])
    assert ref(admin, "crm_followup_user_manager_demo") in [e["user_id"][0] for e in escalated], escalated
    assert all("满意度低" in e["summary"] for e in escalated)
    # the customer clicks "highly dissatisfied" in the old mail too: nobody is told twice
    last = admin.call("rating.rating", "search_read", [("res_model", "=", COMPLAINT), ("res_id", "=", complaint_id)],
                      ["access_token"], order="id desc", limit=1)[0]
    with urllib.request.urlopen(server.url + "/rating/%s/1" % last["access_token"], timeout=60) as resp:
        assert resp.status == 200
    assert admin.call("mail.activity", "search_count", [
        ("res_id", "=", customer), ("activity_type_id", "=", revisit_type), ("id", "not in", before)]) == len(escalated)


def test_a_category_without_required_resolution_solves_without_one(server, admin, cleanup):
    zhang = server.rpc("zhangwei")
    other = ref(admin, "crm_followup_complaint_category_other")
    solved = ref(admin, "crm_followup_complaint_stage_solved")
    complaint_id = zhang.call(COMPLAINT, "create", {
        "partner_id": ref(admin, "res_partner_c03_demo"), "subject": "资料寄错地址", "category_id": other})
    refused(lambda: zhang.call(COMPLAINT, "write", [complaint_id], {"stage_id": solved}),
            "odoo.exceptions.ValidationError")
    refused(lambda: zhang.call("crm.followup.complaint.category", "write", [other], {"resolution_required": False}))
    admin.call("crm.followup.complaint.category", "write", [other], {"resolution_required": False})
    try:
        zhang.call(COMPLAINT, "write", [complaint_id], {"stage_id": solved})
        assert zhang.call(COMPLAINT, "read", [complaint_id], ["state"])[0]["state"] == "solved"
    finally:
        admin.call("crm.followup.complaint.category", "write", [other], {"resolution_required": True})

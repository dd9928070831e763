"""Complaints over the real JSON-RPC API, as the salesperson who wants around the rules: he sees
his customers' complaints and those assigned to him, registers complaints of his own customers
only, cannot rewrite what was registered, cannot solve without saying why and how, and the
other company sees nothing."""
import pytest

from conftest import refused

REGISTERED = ["name", "partner_id", "customer_grade_id", "customer_owner_id", "company_id", "date_registered",
              "date_solved", "stage_id", "resolution"]


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


@pytest.fixture()
def cleanup(admin):
    """Complaints registered by a test are removed afterwards, with the reminders they gave the
    owners (the other tests count reminders)."""
    before = admin.call("crm.followup.complaint", "search", [])
    complaint_type = ref(admin, "mail_activity_type_complaint")
    reminders = admin.call("mail.activity", "search", [("activity_type_id", "=", complaint_type)])
    yield
    admin.call("crm.followup.complaint", "unlink",
               admin.call("crm.followup.complaint", "search", [("id", "not in", before)]))
    admin.call("mail.activity", "unlink", admin.call(
        "mail.activity", "search", [("activity_type_id", "=", complaint_type), ("id", "not in", reminders)]))


def test_salesperson_sees_own_customers_and_assigned_complaints(server, admin):
    zhang = server.rpc("zhangwei")
    mine = zhang.call("crm.followup.complaint", "search_read", [], ["partner_id", "user_id"])
    assert mine, "the demo has complaints of his customers"
    for complaint in mine:
        owner = admin.call("res.partner", "read", [complaint["partner_id"][0]], ["user_id"])[0]["user_id"]
        assert zhang.uid in (owner and owner[0], complaint["user_id"] and complaint["user_id"][0])
    everyone = admin.call("crm.followup.complaint", "search_count", [])
    assert len(mine) < everyone
    colleagues = ref(admin, "crm_followup_complaint_001_demo")  # 李娜's customer, handled by the manager
    refused(lambda: zhang.call("crm.followup.complaint", "read", [colleagues], ["subject"]),
            "odoo.exceptions.AccessError")
    assert not zhang.call("crm.followup.complaint", "search", [("id", "=", colleagues)])
    groups = zhang.call("crm.followup.complaint", "read_group", [], ["partner_id"], ["partner_id"])
    assert sum(g["partner_id_count"] for g in groups) == len(mine)
    refused(lambda: zhang.call("crm.followup.complaint", "write", [colleagues], {"stage_id": 1}),
            "odoo.exceptions.AccessError")


def test_other_company_sees_no_complaint(server):
    zhao = server.rpc("sh_zhaolei")
    assert zhao.call("crm.followup.complaint", "search_count", []) == 0


def test_salesperson_registers_own_customers_complaints_only(server, admin, cleanup):
    zhang = server.rpc("zhangwei")
    quality = ref(admin, "crm_followup_complaint_category_quality")
    count = admin.call("crm.followup.complaint", "search_count", [])
    lina_customer = ref(admin, "res_partner_c01_demo")
    refused(lambda: zhang.call("crm.followup.complaint", "create", {
        "partner_id": lina_customer, "subject": "试图代登", "category_id": quality}), "odoo.exceptions.AccessError")
    pool_customer = ref(admin, "res_partner_c53_demo")
    refused(lambda: zhang.call("crm.followup.complaint", "create", {
        "partner_id": pool_customer, "subject": "公海客户", "category_id": quality}),
        "odoo.exceptions.UserError", "不是您的客户")
    assert admin.call("crm.followup.complaint", "search_count", []) == count, "nothing saved"

    own = ref(admin, "res_partner_c03_demo")
    complaint_id = zhang.call("crm.followup.complaint", "create", {
        "partner_id": own, "subject": "包装破损", "category_id": quality,
        # what he may not choose: the registration is the customer's as it is
        "customer_owner_id": ref(admin, "crm_followup_user_lina_demo"), "customer_grade_id": False,
        "name": "TS-FAKE", "date_solved": "2026-01-01 00:00:00"})
    complaint = zhang.call("crm.followup.complaint", "read", [complaint_id], REGISTERED + ["user_id", "team_id"])[0]
    assert complaint["name"].startswith("TS") and complaint["name"] != "TS-FAKE"
    assert complaint["customer_owner_id"][0] == zhang.uid
    assert complaint["customer_grade_id"], "the customer's grade"
    assert complaint["team_id"] and complaint["user_id"], "the rules routed it"
    assert not complaint["date_solved"]
    reminders = admin.call("mail.activity", "search_read", [
        ("res_model", "=", "res.partner"), ("res_id", "=", own),
        ("activity_type_id", "=", ref(admin, "mail_activity_type_complaint"))], ["user_id", "summary"])
    assert any(r["user_id"][0] == zhang.uid and complaint["name"] in r["summary"] for r in reminders), reminders


def test_what_was_registered_stays(server, admin):
    zhang = server.rpc("zhangwei")
    complaint_id = ref(admin, "crm_followup_complaint_004_demo")  # his A-grade customer's
    before = admin.call("crm.followup.complaint", "read", [complaint_id], REGISTERED)[0]
    lina = ref(admin, "crm_followup_user_lina_demo")
    for vals in ({"customer_owner_id": lina}, {"customer_grade_id": False}, {"name": "TS1"},
                 {"partner_id": ref(admin, "res_partner_c06_demo")}, {"date_registered": "2026-01-01 00:00:00"},
                 {"date_solved": "2026-01-01 00:00:00"}):
        message = refused(lambda: zhang.call("crm.followup.complaint", "write", [complaint_id], vals))
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), "in his language: %s" % message
    # solving without root cause and resolution
    solved = ref(admin, "crm_followup_complaint_stage_solved")
    refused(lambda: zhang.call("crm.followup.complaint", "write", [complaint_id], {"stage_id": solved}),
            "odoo.exceptions.ValidationError", "根本原因")
    refused(lambda: zhang.call("crm.followup.complaint", "unlink", [complaint_id]), "odoo.exceptions.AccessError")
    assert admin.call("crm.followup.complaint", "read", [complaint_id], REGISTERED)[0] == before, "nothing saved"


def test_only_an_administrator_switches_complaints_off(server, admin):
    zhang = server.rpc("zhangwei")
    company = zhang.call("res.users", "read", [zhang.uid], ["company_id"])[0]["company_id"][0]
    refused(lambda: zhang.call("res.company", "write", [company], {"followup_complaint_enabled": False}),
            "odoo.exceptions.AccessError")
    refused(lambda: zhang.call("res.config.settings", "create", {"followup_complaint_enabled": False}),
            "odoo.exceptions.AccessError")
    admin.call("res.company", "write", [company], {"followup_complaint_enabled": False})
    try:
        refused(lambda: zhang.call("crm.followup.complaint", "create", {
            "partner_id": ref(admin, "res_partner_c03_demo"), "subject": "关闭后登记",
            "category_id": ref(admin, "crm_followup_complaint_category_quality")}),
            "odoo.exceptions.UserError", "投诉已关闭")
    finally:
        admin.call("res.company", "write", [company], {"followup_complaint_enabled": True})
    assert not admin.call("crm.followup.complaint", "search", [("subject", "=", "关闭后登记")])

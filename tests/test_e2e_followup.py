"""Follow-up records through the real HTTP server: who sees and edits what, as each role."""
import datetime
import os
import uuid

import pytest

from conftest import RpcError


def ago(days):
    return (datetime.datetime.utcnow() - datetime.timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")


def followups_of_customers_owned_by(admin, uid):
    customers = admin.call("res.partner", "search", [("user_id", "=", uid), ("is_company", "=", True)])
    return admin.call("crm.followup.record", "search_read",
                      [("partner_id", "in", customers), ("user_id", "=", uid)], ["partner_id", "company_id"])


@pytest.fixture(scope="module")
def other_company_user(admin):
    """A Follow-up Manager of another company (created once per test run)."""
    login = "oc_%s" % uuid.uuid4().hex[:8]
    company = admin.call("res.company", "create", {"name": "东莞另一家贸易有限公司 %s" % login})
    manager_group = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.crm_followup_group_manager")
    admin.call("res.users", "create", {
        "login": login, "password": login, "name": "陈静", "company_id": company, "company_ids": [(6, 0, [company])],
        "groups_id": [(4, manager_group)]})
    return login


def test_salesperson_cannot_read_another_salespersons_followups(server, admin):
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    linas = followups_of_customers_owned_by(admin, lina.uid)
    assert linas, "the demo has follow-ups by lina on her customers"
    ids = [r["id"] for r in linas]
    assert zhang.call("crm.followup.record", "search", [("id", "in", ids)]) == []
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.record", "read", ids[:1], ["content"])
    assert err.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.record", "write", ids[:1], {"content": "改掉"})
    assert err.value.name == "odoo.exceptions.AccessError"
    assert sorted(lina.call("crm.followup.record", "search", [("id", "in", ids)])) == sorted(ids)


def test_salesperson_sees_own_and_own_customers_followups_only(server, admin):
    zhang = server.rpc("zhangwei")
    visible = zhang.call("crm.followup.record", "search_read", [], ["user_id", "partner_id"])
    assert visible
    owners = {c["id"]: c["user_id"] and c["user_id"][0] for c in admin.call(
        "res.partner", "read", list({r["partner_id"][0] for r in visible}), ["user_id"])}
    assert all(r["user_id"][0] == zhang.uid or owners[r["partner_id"][0]] == zhang.uid for r in visible)


def test_manager_sees_the_whole_team(server, admin):
    manager = server.rpc("manager")
    company = manager.call("res.users", "read", [manager.uid], ["company_id"])[0]["company_id"][0]
    everyone = admin.call("crm.followup.record", "search_count", [("company_id", "=", company)])
    assert manager.call("crm.followup.record", "search_count", []) == everyone
    users = {r["user_id"][0] for r in manager.call("crm.followup.record", "search_read", [], ["user_id"])}
    assert len(users) >= 3
    stats = manager.call("crm.followup.record", "read_group", [], ["user_id"], ["user_id"])
    assert sum(g["user_id_count"] for g in stats) == everyone
    assert manager.call("crm.followup.deal.report", "search_count", []) > 0


def test_other_company_sees_nothing(server, other_company_user):
    outsider = server.rpc(other_company_user)
    assert outsider.call("crm.followup.record", "search_count", []) == 0
    assert outsider.call("crm.followup.deal.report", "search_count", []) == 0


def test_salesperson_cannot_see_statistics_report(server):
    zhang = server.rpc("zhangwei")
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.deal.report", "search_count", [])
    assert err.value.name == "odoo.exceptions.AccessError"


def test_salesperson_logs_a_followup_with_reminder(server):
    zhang = server.rpc("zhangwei")
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)[0]
    phone = zhang.call("crm.followup.method", "search", [], limit=1)[0]
    rec = zhang.call("crm.followup.record", "create", {
        "partner_id": customer, "method_id": phone, "content": "电话确认报价", "date": ago(0),
        "next_followup_date": ago(-3), "next_step": "发送合同"})
    assert zhang.call("crm.followup.record", "read", [rec], ["user_id"])[0]["user_id"][0] == zhang.uid
    partner = zhang.call("res.partner", "read", [customer], ["last_followup_date", "next_followup_date"])[0]
    assert partner["next_followup_date"]
    reminders = zhang.call("mail.activity", "search_read", [
        ("res_model", "=", "res.partner"), ("res_id", "=", customer), ("user_id", "=", zhang.uid),
        ("summary", "=", "发送合同")], ["date_deadline"])
    assert len(reminders) == 1
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.method", "write", [phone], {"name": "改名"})
    assert err.value.name == "odoo.exceptions.AccessError"


def test_bad_input_gets_a_chinese_error_and_saves_nothing(server):
    zhang = server.rpc("zhangwei")  # the demo salespeople work in Simplified Chinese
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)[0]
    phone = zhang.call("crm.followup.method", "search", [], limit=1)[0]
    before = zhang.call("crm.followup.record", "search_count", [])
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.record", "create", {
            "partner_id": customer, "method_id": phone, "date": ago(1), "next_followup_date": ago(2)})
    assert err.value.name == "odoo.exceptions.ValidationError"
    assert "下次跟进" in err.value.message
    assert zhang.call("crm.followup.record", "search_count", []) == before


def test_followup_views_in_the_browser(server):
    """In a real browser, in Chinese: 张伟's follow-up list and calendar, a customer's 360° form
    with its follow-up smart button, and the manager's follow-up analysis (screenshots for the README)."""
    from test_e2e_ui import browse
    root = "crm_followup.crm_followup_menu_root"
    followups = [root, "crm_followup.crm_followup_record_menu"]
    shots = browse(server, "zhangwei", [
        {"name": "followup_customer", "wait": ".o_list_view", "click": ".o_list_view .o_data_row td.o_data_cell",
         "menus": [root, "crm_followup.crm_followup_menu_customer_list"]},
        {"name": "followups", "wait": ".o_list_view", "menus": followups},
        {"name": "followup_calendar", "wait": ".o_list_view", "menus": followups,
         "click": ".o_cp_switch_calendar", "waitAfter": ".o_calendar_view"},
        # the follow-up calendar: the month's follow-ups done beside the planned ones
        {"name": "followup_agenda", "wait": ".o_calendar_view .fc-event",
         "menus": [root, "crm_followup.crm_followup_agenda_menu"],
         "texts": {"title": ".o_control_panel .breadcrumb"}},
    ])
    assert shots["followup_agenda"]["texts"]["title"].startswith("跟进日历")  # and the month
    zhang = server.rpc("zhangwei")
    assert shots["followups"]["breadcrumb"] == "跟进记录"
    assert shots["followups"]["rows"] == min(80, zhang.call("crm.followup.record", "search_count", []))
    assert os.path.getsize(shots["followup_customer"]["file"]) > 10000
    shots = browse(server, "manager", [
        {"name": "followup_analysis", "wait": ".o_pivot", "menus": [
            root, "crm_followup.crm_followup_record_menu_analysis"]},
        {"name": "followup_deal_report", "wait": ".o_graph", "menus": [
            root, "crm_followup.crm_followup_deal_report_menu"]},
    ])
    assert shots["followup_analysis"]["breadcrumb"] == "跟进分析"

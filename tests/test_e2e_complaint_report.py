"""Complaint analysis over the real JSON-RPC API and in a real browser: a salesperson reads in the
report exactly the complaints they may open, another company's user none of ours; the manager's
pivot and graph at desktop and phone width (screenshots in artifacts/, for docs/screenshots)."""
import os

import pytest

from conftest import SCREENS, RpcError
from test_e2e_complaint import cleanup, ref  # noqa: F401 (the fixture: the complaint and its reminder go afterwards)
from test_e2e_ui import browse

REPORT = "crm.followup.complaint.report"
MENUS = ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_complaint_report_menu"]


def by_category(rpc, model, domain=()):
    """{category id: complaints} that `rpc`'s user reads in `model`, with one read_group."""
    groups = rpc.call(model, "read_group", list(domain), ["category_id"], ["category_id"])
    return {g["category_id"][0]: g["category_id_count"] for g in groups}


@pytest.mark.parametrize("login", ["zhangwei", "lina", "manager"])
def test_each_user_reads_the_complaints_they_may_open(server, login):
    rpc = server.rpc(login)
    assert by_category(rpc, REPORT) == by_category(rpc, "crm.followup.complaint")
    rows = rpc.call(REPORT, "search_read", [], ["complaint_id"])
    assert sorted(r["complaint_id"][0] for r in rows) == sorted(rpc.call("crm.followup.complaint", "search", []))


def test_a_complaint_registered_counts_for_its_owner_only(server, admin, cleanup):  # noqa: F811
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    mine, hers = by_category(zhang, REPORT), by_category(lina, REPORT)
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)[0]
    quality = ref(admin, "crm_followup_complaint_category_quality")
    complaint = zhang.call("crm.followup.complaint", "create", {
        "partner_id": customer, "subject": "外箱破损（分析）", "category_id": quality})
    assert by_category(zhang, REPORT).get(quality, 0) == mine.get(quality, 0) + 1
    assert by_category(lina, REPORT) == hers
    with pytest.raises(RpcError) as err:
        lina.call(REPORT, "read", [complaint], ["name"])
    assert err.value.name == "odoo.exceptions.AccessError"
    # and nobody writes the report's rows
    with pytest.raises(RpcError) as err:
        zhang.call(REPORT, "unlink", [complaint])
    assert err.value.name == "odoo.exceptions.AccessError"


def test_another_company_reads_none_of_ours(server, admin):
    manager = server.rpc("manager")
    main = manager.call("res.users", "read", [manager.uid], ["company_id"])[0]["company_id"][0]
    ours = admin.call("crm.followup.complaint", "search", [("company_id", "=", main)])
    assert ours, "the demo has complaints in the main company"
    shanghai = server.rpc("sh_manager")
    assert shanghai.call(REPORT, "search_count", [("complaint_id", "in", ours)]) == 0
    groups = shanghai.call(REPORT, "read_group", [], ["company_id"], ["company_id"])
    assert main not in {g["company_id"][0] for g in groups if g["company_id"]}


def test_manager_opens_the_analysis_at_desktop_and_phone_width(server, screen):
    manager = server.rpc("manager")
    total = manager.call(REPORT, "search_count", [])
    graph = "/web#action=crm_followup.crm_followup_complaint_report_action&view_type=graph"
    shots = browse(server, "manager", [
        {"name": "complaint_analysis", "menus": MENUS, "wait": ".o_pivot table",
         "texts": {"totals": ".o_pivot table tbody tr:first-child"}},
        {"name": "complaint_analysis_graph", "path": graph, "wait": ".o_graph svg"},
    ], screen=screen)
    pivot = shots["complaint_analysis"]
    assert pivot["breadcrumb"] == "投诉分析"
    assert str(total) in pivot["texts"]["totals"].split(), pivot["texts"]["totals"]
    for shot in shots.values():
        assert os.path.getsize(shot["file"]) > 10000, shot["name"]


def test_salesperson_finds_it_beside_the_complaints(server):
    shots = browse(server, "zhangwei", [
        {"name": "complaint_analysis_salesperson", "wait": ".o_pivot table",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_complaint_report_menu_complaints"],
         "texts": {"totals": ".o_pivot table tbody tr:first-child"}},
    ], screen=SCREENS["desktop"])
    own = server.rpc("zhangwei").call(REPORT, "search_count", [])
    assert str(own) in shots["complaint_analysis_salesperson"]["texts"]["totals"].split()

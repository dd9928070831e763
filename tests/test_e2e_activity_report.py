"""The managers' daily report over the real JSON-RPC API and in a real browser: what the manager,
a salesperson and another company's manager read; the pivot, the graph and the printed report
(HTML: this machine has no wkhtmltopdf) at desktop and phone width, screenshots in artifacts/."""
import datetime
import os

import pytest

from conftest import SCREENS, RpcError
from test_e2e_ui import browse

SOUTH_TEAM = ("zhangwei", "lina", "wangfang")


def today_figures(rpc):
    """{salesperson id: follow-ups} of today (the user's day), as the wizard's Show button reads it."""
    wizard = rpc.call("crm.followup.activity.report.wizard", "create", {"period": "day"})
    action = rpc.call("crm.followup.activity.report.wizard", "action_view", [wizard])
    groups = rpc.call("crm.followup.activity.report", "read_group", action["domain"],
                      ["user_id", "followup_count", "claim_count"], ["user_id"])
    return wizard, {g["user_id"][0]: g["followup_count"] for g in groups}


def test_manager_sees_a_followup_logged_today_and_salespeople_only_their_own(server):
    manager, zhang, lina = server.rpc("manager"), server.rpc("zhangwei"), server.rpc("lina")
    _wizard, before = today_figures(manager)
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)], limit=1)[0]
    phone = zhang.call("crm.followup.method", "search", [], limit=1)[0]
    now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    zhang.call("crm.followup.record", "create", {"partner_id": customer, "method_id": phone, "date": now,
                                                 "content": "电话确认日报"})
    _wizard, after = today_figures(manager)
    assert after.get(zhang.uid, 0) == before.get(zhang.uid, 0) + 1

    # a salesperson reads their own line only, whatever they ask for
    _wizard, own = today_figures(zhang)
    assert set(own) == {zhang.uid}
    assert own[zhang.uid] == after[zhang.uid]
    assert zhang.call("crm.followup.activity.report", "search_count", [("user_id", "=", lina.uid)]) == 0
    groups = lina.call("crm.followup.activity.report", "read_group", [], ["user_id", "followup_count"], ["user_id"])
    assert {g["user_id"][0] for g in groups} <= {lina.uid}
    # and cannot change the report's rows
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.activity.report", "unlink", [1])
    assert err.value.name == "odoo.exceptions.AccessError"


def test_another_company_sees_nothing_of_the_south_team(server):
    south = [server.rpc(login).uid for login in SOUTH_TEAM]
    shanghai = server.rpc("sh_manager")
    assert shanghai.call("crm.followup.activity.report", "search_count", [("user_id", "in", south)]) == 0
    _wizard, figures = today_figures(shanghai)
    assert not set(figures) & set(south)


def test_manager_opens_the_report_at_desktop_and_phone_width(server):
    manager = server.rpc("manager")
    wizard = manager.call("crm.followup.activity.report.wizard", "create", {"period": "week"})
    action = manager.call("crm.followup.activity.report.wizard", "action_print", [wizard])
    assert action["report_type"] == "qweb-pdf"  # the web client shows HTML where wkhtmltopdf is missing
    report = "/report/html/%s/%d" % (action["report_name"], wizard)
    pivot = "/web#action=crm_followup.crm_followup_activity_report_action&view_type=pivot"
    graph = "/web#action=crm_followup.crm_followup_activity_report_action&view_type=graph"
    wizard_menus = ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_activity_report_wizard_menu"]
    desktop = browse(server, "manager", [
        # first: the printing below leaves a notice (no wkhtmltopdf here) over the screen
        {"name": "daily_report_pivot", "wait": ".o_pivot",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_activity_report_menu"]},
        {"name": "daily_report_graph", "path": graph, "wait": ".o_graph svg"},
        # the wizard's buttons: Show opens the pivot of the day, Print the report (HTML here)
        {"name": "daily_report_show", "wait": ".modal .o_form_view", "menus": wizard_menus,
         "then": [{"click": ".modal-title"}, {"click": ".modal button[name=action_view]", "wait": ".o_pivot"}]},
        {"name": "daily_report_print_button", "wait": ".modal .o_form_view", "menus": wizard_menus,
         "then": [{"click": ".modal-title"},
                  {"click": ".modal button[name=action_print]", "wait": "iframe.o_report_iframe",
                   "seeInFrame": ["iframe.o_report_iframe", ".o_followup_activity_report td"]}]},
        # the wizard stays open: the next shot loads a page of its own
        {"name": "daily_report_wizard", "wait": ".modal .o_form_view", "menus": wizard_menus,
         "then": [{"click": ".modal-title", "see": ".modal .o_field_many2manytags .badge"}]},
        {"name": "daily_report_print", "path": report, "wait": ".o_followup_activity_report"},
    ])
    phone = browse(server, "manager", [
        {"name": "daily_report_pivot", "path": pivot, "wait": ".o_pivot"},
        {"name": "daily_report_wizard", "wait": ".modal .o_form_view",
         "path": "/web#action=crm_followup.crm_followup_activity_report_wizard_action",
         "then": [{"click": ".modal-title", "see": ".modal button[name=action_view]"}]},
        {"name": "daily_report_print", "path": report, "wait": ".o_followup_activity_report"},
    ], screen=SCREENS["phone"])
    assert "跟进日报 20" in desktop["daily_report_show"]["breadcrumb"]  # with the day
    assert desktop["daily_report_pivot"]["breadcrumb"] == "跟进日报"
    assert desktop["daily_report_graph"]["breadcrumb"] == "跟进日报"
    for shot in list(desktop.values()) + list(phone.values()):
        assert os.path.getsize(shot["file"]) > 10000, shot["name"]

"""The public pool in a real browser: the pool kanban (masked phones, Claim buttons), "My
customers" with the days-to-take-back column. Screenshots land in artifacts/ for the README."""
import os

from test_e2e_ui import browse


def test_salesperson_sees_pool_and_own_customers(server):
    shots = browse(server, "zhangwei", [
        {"name": "pool_kanban", "wait": ".o_kanban_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_pool_customer_menu"]},
        {"name": "pool_my_customers", "wait": ".o_list_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"]},
    ])
    zhang = server.rpc("zhangwei")
    in_pools = zhang.call("res.partner", "search_count", [("user_id", "=", False), ("pool_id", "!=", False),
                                                          ("is_followup_customer", "=", True)])
    mine = zhang.call("res.partner", "search_count", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)])
    assert shots["pool_kanban"]["breadcrumb"] == "公海"
    assert shots["pool_kanban"]["rows"] == in_pools > 0
    assert shots["pool_my_customers"]["breadcrumb"] == "我的客户"
    assert shots["pool_my_customers"]["rows"] == mine > 0
    assert all(os.path.getsize(s["file"]) > 10000 for s in shots.values())

"""The public pool in a real browser: the pool kanban (masked phones, Claim buttons), "My
customers" with the days to take-back (a column, or a line of each card on a phone).
Screenshots land in artifacts/ for the README, at desktop and phone size."""
import os

from test_e2e_ui import browse

# the pool action's domain: unowned customers in a pool
POOL_DOMAIN = [("user_id", "=", False), ("pool_id", "!=", False), ("is_followup_customer", "=", True)]


def test_salesperson_sees_pool_and_own_customers(server, screen):
    shots = browse(server, "zhangwei", [
        {"name": "pool_kanban", "wait": ".o_kanban_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_pool_customer_menu"]},
        {"name": "pool_my_customers", "wait": ".o_list_view, .o_kanban_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"]},
    ], screen=screen)
    zhang = server.rpc("zhangwei")
    in_pools = zhang.call("res.partner", "search_count", POOL_DOMAIN)
    mine = zhang.call("res.partner", "search_count", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)])
    assert shots["pool_kanban"]["breadcrumb"] == "公海"
    # the phone shows one pool's column at a time (swiped by its tab), the first one first
    first_pool = zhang.call("res.partner", "read_group", POOL_DOMAIN, ["pool_id"], ["pool_id"])[0]["pool_id_count"]
    assert shots["pool_kanban"]["rows"] == (first_pool if screen["mobile"] else in_pools) > 0
    # masked numbers are never links to dial (on a phone Odoo links the others: test_e2e_phone_ui)
    assert shots["pool_kanban"]["tel"] == []
    assert shots["pool_my_customers"]["breadcrumb"] == "我的客户"
    assert shots["pool_my_customers"]["rows"] == mine > 0
    assert all(os.path.getsize(s["file"]) > 10000 for s in shots.values())

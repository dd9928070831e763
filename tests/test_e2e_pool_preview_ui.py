"""A pool admin tunes the rules in a real browser: with a stricter rule (no follow-up for 3 days),
the pool form's Would Be Taken Back button lists the customers it would take back now, the same
number the server computes; nothing is taken back by looking."""
from test_e2e_ui import browse


def test_pool_preview_lists_the_customers_due(server, admin):
    manager = server.rpc("manager")
    pool = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.crm_followup_pool_shenzhen_demo")
    saved = admin.call("crm.followup.pool", "read", [pool], ["no_followup_days", "warning_days", "sequence"])[0]
    owned = [("user_id", "!=", False), ("is_followup_customer", "=", True)]
    owned_before = manager.call("res.partner", "search_count", owned)
    try:
        # first in the list, and a rule strict enough that some demo customers are due
        admin.call("crm.followup.pool", "write", [pool], {"no_followup_days": 3, "warning_days": 1, "sequence": 0})
        due = manager.call("crm.followup.pool", "read", [pool], ["preview_count"])[0]["preview_count"]
        shots = browse(server, "manager", [
            {"name": "pool_preview", "wait": ".o_list_view",
             "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_pool_menu_config"],
             "click": ".o_list_view .o_data_row td.o_data_cell",
             "then": [{"click": ".oe_button_box button:has-text('将被回收')", "wait": ".o_list_view"}]},
        ])
        assert due > 0
        assert shots["pool_preview"]["rows"] == min(80, due)
        assert "深圳公海" in shots["pool_preview"]["breadcrumb"]
        assert manager.call("res.partner", "search_count", owned) == owned_before, "a preview takes nothing back"
    finally:
        saved.pop("id")
        admin.call("crm.followup.pool", "write", [pool], saved)

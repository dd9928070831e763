"""Releasing a customer in a real browser: the owner opens it, goes to the Public Pool tab,
clicks Release to Pool, gives a reason and confirms; the customer is back in the pool."""
from test_e2e_ui import browse

REASON = "客户已转由华南代理商对接"


def test_release_from_the_customer_form(server, admin):
    zhang = server.rpc("zhangwei")
    mine = [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)]
    before = set(zhang.call("res.partner", "search", mine))
    dialog = ".modal .o_form_view"
    released = []
    try:
        browse(server, "zhangwei", [
            {"name": "pool_released", "wait": ".o_list_view",
             "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"],
             "click": ".o_list_view .o_data_row td.o_data_cell",
             "then": [
                 {"click": ".o_notebook .nav-tabs a:has-text('公海')"},
                 {"click": ".o_form_view button:visible:has-text('放回公海')", "wait": dialog},
                 {"fill": {dialog + " textarea[name=reason]": REASON},
                  "click": ".modal-footer button:has-text('放回')", "gone": dialog},
             ]},
        ])
        released = sorted(before - set(zhang.call("res.partner", "search", mine)))
        assert len(released) == 1, "one customer left 张伟"
        customer = admin.call("res.partner", "read", released, ["user_id", "pool_id", "previous_user_id"])[0]
        assert not customer["user_id"] and customer["pool_id"] and customer["previous_user_id"][0] == zhang.uid
        log = admin.call("crm.followup.pool.log", "search_read", [("partner_id", "=", released[0])],
                         ["action", "reason", "from_user_id"], order="id desc", limit=1)[0]
        assert (log["action"], log["reason"], log["from_user_id"][0]) == ("release", REASON, zhang.uid)
    finally:
        if released:  # back to 张伟 for the other tests
            contacts = admin.call("res.partner", "search", [("parent_id", "in", released)])
            admin.call("res.partner", "write", released + contacts, {"user_id": zhang.uid})

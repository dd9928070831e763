"""Claiming in a real browser: the Claim button of a pool card makes the customer the
salesperson's, the card leaves the pool at once (it used to stay, with its Claim button), and a
notification says so (the card leaving was the only sign). A claim the rules refuse shows a
warning titled 警告, not "Odoo Server Error" as if the server had crashed."""
from test_e2e_ui import browse


def test_claim_from_the_pool_kanban(server, admin):
    zhang = server.rpc("zhangwei")
    pool_domain = [("user_id", "=", False), ("pool_id", "!=", False), ("is_followup_customer", "=", True)]
    in_pool = set(zhang.call("res.partner", "search", pool_domain))
    mine = set(zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)]))
    claimed = []
    try:
        shots = browse(server, "zhangwei", [
            {"name": "pool_claim", "wait": ".o_kanban_view",
             "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_pool_customer_menu"],
             "then": [{"click": ".o_kanban_record button[data-name=action_claim]", "see": ".o_notification"}],
             "texts": {"notification": ".o_notification"}},
        ])
        now_mine = set(zhang.call("res.partner", "search",
                                  [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)]))
        claimed = sorted(now_mine - mine)
        assert len(claimed) == 1 and claimed[0] in in_pool, "one pool customer became 张伟's"
        assert shots["pool_claim"]["rows"] == len(in_pool) - 1, "its card left the pool"
        name = zhang.call("res.partner", "read", claimed, ["name"])[0]["name"]
        assert shots["pool_claim"]["texts"]["notification"].split() == ["领取成功", name, "现在是您的客户了。"]
        log = admin.call("crm.followup.pool.log", "search_read", [("partner_id", "=", claimed[0])],
                         ["action", "to_user_id"], order="id desc", limit=1)[0]
        assert (log["action"], log["to_user_id"][0]) == ("claim", zhang.uid)
        phone = zhang.call("res.partner", "read", claimed, ["phone"])[0]["phone"]
        assert not phone or "****" not in phone, "an owned customer's phone is no longer masked"
    finally:
        if claimed:  # back into the pool for the other tests
            contacts = admin.call("res.partner", "search", [("parent_id", "in", claimed)])
            admin.call("res.partner", "write", claimed + contacts, {"user_id": False})


def test_a_refused_claim_is_a_warning_not_a_server_error(server, admin):
    zhang = server.rpc("zhangwei")
    pools = admin.call("crm.followup.pool", "search_read", [("company_id", "=", zhang.call(
        "res.users", "read", [zhang.uid], ["company_id"])[0]["company_id"][0])], ["holding_cap"])
    try:
        for pool in pools:  # 张伟 holds more than one customer: every claim is refused
            admin.call("crm.followup.pool", "write", [pool["id"]], {"holding_cap": 1})
        shots = browse(server, "zhangwei", [
            {"name": "pool_claim_refused", "wait": ".o_kanban_view",
             "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_pool_customer_menu"],
             "then": [{"click": ".o_kanban_record button[data-name=action_claim]", "see": ".modal .o_dialog_warning"}],
             "texts": {"title": ".modal .modal-title", "message": ".modal .o_dialog_warning"}},
        ])
    finally:
        for pool in pools:
            admin.call("crm.followup.pool", "write", [pool["id"]], {"holding_cap": pool["holding_cap"]})
    texts = shots["pool_claim_refused"]["texts"]
    assert texts["title"] == "警告", texts
    assert "张伟" in texts["message"] and "已达上限" in texts["message"], texts

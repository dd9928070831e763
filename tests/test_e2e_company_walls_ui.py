"""The company walls in a real browser: the Shanghai salesperson works in the web client on his
company's customers only, and a salesperson opens his own customer whose parent company is a
colleague's (no access-error dialog, the parent shown by name)."""
from test_e2e_ui import browse

NO_DIALOG = {"see": ".o_form_view .o_chatter", "gone": ".modal"}


def test_shanghai_salesperson_works_on_his_companys_customers(server):
    zhao = server.rpc("sh_zhaolei")
    shots = browse(server, "sh_zhaolei", [{
        "name": "shanghai_customers", "wait": ".o_list_view",
        "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_menu_customer_list"],
    }, {
        "name": "shanghai_customer_form", "wait": ".o_list_view",
        "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"],
        "click": ".o_list_view .o_data_row td.o_data_cell", "then": [NO_DIALOG],
    }])
    companies = [("is_company", "=", True), ("customer", "=", True)]
    assert zhao.call("res.partner", "search_count", companies + [("user_id", "=", zhao.uid)]) == 2
    assert shots["shanghai_customers"]["rows"] == 4, "two own, two in the Shanghai pool"


def test_salesperson_opens_own_customer_whose_parent_is_a_colleagues_in_the_browser(server, admin):
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    mine = zhang.call("res.partner", "search_read", [("user_id", "=", zhang.uid), ("is_company", "=", True)],
                      ["name"], limit=1)[0]
    parent = lina.call("res.partner", "search_read", [("user_id", "=", lina.uid), ("is_company", "=", True)],
                       ["name"], limit=1)[0]
    admin.call("res.partner", "write", [mine["id"]], {"parent_id": parent["id"]})
    try:
        browse(server, "zhangwei", [{
            "name": "customer_with_colleagues_parent", "wait": ".o_list_view",
            "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"],
            "click": ".o_list_view .o_data_row td.o_data_cell:has-text('%s')" % mine["name"],
            "then": [NO_DIALOG, {"see": ".o_form_view .o_field_widget[name=parent_id]:has-text('%s')"
                                        % parent["name"]}],
        }])
    finally:
        admin.call("res.partner", "write", [mine["id"]], {"parent_id": False})

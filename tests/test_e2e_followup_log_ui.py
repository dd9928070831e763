"""Logging a follow-up in a real browser, as a salesperson does it all day: My customers, open
one, Log Follow-up, pick the method, write what was said, save."""
from test_e2e_ui import browse

CONTENT = "电话沟通：客户确认下周三来厂参观样品线"


def test_log_a_followup_from_the_customer_form(server, admin):
    zhang = server.rpc("zhangwei")
    phone_id = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.crm_followup_method_phone")
    phone = zhang.call("crm.followup.method", "read", [phone_id], ["name"])[0]  # in 张伟's language
    dialog = ".modal .o_form_view"
    browse(server, "zhangwei", [
        {"name": "followup_logged", "wait": ".o_list_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"],
         "click": ".o_list_view .o_data_row td.o_data_cell",
         "then": [
             {"click": ".o_form_statusbar button:has-text('写跟进')", "wait": dialog},
             {"fill": {dialog + " .o_field_many2one[name=method_id] input": phone["name"]},
              "click": ".ui-autocomplete .ui-menu-item a"},
             {"fill": {dialog + " textarea[name=content]": CONTENT},
              "click": ".modal-footer button:has-text('保存')", "gone": dialog},
         ]},
    ])
    logged = zhang.call("crm.followup.record", "search_read", [("content", "=", CONTENT)],
                        ["partner_id", "user_id", "method_id"])
    assert len(logged) == 1, "saved once"
    assert (logged[0]["user_id"][0], logged[0]["method_id"][0]) == (zhang.uid, phone["id"])
    customer = zhang.call("res.partner", "read", [logged[0]["partner_id"][0]], ["user_id", "followup_count"])[0]
    assert customer["user_id"][0] == zhang.uid and customer["followup_count"] >= 1

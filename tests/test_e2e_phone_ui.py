"""The salesperson's day on the road: the main screens at desktop and at phone size (the `screen`
fixture runs each test at both). Every shot lands in artifacts/ (`<name>_phone.png` on the phone)
and fails when a required field of the form in front is off-screen (`browse`). On the phone:
cards instead of wide lists, numbers one taps to call, and the call logged one tap later."""
from test_e2e_pool_ui import POOL_DOMAIN
from test_e2e_ui import browse

MY_CUSTOMERS = ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"]
POOL = ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_pool_customer_menu"]
LISTED = ".o_list_view, .o_kanban_view"  # a list on the desktop, cards on the phone
FIRST = ".o_list_view .o_data_row td.o_data_cell, .o_kanban_record:not(.o_kanban_ghost)"
DIALOG = ".modal .o_form_view"


def test_call_a_customer_and_log_it_in_one_tap(server, admin, screen):
    """张伟 opens a customer of his, taps the number (a tel: link on the phone), and after the
    call taps Log Call beside it: the dialog opens with the method "Phone" filled in and every
    required field on screen; he writes what was said and saves."""
    zhang = server.rpc("zhangwei")
    content = "电话：客户确认周五前收到报价即可下单（%s）" % screen["name"]
    phone_id = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.crm_followup_method_phone")
    phone = zhang.call("crm.followup.method", "read", [phone_id], ["name"])[0]["name"]
    shots = browse(server, "zhangwei", [
        {"name": "my_customers", "wait": LISTED, "menus": MY_CUSTOMERS},
        {"name": "customer_form", "wait": LISTED, "menus": MY_CUSTOMERS[1:], "click": FIRST},
        {"name": "log_followup_dialog", "wait": LISTED, "menus": MY_CUSTOMERS[1:], "click": FIRST,
         "then": [{"click": ".o_form_view button.o_crm_followup_log_call", "wait": DIALOG,
                   "see": DIALOG + " .o_field_many2one[name=method_id] input"}]},
        {"name": "followup_logged", "wait": DIALOG, "menus": [],
         "then": [{"fill": {DIALOG + " textarea[name=content]": content},
                   "click": ".modal-footer button:has-text('保存')", "gone": DIALOG}]},
    ], screen=screen)
    mine = zhang.call("res.partner", "search_read", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)],
                      ["phone", "mobile"])
    assert shots["my_customers"]["rows"] == len(mine) > 0
    assert shots["my_customers"]["view"] == ("kanban" if screen["mobile"] else "list")
    customer = shots["customer_form"]["title"].rsplit(" - ", 1)[0]
    opened = zhang.call("res.partner", "search_read", [("name", "=", customer), ("user_id", "=", zhang.uid)],
                        ["phone", "mobile"])
    assert len(opened) == 1
    if screen["mobile"]:  # Odoo links numbers on phones only (a desktop has nothing to dial with)
        assert set(shots["my_customers"]["tel"]) == {
            "tel:" + number for c in mine for number in (c["phone"], c["mobile"]) if number}
        assert shots["customer_form"]["tel"] == ["tel:" + n for n in (opened[0]["phone"], opened[0]["mobile"]) if n]
    assert shots["customer_form"]["clipped"] == [], "every value of the customer form is shown whole"
    dialog = shots["log_followup_dialog"]
    assert {"partner_id", "method_id", "date", "user_id"} <= set(dialog["required"])
    logged = zhang.call("crm.followup.record", "search_read", [("content", "=", content)],
                        ["partner_id", "method_id", "user_id"])
    assert [(r["partner_id"][1], r["method_id"][1], r["user_id"][0]) for r in logged] == [(customer, phone, zhang.uid)]


def test_pool_customer_number_stays_masked_and_untappable(server, screen):
    """A pool customer's form, as a salesperson sees it: 138****5678 is text, never a tel: link
    (the pool's cards: test_e2e_pool_ui), and each value is shown whole beside its label."""
    shots = browse(server, "zhangwei", [
        {"name": "pool_customer", "wait": ".o_kanban_view", "menus": POOL, "click": FIRST},
    ], screen=screen)
    zhang = server.rpc("zhangwei")
    customer = shots["pool_customer"]["title"].rsplit(" - ", 1)[0]
    shown = zhang.call("res.partner", "search_read", POOL_DOMAIN + [("name", "=", customer)], ["phone"])
    assert len(shown) == 1 and "****" in shown[0]["phone"]
    assert shots["pool_customer"]["tel"] == []
    assert shots["pool_customer"]["clipped"] == []


def test_pool_settings_and_followups(server, screen):
    """The manager's pool settings form shows its values with their labels; the follow-up list
    is a card per follow-up on the phone."""
    shots = browse(server, "manager", [
        {"name": "pool_form", "wait": LISTED, "click": FIRST,
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_pool_menu_config"]},
        {"name": "followup_list", "wait": LISTED, "menus": ["crm_followup.crm_followup_record_menu"]},
    ], screen=screen)
    manager = server.rpc("manager")
    assert shots["pool_form"]["required"] == ["name"]
    assert shots["pool_form"]["clipped"] == []
    assert shots["followup_list"]["view"] == ("kanban" if screen["mobile"] else "list")
    assert 0 < shots["followup_list"]["rows"] <= manager.call("crm.followup.record", "search_count", [])

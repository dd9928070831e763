"""The duplicate check in a real browser: typing a pool customer's phone number into a new
customer warns at once, naming the customer and its pool, not the number; saving is refused."""
from test_e2e_ui import browse


def test_typing_a_known_phone_warns_at_once(server, admin):
    zhang = server.rpc("zhangwei")
    before = zhang.call("res.partner", "search_count", [("name", "=", "安泰保安")])
    shots = browse(server, "zhangwei", [
        {"name": "duplicate_warning", "wait": ".o_list_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_menu_customer_list"],
         "then": [
             {"click": ".o_list_button_add", "wait": ".o_form_view"},
             {"fill": {".o_form_view input[name=name]": "安泰保安",
                       ".o_form_view input[name=phone]": "0755 8938 5855"},
              "click": ".o_form_view input[name=email]",
              "see": ".modal-body:has-text('深圳坪山安泰保安服务有限公司'):has-text('深圳公海')"},
             {"click": ".modal-footer button", "gone": ".modal-body"},
             {"click": ".o_form_button_save", "see": ".modal-body:has-text('跟进经理')"},
         ]},
    ])
    assert shots["duplicate_warning"]["file"]
    assert zhang.call("res.partner", "search_count", [("name", "=", "安泰保安")]) == before, "nothing saved"

"""Global search in a real browser: zhangwei types a customer's phone number, formatted as a
caller would say it, into the customer search and presses Enter, at desktop and at phone width."""
from conftest import SCREENS
from test_e2e_ui import browse

CUSTOMERS = "crm_followup.crm_followup_action_customers"


def search_shot(name):
    # a list on the desktop, cards on a phone
    def row(text):
        return ".o_data_row:has-text('%s'), .o_kanban_record:has-text('%s')" % (text, text)
    return {"name": name, "wait": ".o_list_view, .o_kanban_view", "path": "/web#action=%s" % CUSTOMERS, "then": [
        {"type": {".o_searchview_input": "+86 755 8562 6388"},
         "see": ".o_searchview_autocomplete li:has-text('8562 6388')"},
        {"press": "Enter", "see": ".o_searchview_facet:has-text('8562 6388')", "gone": row("广州新锐科技")},
        {"see": row("深圳创维精密")},
    ]}


def test_typing_a_phone_into_the_customer_search(server):
    for name, screen in (("global_search_desktop", SCREENS["desktop"]), ("global_search_phone", SCREENS["phone"])):
        shots = browse(server, "zhangwei", [search_shot(name)], screen=screen)
        assert shots[name]["rows"] == 1, name

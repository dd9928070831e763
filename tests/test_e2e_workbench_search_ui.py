"""The workbench's search box in chromium, as zhangwei at desktop and phone width: a caller's
number typed as said finds his customer with why it matched, a tap opens it; a colleague's
customer's number finds nothing."""
from conftest import SCREENS
from test_e2e_ui import browse

WORKBENCH = "/web#action=crm_followup.crm_followup_workbench_action"
BOX = ".o_followup_wb_search_input"
RESULT = ".o_followup_wb_result:has-text('深圳创维精密有限公司')"
SCREEN_SIZES = (("workbench_search_desktop", SCREENS["desktop"]), ("workbench_search_phone", SCREENS["phone"]))


def test_the_workbench_search_box_finds_and_opens_a_customer(server):
    for name, screen in SCREEN_SIZES:
        shots = browse(server, "zhangwei", [
            {"name": name + "_colleague", "path": WORKBENCH, "wait": BOX, "then": [
                {"type": {BOX: "0755-30470054"}, "see": ".o_followup_wb_results .o_followup_wb_empty"}]},
            {"name": name, "path": WORKBENCH, "wait": BOX, "then": [
                {"type": {BOX: "+86 755 8562 6388"}, "see": RESULT + ":has-text('完全一致')"},
                {"fits": ".o_followup_wb_search, .o_followup_wb_result"},
                {"click": RESULT, "wait": ".o_form_view"}],
             "texts": {"customer": ".o_form_view .o_field_widget[name=name]"}},
        ], screen=screen)
        assert shots[name]["texts"]["customer"] == "深圳创维精密有限公司", name
        assert shots[name]["view"] == "form", name

"""Saved searches (标签搜索) in a real browser, at desktop and phone size: saving a search with a
tag from the search view's Favourites menu keeps the filter "This Week" as written
(context_today()), not as this week's dates, and applies the favourite at once; the workbench
shows the chips with their live counts, and a chip opens its list."""
from test_e2e_ui import browse


FILTERS = ".o_search_options .btn-group:has(.o_filters_menu) > button"


def test_save_a_search_with_a_tag_from_the_search_view(server, admin, screen):
    name = "本周跟进（%s）" % screen["name"]
    shots = browse(server, "zhangwei", [
        {"name": "saved_search_save", "wait": ".o_list_view, .o_kanban_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_record_menu"],
         "then": [
             # the search options (filters, favourites) open with the magnifier's "more" toggle
             {"click": ".o_searchview_more", "see": FILTERS},
             {"click": FILTERS, "see": ".o_filters_menu a:text-is('本周')"},
             {"click": ".o_filters_menu a:text-is('本周')", "see": ".o_searchview_facet:has-text('本周')"},
             # closed again: on a phone the open filter menu covers the favourites' button (there
             # a touch backdrop takes the tap that closes it)
             {"click": ".dropdown-backdrop" if screen["mobile"] else FILTERS, "gone": ".o_dropdown.open"},
             {"click": ".o_search_options .btn-group:has(.o_favorites_menu) > button", "see": ".o_save_search a"},
             {"click": ".o_save_search a", "see": ".o_followup_tag"},
             {"fill": {".o_save_name input[type=text]:not(.o_followup_tag)": name, ".o_followup_tag": "本周"},
              "click": ".o_followup_workbench", "fits": ".o_favorites_menu"},
             {"click": ".o_save_name button", "see": ".o_searchview_facet:has-text('%s')" % name},
         ]},
    ], screen=screen)
    assert shots["saved_search_save"]["file"]
    zhang = server.rpc("zhangwei")
    saved = zhang.call("ir.filters", "search_read", [("name", "=", name)],
                       ["domain", "followup_tag", "share_scope", "on_workbench", "user_id", "model_id"])
    try:
        assert len(saved) == 1
        search = saved[0]
        assert (search["followup_tag"], search["share_scope"], search["on_workbench"], search["model_id"]) == (
            "本周", "me", True, "crm.followup.record")
        assert search["user_id"][0] == zhang.uid
        # kept as the search view wrote it: evaluated whenever it runs, not frozen today
        assert "context_today()" in search["domain"] and "relativedelta" in search["domain"], search["domain"]
        chip = [c for c in zhang.call("ir.filters", "get_workbench_chips") if c["id"] == search["id"]]
        opened = zhang.call("ir.filters", "action_followup_open", [search["id"]])
        assert chip and chip[0]["count"] == zhang.call("crm.followup.record", "search_count", opened["domain"])
    finally:
        admin.call("ir.filters", "unlink", [s["id"] for s in saved])


def test_workbench_chips_with_live_counts_open_their_list(server, screen):
    zhang = server.rpc("zhangwei")
    chips = {c["name"]: c for c in zhang.call("ir.filters", "get_workbench_chips")}
    a_customers = chips["14天未跟进的A类客户"]
    assert a_customers["count"] > 0, "the demo has key customers waiting"
    chip = ".o_followup_wb_chip[data-id='%d']" % a_customers["id"]
    shots = browse(server, "zhangwei", [
        {"name": "saved_search_chips", "menus": ["crm_followup.crm_followup_menu_root"], "wait": chip,
         "texts": {"chip": chip}, "then": [{"fits": ".o_followup_wb_chip"}]},
        {"name": "saved_search_chip_list", "menus": [], "wait": chip,
         "then": [{"click": chip, "wait": ".o_list_view, .o_kanban_view"}]},
    ], screen=screen)
    text = shots["saved_search_chips"]["texts"]["chip"]
    assert "14天未跟进的A类客户" in text and str(a_customers["count"]) in text, text
    assert shots["saved_search_chip_list"]["breadcrumb"].endswith("14天未跟进的A类客户")
    assert shots["saved_search_chip_list"]["rows"] == min(a_customers["count"], 80)

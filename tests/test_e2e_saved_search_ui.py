"""Saving a search with a tag from the search view's Favourites menu, in a real browser: the
filter "This Week" is saved as written (context_today()), not as this week's dates, with its tag
and the workbench flag, and the favourite is applied at once."""
from test_e2e_ui import browse


def save_this_week(server, name, screen_kwargs):
    return browse(server, "zhangwei", [
        {"name": "saved_search_" + name, "wait": ".o_list_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_record_menu"],
         "then": [
             # the search options (filters, favourites) open with the magnifier's "more" toggle
             {"click": ".o_searchview_more", "see": ".o_search_options .btn-group:has(.o_filters_menu) > button"},
             {"click": ".o_search_options .btn-group:has(.o_filters_menu) > button",
              "see": ".o_filters_menu a:text-is('本周')"},
             {"click": ".o_filters_menu a:text-is('本周')", "see": ".o_searchview_facet:has-text('本周')"},
             {"click": ".o_search_options .btn-group:has(.o_favorites_menu) > button", "see": ".o_save_search a"},
             {"click": ".o_save_search a", "see": ".o_followup_tag"},
             {"fill": {".o_save_name input[type=text]:not(.o_followup_tag)": name, ".o_followup_tag": "本周"},
              "click": ".o_followup_workbench"},
             {"click": ".o_save_name button", "see": ".o_searchview_facet:has-text('%s')" % name},
         ]},
    ], **screen_kwargs)


def test_save_a_search_with_a_tag_from_the_search_view(server, admin):
    name = "本周跟进（界面）"
    shots = save_this_week(server, name, {})
    assert shots["saved_search_" + name]["file"]
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

"""Saved searches (标签搜索) over the real JSON-RPC API, as the web client's Favourites menu and the
workbench call them: zhangwei shares with his team, lina (same team) sees and counts them as
herself, sh_zhaolei (the other company) never sees them; owners, managers, system searches and bad
input."""
import pytest

from conftest import refused

THIS_WEEK = ("[('is_followup_customer', '=', True), ('next_followup_date', '>=', (context_today() + "
             "relativedelta(weeks=-1, days=1, weekday=0)).strftime('%Y-%m-%d')), ('next_followup_date', '<', "
             "(context_today() + relativedelta(days=1, weekday=0)).strftime('%Y-%m-%d'))]")


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", xmlid)


@pytest.fixture()
def saved(server, admin):
    """Searches saved in a test, deleted after it (by the superuser: the owners' rule is tested)."""
    ids = []
    yield ids
    left = admin.call("ir.filters", "search", [("id", "in", ids)]) if ids else []
    if left:
        admin.call("ir.filters", "unlink", left)


def save(rpc, saved, **vals):
    """As the Favourites menu saves: create_or_replace with the list's model and the sharing."""
    values = {"name": "本周重点客户", "model_id": "res.partner", "domain": THIS_WEEK, "context": {},
              "sort": "[]", "is_default": False, "action_id": False, "on_workbench": True}
    values.update(vals)
    values.setdefault("user_id", rpc.uid if values.get("share_scope", "me") == "me" else False)
    search_id = rpc.call("ir.filters", "create_or_replace", values)
    saved.append(search_id)
    return search_id


def favourites(rpc, model="res.partner"):
    return {f["name"]: f for f in rpc.call("ir.filters", "get_filters", model, False)}


def chips(rpc):
    return {c["id"]: c for c in rpc.call("ir.filters", "get_workbench_chips")}


def test_team_search_seen_and_counted_by_each_member_as_themselves(server, saved):
    zhang, lina, zhao = server.rpc("zhangwei"), server.rpc("lina"), server.rpc("sh_zhaolei")
    search_id = save(zhang, saved, share_scope="team", followup_tag="本周", followup_color=2,
                     domain="[('is_followup_customer', '=', True)]")
    seen = favourites(lina)["本周重点客户"]
    assert (seen["followup_tag"], seen["followup_color"], seen["share_scope"]) == ("本周", 2, "team")
    assert "本周重点客户" not in favourites(zhao)
    assert not zhao.call("ir.filters", "search", [("id", "=", search_id)])
    for rpc in (zhang, lina):
        own = rpc.call("res.partner", "search_count", [("is_followup_customer", "=", True)])
        assert chips(rpc)[search_id]["count"] == own
    # each counts what they may see: not the same customers
    assert (zhang.call("res.partner", "search", [("user_id", "=", zhang.uid)], limit=1)[0]
            not in lina.call("res.partner", "search", [("is_followup_customer", "=", True)]))


def test_relative_dates_are_saved_as_written(server, saved):
    zhang = server.rpc("zhangwei")
    save(zhang, saved, name="我的本周待跟进")
    assert favourites(zhang)["我的本周待跟进"]["domain"] == THIS_WEEK


def test_only_the_owner_or_a_manager_changes_or_deletes(server, saved):
    zhang, lina, manager = server.rpc("zhangwei"), server.rpc("lina"), server.rpc("manager")
    search_id = save(zhang, saved, share_scope="team")
    refused(lambda: lina.call("ir.filters", "write", [search_id], {"name": "李娜的"}),
            "odoo.exceptions.UserError", "张伟")
    refused(lambda: lina.call("ir.filters", "unlink", [search_id]), "odoo.exceptions.UserError", "张伟")
    # the Favourites menu's "save" over a shared one of the same name replaces it: refused too
    refused(lambda: save(lina, saved, share_scope="team", domain="[]"), "odoo.exceptions.UserError", "张伟")
    assert favourites(lina)["本周重点客户"]["domain"] == THIS_WEEK
    zhang.call("ir.filters", "write", [search_id], {"followup_tag": "重点"})
    manager.call("ir.filters", "write", [search_id], {"followup_color": 4})
    manager.call("ir.filters", "unlink", [search_id])
    assert "本周重点客户" not in favourites(zhang)


def test_bad_input_is_refused_in_chinese_and_nothing_saved(server, admin, saved):
    zhang = server.rpc("zhangwei", lang="zh_CN")
    north = admin.call("crm.team", "create", {"name": "华北销售部"})
    try:
        refused(lambda: save(zhang, saved, share_scope="team", team_id=north),
                "odoo.exceptions.UserError", "华北销售部")
        east = ref(admin, "crm_followup.crm_followup_team_east_demo")
        refused(lambda: save(zhang, saved, share_scope="team", team_id=east), "odoo.exceptions.UserError")
    finally:
        admin.call("crm.team", "unlink", [north])
    refused(lambda: save(zhang, saved, domain="[('no_such_field', '=', 1)]"), "odoo.exceptions.ValidationError",
            "no_such_field")
    refused(lambda: save(zhang, saved, domain="__import__('os').getcwd()"), "odoo.exceptions.ValidationError")
    refused(lambda: save(zhang, saved, domain="[('id', 'inselect', ('SELECT id FROM res_users', []))]"),
            "odoo.exceptions.ValidationError", "inselect")
    assert "本周重点客户" not in favourites(zhang)
    # a shared search of that name that zhangwei cannot see (another company's): a clash all the same
    save(server.rpc("sh_zhaolei"), saved, share_scope="company", domain="[]")
    message = refused(lambda: save(zhang, saved, share_scope="team", domain="[]"), "odoo.exceptions.UserError")
    assert "已" in message, message  # translated


def test_system_searches_are_hidden_not_deleted(server, admin):
    zhang, manager = server.rpc("zhangwei"), server.rpc("manager")
    due = ref(admin, "crm_followup.saved_search_due_this_week")
    for rpc in (zhang, manager):
        refused(lambda: rpc.call("ir.filters", "unlink", [due]), "odoo.exceptions.UserError")
    refused(lambda: zhang.call("ir.filters", "write", [due], {"name": "我的"}), "odoo.exceptions.UserError")
    assert due in chips(zhang)
    zhang.call("ir.filters", "action_followup_hide", [due])
    try:
        assert due not in chips(zhang)
        assert due not in [f["id"] for f in favourites(zhang).values()]
        assert due in chips(manager), "hidden for zhangwei only"
    finally:
        zhang.call("ir.filters", "action_followup_show", [due])
    assert due in chips(zhang)


def test_each_user_chooses_a_default(server, admin):
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    due = ref(admin, "crm_followup.saved_search_due_this_week")
    zhang.call("ir.filters", "action_followup_set_default", [due])
    try:
        assert [f["id"] for f in favourites(zhang).values() if f["is_default"]] == [due]
        assert due not in [f["id"] for f in favourites(lina).values() if f["is_default"]]
    finally:
        admin.call("ir.filters", "write", [due], {"default_user_ids": [(3, zhang.uid)]})


def test_a_private_search_is_nobody_elses(server, saved):
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    search_id = save(zhang, saved, name="我的私人搜索")
    assert not lina.call("ir.filters", "search", [("id", "=", search_id)])
    refused(lambda: lina.call("ir.filters", "read", [search_id], ["domain"]), "odoo.exceptions.AccessError")
    refused(lambda: lina.call("ir.filters", "action_followup_open", [search_id]), "odoo.exceptions.AccessError")
    assert search_id not in chips(lina)

"""Company walls and private reminders through the real HTTP server, as the users who would try
to get around them: the Shanghai company's manager and salesperson (demo users sh_manager,
sh_zhaolei, sh_sunli) against the South China team's data, and back."""
import uuid

import pytest

from conftest import RpcError


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


def company_data(admin, company_xmlid):
    """A company's customers with their contacts, follow-ups, reminders, pools, pool history."""
    company = admin.call("ir.model.data", "xmlid_to_res_id", company_xmlid)
    customers = admin.call("res.partner", "search", [
        ("company_id", "=", company), ("is_company", "=", True), ("customer", "=", True), ("user_ids", "=", False)])
    contacts = admin.call("res.partner", "search", [("parent_id", "in", customers)])
    pools = admin.call("crm.followup.pool", "search", [("company_id", "=", company)])
    # a history row for the wall to hold back (the demo has moves only once someone claims)
    admin.call("crm.followup.pool.log", "create", {
        "action": "assign", "partner_id": customers[0], "pool_id": pools[0], "company_id": company, "reason": "演示"})
    return {
        "company": company,
        "customers": customers,
        "partners": customers + contacts,
        "names": [p["name"] for p in admin.call("res.partner", "read", customers[:5], ["name"])],
        "followups": admin.call("crm.followup.record", "search", [("partner_id", "in", customers)]),
        "reminders": admin.call("mail.activity", "search", [("res_model", "=", "res.partner"),
                                                            ("res_id", "in", customers)]),
        "pools": pools,
        "grade_rules": admin.call("crm.followup.pool.grade.rule", "search", [("pool_id", "in", pools)]),
        "grades": admin.call("crm.followup.grade", "search", [("company_id", "=", company)]),
        "logs": admin.call("crm.followup.pool.log", "search", [("partner_id", "in", customers)]),
        "leads": admin.call("crm.lead", "search", [("partner_id", "in", customers)]),
    }


@pytest.fixture(scope="module")
def south(admin):
    return company_data(admin, "base.main_company")


@pytest.fixture(scope="module")
def east(admin):
    return company_data(admin, "crm_followup.crm_followup_company_shanghai_demo")


def assert_sees_nothing_of(rpc, data):
    """Every model, every read path: search, read, read_group, name_search, export."""
    partners, customers = data["partners"], data["customers"]
    assert rpc.call("res.partner", "search", [("id", "in", partners)]) == []
    assert rpc.call("res.partner", "read_group", [("id", "in", partners)], ["phone"], ["phone"]) == []
    for name in data["names"]:
        assert rpc.call("res.partner", "name_search", name) == [], name
    with pytest.raises(RpcError) as err:
        rpc.call("res.partner", "read", customers[:3], ["name", "phone", "mobile", "email"])
    assert err.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as err:
        rpc.call("res.partner", "export_data", customers[:3], ["name", "phone"])
    assert err.value.name == "odoo.exceptions.AccessError"
    for model, key in (("crm.followup.record", "followups"), ("mail.activity", "reminders"),
                       ("crm.followup.pool", "pools"), ("crm.followup.pool.grade.rule", "grade_rules"),
                       ("crm.followup.grade", "grades"), ("crm.followup.pool.log", "logs"), ("crm.lead", "leads")):
        assert data[key], "the demo has %s" % key
        assert rpc.call(model, "search_read", [("id", "in", data[key])], ["display_name"]) == [], model
    assert rpc.call("crm.followup.record", "read_group", [("partner_id", "in", customers)],
                    ["user_id"], ["user_id"]) == []
    assert rpc.call("mail.activity", "search_read", [("res_id", "in", customers)], ["res_name", "summary"]) == []
    with pytest.raises(RpcError) as err:
        rpc.call("crm.followup.record", "read", data["followups"][:1], ["content"])
    assert err.value.name == "odoo.exceptions.AccessError"


@pytest.mark.parametrize("login", ["sh_manager", "sh_zhaolei"])
def test_shanghai_users_see_nothing_of_the_south_china_team(server, south, login):
    assert_sees_nothing_of(server.rpc(login), south)


@pytest.mark.parametrize("login", ["manager", "zhangwei"])
def test_south_china_users_see_nothing_of_the_shanghai_company(server, east, login):
    assert_sees_nothing_of(server.rpc(login), east)


def test_shanghai_manager_sees_the_shanghai_company(server, east):
    sh = server.rpc("sh_manager")
    assert sorted(sh.call("res.partner", "search", [("id", "in", east["partners"])])) == sorted(east["partners"])
    assert len(east["customers"]) == 6
    assert sorted(sh.call("crm.followup.record", "search", [])) == sorted(east["followups"])
    assert sorted(sh.call("mail.activity", "search", [("res_model", "=", "res.partner")])) == sorted(east["reminders"])
    assert sh.call("crm.followup.pool", "search_read", [], ["name", "is_default"]) == [
        {"id": east["pools"][0], "name": "上海公海", "is_default": True}]


def test_shanghai_salesperson_sees_own_and_pool_customers(server, east):
    zhao = server.rpc("sh_zhaolei")
    rows = zhao.call("res.partner", "search_read", [("is_followup_customer", "=", True), ("user_ids", "=", False)],
                     ["user_id", "phone"])
    assert {r["user_id"] and r["user_id"][0] for r in rows} == {zhao.uid, False}
    assert len(rows) == 4, "two own, two in the Shanghai pool"
    # the Shanghai company has its public pool switched off (tests/test_e2e_settings.py)
    assert all("****" not in r["phone"] for r in rows if not r["user_id"]), "nothing masked with the pool off"


def test_another_company_cannot_log_a_followup_on_a_customer(server, admin, south):
    sh = server.rpc("sh_manager")
    method = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.crm_followup_method_phone")
    zhang = server.rpc("zhangwei")
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)])[0]
    before = admin.call("crm.followup.record", "search_count", [("partner_id", "=", customer)])
    for company in (None, south["company"], sh.call("res.users", "read", [sh.uid], ["company_id"])[0]["company_id"][0]):
        vals = {"partner_id": customer, "method_id": method, "content": "越界跟进"}
        if company:
            vals["company_id"] = company
        with pytest.raises(RpcError) as err:
            sh.call("crm.followup.record", "create", vals)
        assert err.value.name in ("odoo.exceptions.AccessError", "odoo.exceptions.ValidationError")
    assert admin.call("crm.followup.record", "search_count", [("partner_id", "=", customer)]) == before
    with pytest.raises(RpcError) as err:
        sh.call("mail.activity", "create", {
            "res_model_id": admin.call("ir.model", "search", [("model", "=", "res.partner")])[0],
            "res_id": customer, "summary": "越界", "user_id": sh.uid,
            "activity_type_id": admin.call("mail.activity.type", "search", [])[0]})
    assert err.value.name == "odoo.exceptions.AccessError"


def test_member_of_both_companies_sees_both(server, admin, south, east):
    login = "both_%s" % uuid.uuid4().hex[:8]
    manager_group = ref(admin, "crm_followup_group_manager")
    admin.call("res.users", "create", {
        "login": login, "password": login, "name": "吴刚", "company_id": east["company"],
        "company_ids": [(6, 0, [south["company"], east["company"]])], "groups_id": [(4, manager_group)]})
    both = server.rpc(login)
    # what the manager of each company sees (Odoo's demo partners include private addresses)
    everything = (server.rpc("manager").call("res.partner", "search", [("id", "in", south["partners"])])
                  + server.rpc("sh_manager").call("res.partner", "search", [("id", "in", east["partners"])]))
    assert len(everything) > 100
    assert sorted(both.call("res.partner", "search", [("id", "in", south["partners"] + east["partners"])])) \
        == sorted(everything)
    followups = south["followups"] + east["followups"]
    assert sorted(both.call("crm.followup.record", "search", [("id", "in", followups)])) == sorted(followups)


def test_salesperson_cannot_list_a_colleagues_reminders(server, admin):
    zhang, lina, manager = server.rpc("zhangwei"), server.rpc("lina"), server.rpc("manager")
    linas = admin.call("mail.activity", "search", [("user_id", "=", lina.uid)])
    assert linas, "the demo has reminders of lina"
    assert zhang.call("mail.activity", "search_read", [("user_id", "=", lina.uid)],
                      ["res_name", "summary", "date_deadline"]) == []
    assert zhang.call("mail.activity", "search_read", [("id", "in", linas)], ["res_name"]) == []
    assert zhang.call("mail.activity", "read_group", [("id", "in", linas)], ["user_id"], ["user_id"]) == []
    with pytest.raises(RpcError) as err:
        zhang.call("mail.activity", "read", linas[:1], ["res_name", "summary"])
    assert err.value.name == "odoo.exceptions.AccessError"
    own = zhang.call("mail.activity", "search_read", [], ["user_id"])
    assert own and {a["user_id"][0] for a in own} == {zhang.uid}
    # the Follow-up Manager sees the team's
    assert sorted(manager.call("mail.activity", "search", [("id", "in", linas)])) == sorted(linas)


@pytest.mark.parametrize("login", ["sh_zhaolei", "zhangwei"])
def test_mail_chatter_preferences_calendar_keep_working(server, login):
    user = server.rpc(login)
    messaging = user.post("/mail/client_action", {"context": user.context})
    assert messaging["channel_slots"]
    user.call("res.users", "activity_user_count")
    me = user.call("res.users", "read", [user.uid], ["name", "partner_id", "company_id", "tz", "lang"])[0]
    user.call("res.users", "write", [user.uid], {"tz": "Asia/Shanghai", "signature": "<p>%s</p>" % me["name"]})
    customer = user.call("res.partner", "search", [("user_id", "=", user.uid), ("is_company", "=", True)])[0]
    form = user.call("res.partner", "read", [customer], ["name", "message_ids", "message_follower_ids",
                                                         "activity_ids", "child_ids"])[0]
    message = user.call("res.partner", "message_post", [customer], body="电话已回访", message_type="comment",
                        subtype="mail.mt_comment")
    messages = user.call("mail.message", "message_format", [message] + form["message_ids"][:5])
    assert messages[0]["body"] == "<p>电话已回访</p>"
    user.call("mail.followers", "search_read", [("id", "in", form["message_follower_ids"])], ["partner_id"])
    if form["activity_ids"]:
        user.call("mail.activity", "read", form["activity_ids"], ["summary", "user_id", "date_deadline"])
    event = user.call("calendar.event", "create", {
        "name": "拜访 %s" % form["name"], "start": "2030-01-07 02:00:00", "stop": "2030-01-07 03:00:00",
        "partner_ids": [(6, 0, [me["partner_id"][0]] + form["child_ids"][:1])]})
    attendees = user.call("calendar.event", "read", [event], ["partner_ids", "attendee_ids"])[0]
    assert len(attendees["partner_ids"]) == 1 + len(form["child_ids"][:1])
    user.call("calendar.event", "unlink", [event])


def test_salesperson_opens_own_customer_whose_parent_is_a_colleagues(server, admin):
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    mine = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True)])[0]
    parent = lina.call("res.partner", "search_read", [("user_id", "=", lina.uid), ("is_company", "=", True)],
                       ["name"], limit=1)[0]
    admin.call("res.partner", "write", [mine], {"parent_id": parent["id"]})
    try:
        fields = list(zhang.call("res.partner", "fields_view_get", view_type="form")["fields"])
        values = zhang.call("res.partner", "read", [mine], fields)[0]
        assert values["parent_id"] == [parent["id"], parent["name"]], "the link to the group's parent, by name"
        assert values["related_company_count"] == 0
        with pytest.raises(RpcError) as err:
            zhang.call("res.partner", "read", [parent["id"]], ["phone"])
        assert err.value.name == "odoo.exceptions.AccessError"
        assert lina.call("res.partner", "read", [parent["id"]], ["related_company_count"])[0][
            "related_company_count"] == 0
        manager = server.rpc("manager")
        assert manager.call("res.partner", "read", [mine], ["related_company_count"])[0]["related_company_count"] == 1
    finally:
        admin.call("res.partner", "write", [mine], {"parent_id": False})

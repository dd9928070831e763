"""Visit plans through the real HTTP server, as the users who would try to get around the rules:
a salesperson plans and sees their own plans and visits only, a manager the team's, and the
Shanghai company sees nothing of South China's (the demo plans of this week)."""
import pytest

from conftest import RpcError

PLAN, VISIT = "crm.followup.visit.plan", "crm.followup.visit"


def uid_of(admin, login):
    return admin.call("res.users", "search", [("login", "=", login)])[0]


@pytest.fixture(scope="module")
def plans(admin):
    """The demo plans of this week, by salesperson login."""
    found = {}
    for login in ("zhangwei", "lina", "wangfang"):
        ids = admin.call(PLAN, "search", [("user_id", "=", uid_of(admin, login)), ("state", "=", "confirmed")])
        assert ids, "a confirmed demo plan for %s" % login
        found[login] = ids[0]
    return found


def test_a_salesperson_sees_and_plans_their_own_only(server, admin, plans):
    zhang = server.rpc("zhangwei")
    own = zhang.call(PLAN, "search_read", [], ["user_id", "visit_ids"])
    assert {p["user_id"][0] for p in own} == {zhang.uid}
    assert plans["zhangwei"] in [p["id"] for p in own]
    assert own[0]["visit_ids"], "the demo plan has visits"
    lina_visits = admin.call(VISIT, "search", [("plan_id", "=", plans["lina"])])
    assert lina_visits
    assert zhang.call(VISIT, "search", [("id", "in", lina_visits)]) == []
    assert zhang.call(VISIT, "read_group", [("id", "in", lina_visits)], ["user_id"], ["user_id"]) == []
    for call in (lambda: zhang.call(PLAN, "read", [plans["lina"]], ["name"]),
                 lambda: zhang.call(VISIT, "read", lina_visits[:1], ["partner_id"]),
                 lambda: zhang.call(PLAN, "action_optimize", [plans["lina"]]),
                 lambda: zhang.call(VISIT, "write", lina_visits[:1], {"locked": True}),
                 lambda: zhang.call(PLAN, "create", {"user_id": uid_of(admin, "lina"), "week_start": "2030-01-07"})):
        with pytest.raises(RpcError) as err:
            call()
        assert err.value.name == "odoo.exceptions.AccessError"


def test_no_visit_to_someone_elses_customer(server, admin, plans):
    zhang = server.rpc("zhangwei")
    lina_customer = admin.call(VISIT, "read", admin.call(VISIT, "search", [("plan_id", "=", plans["lina"])])[:1],
                               ["partner_id"])[0]["partner_id"][0]
    plan = zhang.call(PLAN, "read", [plans["zhangwei"]], ["week_start"])[0]
    with pytest.raises(RpcError) as err:
        zhang.call(VISIT, "create", {"plan_id": plans["zhangwei"], "partner_id": lina_customer,
                                     "date": plan["week_start"]})
    assert err.value.name == "odoo.exceptions.ValidationError"
    # nor to move one's visit into someone else's plan
    own_visit = zhang.call(VISIT, "search", [("plan_id", "=", plans["zhangwei"])])[:1]
    with pytest.raises(RpcError):
        zhang.call(VISIT, "write", own_visit, {"plan_id": plans["lina"]})
    assert zhang.call(VISIT, "read", own_visit, ["plan_id"])[0]["plan_id"][0] == plans["zhangwei"]


def test_a_manager_sees_the_team_and_companies_are_walled(server, plans):
    manager = server.rpc("manager")
    assert set(plans.values()) <= set(manager.call(PLAN, "search", []))
    assert manager.call(VISIT, "search_count", [("plan_id", "in", list(plans.values()))]) > 0
    for login in ("sh_manager", "sh_zhaolei"):
        east = server.rpc(login)
        assert east.call(PLAN, "search", [("id", "in", list(plans.values()))]) == []
        assert east.call(VISIT, "search", [("plan_id", "in", list(plans.values()))]) == []
        assert east.call("crm.followup.visit.area", "search", [("user_id.login", "in", ["zhangwei", "lina"])]) == []
        with pytest.raises(RpcError) as err:
            east.call(PLAN, "read", [plans["zhangwei"]], ["name"])
        assert err.value.name == "odoo.exceptions.AccessError"

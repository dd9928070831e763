"""On the road over the real JSON-RPC API, as each user would try it: check-in with a position
(verified, flagged, refused), check-out logging the follow-up, nearby customers with the pool's
masking, and the managers' week."""
import datetime

import pytest

from conftest import RpcError

HUAXIN = (22.5550, 114.0300)
FAR_WEEKS = 30  # the check-in tests use a week of their own, far from any other test's plans


def local_today():
    """Today where the demo team works (Asia/Shanghai, UTC+8, no daylight saving)."""
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=8)).date()


def monday(weeks_ahead=0):
    today = local_today()
    return today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks_ahead)


def plan_of(admin, user_id, week_start):
    """The user's plan of that week (another test may have made it), else a new one (the
    planning makes plans and visits; the tests make them as the administrator)."""
    found = admin.call("crm.followup.visit.plan", "search",
                       [("user_id", "=", user_id), ("week_start", "=", str(week_start))])
    if found:
        return found[0]
    return admin.call("crm.followup.visit.plan", "create", {"user_id": user_id, "week_start": str(week_start)})


def customer_at(rpc, point, offset=0):
    """One of the user's customers, placed at `point` (by its owner)."""
    mine = rpc.call("res.partner", "search", [("user_id", "=", rpc.uid), ("is_followup_customer", "=", True)],
                    order="id", limit=offset + 1)
    rpc.call("res.partner", "write", [mine[offset]], {"partner_latitude": point[0], "partner_longitude": point[1]})
    return mine[offset]


def visit_for(admin, rpc, point, day, offset=0, arrival=None):
    """A visit of `rpc`'s user on `day` to one of their customers, placed at `point`."""
    plan = plan_of(admin, rpc.uid, day - datetime.timedelta(days=day.weekday()))
    partner = customer_at(rpc, point, offset)
    vals = {"plan_id": plan, "partner_id": partner, "date": str(day), "sequence": 1 + offset}
    if arrival:
        vals["planned_arrival"] = "%s %s" % (day, arrival)
    return admin.call("crm.followup.visit", "create", vals)


def read_visit(rpc, visit_id):
    return rpc.call("crm.followup.visit", "read", [visit_id],
                    ["state", "checkin_verified", "checkin_distance_m", "record_id"])[0]


@pytest.fixture(scope="module")
def far_day():
    return monday(FAR_WEEKS) + datetime.timedelta(days=1)


def test_checkin_near_is_verified_and_checkout_logs_the_visit(server, admin, far_day):
    zhang = server.rpc("zhangwei")
    visit = visit_for(admin, zhang, HUAXIN, far_day)
    answer = zhang.call("crm.followup.visit", "action_checkin", [visit], HUAXIN[0] + 0.0005, HUAXIN[1])
    assert "签到" in answer["params"]["title"] or answer["params"]["title"]
    seen = read_visit(zhang, visit)
    assert seen["state"] == "checked_in" and seen["checkin_verified"]
    assert 50 <= seen["checkin_distance_m"] <= 60
    with pytest.raises(RpcError) as twice:
        zhang.call("crm.followup.visit", "action_checkin", [visit], *HUAXIN)
    assert twice.value.name == "odoo.exceptions.UserError"
    zhang.call("crm.followup.visit", "action_checkout", [visit], content="带样品拜访，客户下周下单")
    seen = read_visit(zhang, visit)
    assert seen["state"] == "done"
    record = zhang.call("crm.followup.record", "read", [seen["record_id"][0]],
                        ["method_id", "content", "checkin_latitude", "user_id"])[0]
    assert record["content"] == "带样品拜访，客户下周下单"
    assert record["user_id"][0] == zhang.uid
    assert abs(record["checkin_latitude"] - (HUAXIN[0] + 0.0005)) < 1e-6


def test_checkin_far_away_is_flagged_with_the_distance(server, admin, far_day):
    zhang = server.rpc("zhangwei")
    visit = visit_for(admin, zhang, HUAXIN, far_day, offset=1)
    answer = zhang.call("crm.followup.visit", "action_checkin", [visit], HUAXIN[0] + 0.03, HUAXIN[1])
    seen = read_visit(zhang, visit)
    assert seen["state"] == "checked_in" and not seen["checkin_verified"]
    assert 3300 <= seen["checkin_distance_m"] <= 3400
    assert "3.3" in answer["params"]["message"] and "公里" in answer["params"]["message"]


def test_no_position_is_a_clear_error_and_nothing_saved(server, admin, far_day):
    zhang = server.rpc("zhangwei")
    visit = visit_for(admin, zhang, HUAXIN, far_day, offset=2)
    with pytest.raises(RpcError) as error:
        zhang.call("crm.followup.visit", "action_checkin", [visit], None, None)
    assert "位置" in error.value.message
    assert read_visit(zhang, visit)["state"] == "planned"


def test_only_the_salesperson_checks_in_and_nobody_writes_a_checkin(server, admin, far_day):
    zhang, lina, manager = server.rpc("zhangwei"), server.rpc("lina"), server.rpc("manager")
    visit = visit_for(admin, zhang, HUAXIN, far_day, offset=3)
    with pytest.raises(RpcError) as error:
        lina.call("crm.followup.visit", "action_checkin", [visit], *HUAXIN)
    assert error.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as error:
        manager.call("crm.followup.visit", "action_checkin", [visit], *HUAXIN)
    assert error.value.name == "odoo.exceptions.UserError"
    for vals in ({"state": "done"}, {"checkin_verified": True, "checkin_latitude": HUAXIN[0]}):
        for rpc in (zhang, manager):
            with pytest.raises(RpcError):
                rpc.call("crm.followup.visit", "write", [visit], vals)
    sh = server.rpc("sh_manager")
    with pytest.raises(RpcError):
        sh.call("crm.followup.visit", "action_checkin", [visit], *HUAXIN)
    assert read_visit(zhang, visit)["state"] == "planned"


def test_nearby_customers_nearest_first_pool_masked(server):
    zhang = server.rpc("zhangwei", lang="zh_CN")
    lines = zhang.call("res.partner", "followup_nearby", 22.54, 114.05)
    assert lines, "the demo customers have positions (their own or their district's)"
    assert [line["distance_km"] for line in lines] == sorted(line["distance_km"] for line in lines)
    visible = set(zhang.call("res.partner", "search", [("id", "in", [line["id"] for line in lines])]))
    assert visible == {line["id"] for line in lines}, "only customers he may see"
    for line in lines:
        if not line["mine"]:
            assert line["tel"] == "" and ("*" in line["phone"] or not line["phone"]), line
    owners = zhang.call("res.partner", "read", [line["id"] for line in lines], ["user_id"])
    assert all(o["user_id"] in (False,) or o["user_id"][0] == zhang.uid for o in owners)

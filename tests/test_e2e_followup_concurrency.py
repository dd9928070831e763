"""A follow-up is never lost: several people logging follow-ups on one customer at the same
moment, through the real HTTP server (one JSON-RPC session and one server thread each)."""
import datetime
import uuid

import pytest

from test_e2e_pool import _parallel, ref


def utc(**delta):
    return (datetime.datetime.utcnow().replace(microsecond=0)
            + datetime.timedelta(**delta)).strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture(scope="module")
def managers(server, admin):
    """Four Follow-up Managers of the demo company besides the owner (created once per run)."""
    group = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.crm_followup_group_manager")
    company = admin.call("res.users", "read", [server.rpc("zhangwei").uid], ["company_id"])[0]["company_id"][0]
    logins = []
    for i in range(4):
        login = "fm_%s_%d" % (uuid.uuid4().hex[:6], i)
        admin.call("res.users", "create", {
            "login": login, "password": login, "name": "经理 %d" % i, "email": "%s@example.com" % login,
            "tz": "Asia/Shanghai",
            "company_id": company, "company_ids": [(6, 0, [company])], "groups_id": [(4, group)]})
        logins.append(login)
    return logins


def test_five_people_log_follow_ups_on_one_customer_at_once(server, admin, managers):
    zhang = server.rpc("zhangwei")
    sessions = [zhang] + [server.rpc(login) for login in managers]
    # the last of his customers by name (the browser tests work on the first one)
    customer = admin.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)],
                          order="display_name desc", limit=1)[0]
    before = admin.call("res.partner", "read", [customer], ["followup_count"])[0]["followup_count"]
    phone = ref(admin, "crm_followup_method_phone")
    # next follow-ups chosen to the minute (with seconds, a value was picked as a day: see planned_time)
    plans = [(utc(minutes=30 + i), utc(days=2 + i)[:-2] + "00") for i in range(len(sessions))]
    results = _parallel([
        (lambda s=s, d=d, n=n: s.call("crm.followup.record", "create", {
            "partner_id": customer, "method_id": phone, "date": d, "next_followup_date": n,
            "content": "并发跟进 %d" % s.uid}))
        for s, (d, n) in zip(sessions, plans)])
    assert [err for _res, err in results if err] == []
    logged = admin.call("crm.followup.record", "search_read",
                        [("id", "in", [res for res, _err in results])], ["user_id", "date"])
    assert sorted(r["user_id"][0] for r in logged) == sorted(s.uid for s in sessions)
    figures = admin.call("res.partner", "read", [customer],
                         ["followup_count", "last_followup_date", "next_followup_date"])[0]
    assert figures["followup_count"] == before + len(sessions)
    assert figures["last_followup_date"] == plans[-1][0]
    assert figures["next_followup_date"] == plans[-1][1]
    type_id = ref(admin, "mail_activity_type_followup")
    reminders = admin.call("mail.activity", "search_read", [
        ("res_model", "=", "res.partner"), ("res_id", "=", customer), ("activity_type_id", "=", type_id),
        ("user_id", "in", [s.uid for s in sessions])], ["user_id"])
    assert sorted(r["user_id"][0] for r in reminders) == sorted(s.uid for s in sessions)

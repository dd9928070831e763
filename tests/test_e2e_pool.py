"""The public pool through the real HTTP server: who sees which customer, masked contact data on
every read path, and claims made at the same moment by parallel JSON-RPC sessions."""
import re
import threading
import time

import pytest

from conftest import RpcError

MASKED_PHONE = re.compile(r"^.{3}\*{4}.{4}$")
MASKED_EMAIL = re.compile(r"^.\*{3}@")


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


@pytest.fixture()
def pool_config(admin):
    """The Shenzhen pool's limits, restored after the test; the customers it claimed go back."""
    pool = ref(admin, "crm_followup_pool_shenzhen_demo")
    saved = admin.call("crm.followup.pool", "read", [pool],
                       ["daily_claim_limit", "holding_cap", "cap_excludes_won", "reclaim_block_days"])[0]
    claimed = []
    yield pool, claimed
    saved.pop("id")
    admin.call("crm.followup.pool", "write", [pool], saved)
    if claimed:
        contacts = admin.call("res.partner", "search", [("parent_id", "in", claimed)])
        admin.call("res.partner", "write", claimed + contacts, {"user_id": False})


def test_salesperson_sees_own_and_pool_customers_only(server, admin):
    zhang = server.rpc("zhangwei")
    rows = zhang.call("res.partner", "search_read", [("is_followup_customer", "=", True)], ["user_id", "pool_id"])
    owners = {r["user_id"] and r["user_id"][0] for r in rows}
    assert owners == {zhang.uid, False}, "no other salesperson's customer"
    assert ref(admin, "res_partner_c53_demo") in {r["id"] for r in rows}, "the pool's customers"
    lina_customer = ref(admin, "res_partner_c01_demo")
    with pytest.raises(RpcError) as err:
        zhang.call("res.partner", "read", [lina_customer], ["name"])
    assert err.value.name == "odoo.exceptions.AccessError"
    # the manager sees the whole team
    manager = server.rpc("manager")
    assert manager.call("res.partner", "search_count", [("id", "=", lina_customer)]) == 1


def test_pool_contact_data_masked_on_every_read_path(server, admin):
    zhang = server.rpc("zhangwei")
    c53 = ref(admin, "res_partner_c53_demo")
    contact = ref(admin, "res_partner_c53_contact1_demo")
    real = admin.call("res.partner", "read", [c53], ["phone", "email"])[0]
    assert real["phone"] == "0755-89385855"

    read = zhang.call("res.partner", "read", [c53], ["name", "city", "grade_id", "phone", "email"])[0]
    assert read["name"] == "深圳坪山安泰保安服务有限公司" and read["city"] == "深圳市" and read["grade_id"]
    assert read["phone"] == "075****5855" and read["email"] == "i***@c53.example.cn"

    listed = zhang.call("res.partner", "search_read", [("id", "in", [c53, contact])], ["phone", "mobile", "email"])
    for row in listed:
        for name in ("phone", "mobile"):
            assert not row[name] or MASKED_PHONE.match(row[name]), row
        assert not row["email"] or MASKED_EMAIL.match(row["email"]), row

    exported = zhang.call("res.partner", "export_data", [c53], ["name", "phone", "email", "child_ids/mobile"])
    first = exported["datas"][0]
    assert first[1] == "075****5855" and first[2] == "i***@c53.example.cn"
    assert all(MASKED_PHONE.match(line[3]) for line in exported["datas"] if line[3])

    manager = server.rpc("manager")  # pool administrator and manager: the real data
    assert manager.call("res.partner", "read", [c53], ["phone"])[0]["phone"] == "0755-89385855"


def _parallel(calls):
    """Run the calls at the same moment (one thread each, released together); returns
    [(result, error)] in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        try:
            results[i] = (fn(), None)
        except RpcError as e:
            results[i] = (None, e)

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def test_twenty_parallel_claims_of_one_customer_one_winner(server, admin, pool_config):
    pool, claimed = pool_config
    admin.call("crm.followup.pool", "write", [pool], {"daily_claim_limit": 0, "holding_cap": 0})
    customer = ref(admin, "res_partner_c55_demo")
    claimed.append(customer)
    sessions = [server.rpc(login) for login in ("zhangwei", "lina", "wangfang") * 7][:20]
    start = time.time()
    results = _parallel([
        (lambda s=s: s.call("res.partner", "action_claim", [customer])) for s in sessions])
    elapsed = time.time() - start
    winners = [s for s, (ok, err) in zip(sessions, results) if err is None]
    errors = [err for ok, err in results if err is not None]
    assert len(winners) == 1, [str(e) for e in errors]
    assert all(e.name == "odoo.exceptions.UserError" for e in errors), [str(e) for e in errors]
    winner_name = admin.call("res.users", "read", [winners[0].uid], ["name"])[0]["name"]
    assert all(winner_name in e.message or "已经是您的客户" in e.message for e in errors), \
        [e.message for e in errors]   # "已被 <winner> 领取" / "already your customer"
    owner = admin.call("res.partner", "read", [customer], ["user_id"])[0]["user_id"]
    assert owner[0] == winners[0].uid
    logs = admin.call("crm.followup.pool.log", "search_count",
                      [("partner_id", "=", customer), ("action", "=", "claim")])
    assert logs == 1
    assert elapsed < 60


def test_parallel_claims_never_exceed_the_holding_cap(server, admin, pool_config):
    pool, claimed = pool_config
    lina = server.rpc("lina")
    owned = admin.call("res.partner", "search_count",
                       [("user_id", "=", lina.uid), ("is_followup_customer", "=", True)])
    admin.call("crm.followup.pool", "write", [pool], {
        "daily_claim_limit": 0, "holding_cap": owned + 3, "cap_excludes_won": False})
    free = admin.call("res.partner", "search", [("pool_id", "=", pool), ("user_id", "=", False),
                                                ("is_followup_customer", "=", True)])[:6]
    assert len(free) == 6
    claimed.extend(free)
    sessions = [server.rpc("lina") for _ in free]
    results = _parallel([
        (lambda s=s, c=c: s.call("res.partner", "action_claim", [c])) for s, c in zip(sessions, free)])
    wins = [r for r in results if r[1] is None]
    assert len(wins) == 3, [str(r[1]) for r in results]
    assert all(r[1].name == "odoo.exceptions.UserError" for r in results if r[1])
    assert admin.call("res.partner", "search_count",
                      [("user_id", "=", lina.uid), ("is_followup_customer", "=", True)]) == owned + 3


def test_claim_outside_own_pools_refused(server, admin):
    lina = server.rpc("lina")  # member of the Shenzhen pool only (through her team)
    guangzhou_customer = ref(admin, "res_partner_c54_demo")
    with pytest.raises(RpcError):
        lina.call("res.partner", "action_claim", [guangzhou_customer])
    assert admin.call("res.partner", "read", [guangzhou_customer], ["user_id"])[0]["user_id"] is False


def test_history_is_read_only_over_rpc(server, admin):
    manager = server.rpc("manager")
    with pytest.raises(RpcError) as err:
        manager.call("crm.followup.pool.log", "create",
                     {"action": "claim", "partner_id": ref(admin, "res_partner_c53_demo")})
    assert err.value.name == "odoo.exceptions.AccessError"


def test_pool_customer_is_claimed_before_it_is_followed_up(server, admin):
    zhang = server.rpc("zhangwei")
    c53 = ref(admin, "res_partner_c53_demo")  # waits in the Shenzhen pool
    phone = ref(admin, "crm_followup_method_phone")
    before = admin.call("crm.followup.record", "search_count", [("partner_id", "=", c53)])
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.record", "create", {"partner_id": c53, "method_id": phone, "content": "电话了解需求"})
    assert err.value.name == "odoo.exceptions.ValidationError"
    assert "请先领取" in err.value.message
    assert admin.call("crm.followup.record", "search_count", [("partner_id", "=", c53)]) == before

"""Ownership over the real JSON-RPC API, as the salesperson who wants around the pool: owner, pool,
lock, previous owner, dates and follow-up figures change only through the pool's actions."""
import pytest

from conftest import RpcError

OWNERSHIP = ["user_id", "pool_id", "followup_locked", "previous_user_id", "date_released",
             "date_owner_received", "last_followup_date", "followup_count", "active", "customer"]


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


def refused(call, *fragments):
    with pytest.raises(RpcError) as err:
        call()
    assert err.value.name == "odoo.exceptions.UserError", err.value
    assert all(f in err.value.message for f in fragments), err.value.message
    return err.value.message


@pytest.fixture()
def own_customer(server, admin):
    """One of zhangwei's customers, its ownership fields as they were."""
    zhang = server.rpc("zhangwei")
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)],
                          limit=1)[0]
    before = admin.call("res.partner", "read", [customer], OWNERSHIP)[0]
    yield zhang, customer, before
    assert admin.call("res.partner", "read", [customer], OWNERSHIP)[0] == before, "nothing was saved"


def test_salesperson_cannot_take_or_give_a_pool_customer_by_write(server, admin):
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    c53 = ref(admin, "res_partner_c53_demo")
    contact = ref(admin, "res_partner_c53_contact1_demo")
    for user in (zhang.uid, lina.uid):
        refused(lambda: zhang.call("res.partner", "write", [c53], {"user_id": user}), "公海操作")
    refused(lambda: zhang.call("res.partner", "write", [contact], {"user_id": zhang.uid}), "公海操作")
    # a context key is no permission
    refused(lambda: zhang.call("res.partner", "write", [c53], {"user_id": zhang.uid},
                               context={"followup_move": True, "crm_followup_bypass": True, "sudo": True}))
    # nor may a pool customer be changed at all before it is claimed
    refused(lambda: zhang.call("res.partner", "write", [c53], {"phone": "13900000000"}), "请先领取")
    assert admin.call("res.partner", "read", [c53], ["user_id", "phone"])[0] == {
        "id": c53, "user_id": False, "phone": "0755-89385855"}
    assert not admin.call("crm.followup.pool.log", "search_count", [("partner_id", "=", c53), ("action", "=", "claim")])


@pytest.mark.parametrize("vals", [
    {"user_id": False},                                   # release silently
    {"pool_id": "another"},                               # move into another pool
    {"followup_locked": True},                            # lock against take-back
    {"date_owner_received": "2099-01-01 00:00:00"},        # restart the take-back clock
    {"last_followup_date": "2099-01-01 00:00:00"},        # pretend a follow-up
    {"followup_count": 99},
    {"previous_user_id": "me"},                           # dodge the re-claim block...
    {"date_released": "2020-01-01 00:00:00"},             # ...either way
    {"active": False},                                    # hide it from the take-back
    {"customer": False},
])
def test_salesperson_cannot_rewrite_ownership_of_own_customer(admin, own_customer, vals):
    zhang, customer, before = own_customer
    if vals.get("pool_id") == "another":
        pools = [ref(admin, "crm_followup_pool_%s_demo" % city) for city in ("shenzhen", "guangzhou")]
        vals = {"pool_id": [p for p in pools if p != (before["pool_id"] or [0])[0]][0]}
    if vals.get("previous_user_id") == "me":
        vals = {"previous_user_id": zhang.uid}
    refused(lambda: zhang.call("res.partner", "write", [customer], vals))


def test_salesperson_cannot_give_own_customer_to_a_colleague(server, own_customer):
    zhang, customer, _before = own_customer
    lina = server.rpc("lina")
    refused(lambda: zhang.call("res.partner", "write", [customer], {"user_id": lina.uid}), "公海操作")


def test_import_cannot_change_the_owner(server, admin):
    zhang = server.rpc("zhangwei")
    c53 = ref(admin, "res_partner_c53_demo")
    result = zhang.call("res.partner", "load", ["id", "user_id/.id"],
                        [["crm_followup.res_partner_c53_demo", str(zhang.uid)]])
    assert not result["ids"]
    assert any("公海操作" in m["message"] for m in result["messages"]), result["messages"]
    assert not admin.call("res.partner", "read", [c53], ["user_id"])[0]["user_id"]


def test_create_cannot_sidestep_the_pool(server, admin):
    zhang, lina = server.rpc("zhangwei"), server.rpc("lina")
    c53 = ref(admin, "res_partner_c53_demo")
    refused(lambda: zhang.call("res.partner", "create", {
        "name": "深圳市越权新建有限公司", "is_company": True, "customer": True, "user_id": lina.uid}), "跟进经理")
    refused(lambda: zhang.call("res.partner", "create", {
        "name": "越权联系人", "parent_id": c53, "user_id": zhang.uid}), "请先领取")
    refused(lambda: zhang.call("res.partner", "create", {
        "name": "深圳市锁定新建有限公司", "is_company": True, "customer": True, "user_id": zhang.uid,
        "followup_locked": True, "date_owner_received": "2099-01-01 00:00:00"}))
    refused(lambda: zhang.call("res.partner", "copy", c53), "请先领取")
    names = ["深圳市越权新建有限公司", "越权联系人", "深圳市锁定新建有限公司"]
    assert not admin.call("res.partner", "search", [("name", "in", names)])


def test_contact_cannot_be_moved_between_customers(server, admin, own_customer):
    zhang, customer, _before = own_customer
    c53 = ref(admin, "res_partner_c53_demo")
    pool_contact = ref(admin, "res_partner_c53_contact1_demo")
    refused(lambda: zhang.call("res.partner", "write", [pool_contact], {"parent_id": customer}), "请先领取")
    mine = zhang.call("res.partner", "search", [("parent_id", "=", customer)], limit=1)
    if mine:
        refused(lambda: zhang.call("res.partner", "write", mine, {"parent_id": c53}), "请先领取")
    assert admin.call("res.partner", "read", [pool_contact], ["parent_id"])[0]["parent_id"][0] == c53


def test_manager_locks_but_assigns_only_through_the_action(server, admin, own_customer):
    _zhang, customer, before = own_customer
    manager, lina = server.rpc("manager"), server.rpc("lina")
    refused(lambda: manager.call("res.partner", "write", [customer], {"user_id": lina.uid}), "分配")
    manager.call("res.partner", "write", [customer], {"followup_locked": not before["followup_locked"]})
    assert admin.call("res.partner", "read", [customer], ["followup_locked"])[0]["followup_locked"] != \
        before["followup_locked"]
    manager.call("res.partner", "write", [customer], {"followup_locked": before["followup_locked"]})


@pytest.fixture()
def group_of_three(admin):
    """A group company of a leaving salesperson with a contact (and the contact's assistant), and
    its subsidiary, a customer of a third salesperson."""
    sales = ref(admin, "crm_followup_group_user")
    users = [admin.call("res.users", "create", {
        "name": name, "login": login, "password": login, "groups_id": [(6, 0, [sales])],
        "sale_team_id": ref(admin, "crm_followup_team_south_demo")})
        for name, login in (("离职的周洋", "h_own_leaving"), ("接手的吴敏", "h_own_taking"))]
    wangfang = admin.call("res.users", "search", [("login", "=", "wangfang")])[0]
    Partner = lambda vals: admin.call("res.partner", "create", vals)  # noqa: E731
    group = Partner({"name": "深圳市测试集团有限公司", "is_company": True, "customer": True, "user_id": users[0]})
    contact = Partner({"name": "集团联系人", "parent_id": group})
    assistant = Partner({"name": "联系人的助理", "parent_id": contact})
    subsidiary = Partner({"name": "深圳市测试集团东莞分公司", "is_company": True, "customer": True,
                          "parent_id": group, "user_id": wangfang})
    sub_contact = Partner({"name": "分公司联系人", "parent_id": subsidiary})
    yield users, wangfang, (group, contact, assistant), (subsidiary, sub_contact)
    admin.call("res.partner", "unlink", [sub_contact, subsidiary, assistant, contact, group])
    admin.call("res.users", "write", users, {"active": False})


def test_hand_over_moves_the_contacts_never_another_salespersons_subsidiary(server, admin, group_of_three):
    (leaving, taking), wangfang, moving, staying = group_of_three
    manager = server.rpc("manager")
    wizard = manager.call("crm.followup.pool.handover", "create",
                          {"from_user_id": leaving, "target": "user", "to_user_id": taking})
    manager.call("crm.followup.pool.handover", "action_handover", [wizard])
    owners = {r["id"]: r["user_id"] and r["user_id"][0]
              for r in admin.call("res.partner", "read", list(moving + staying), ["user_id"])}
    assert [owners[p] for p in moving] == [taking] * 3, "the company and every contact person"
    assert [owners[p] for p in staying] == [wangfang] * 2, "the subsidiary is another salesperson's customer"
    assert not admin.call("crm.followup.pool.log", "search_count", [("partner_id", "=", staying[0])])
    # and releasing the group leaves the subsidiary too
    taker = server.rpc("h_own_taking")
    release = taker.call("crm.followup.pool.release", "create",
                         {"partner_ids": [(6, 0, [moving[0]])], "reason": "集团改由总部采购"})
    taker.call("crm.followup.pool.release", "action_release", [release])
    owners = {r["id"]: r["user_id"] and r["user_id"][0]
              for r in admin.call("res.partner", "read", list(moving + staying), ["user_id"])}
    assert [owners[p] for p in moving] == [False] * 3
    assert [owners[p] for p in staying] == [wangfang] * 2


def test_no_customer_is_left_without_owner_and_pool(server, admin):
    """Partners that were customers before the addon came (Odoo's own demo customers here) were put
    into the company's default pool on install; a customer created without owner by an
    administrator goes there too, while a salesperson's new customer is their own."""
    shenzhen = ref(admin, "crm_followup_pool_shenzhen_demo")
    floating = [("user_id", "=", False), ("pool_id", "=", False), ("customer", "=", True),
                ("user_ids", "=", False), ("is_followup_customer", "=", True)]
    assert admin.call("res.partner", "search_count", floating) == 0
    zhang = server.rpc("zhangwei")
    created = admin.call("res.partner", "create", {
        "name": "深圳市无主新客户有限公司", "is_company": True, "customer": True, "phone": "0755-86001234"})
    own = zhang.call("res.partner", "create", {
        "name": "深圳市张伟新客户有限公司", "is_company": True, "customer": True, "phone": "0755-86005678"})
    try:
        assert admin.call("res.partner", "read", [created], ["pool_id"])[0]["pool_id"][0] == shenzhen
        mine = zhang.call("res.partner", "read", [own], ["user_id", "date_owner_received"])[0]
        assert mine["user_id"][1] == "张伟" and mine["date_owner_received"]
        # the unowned one is a pool customer: masked for the members, claimed before it is changed
        lina = server.rpc("lina")
        assert lina.call("res.partner", "read", [created], ["phone"])[0]["phone"] == "075****1234"
        refused(lambda: zhang.call("res.partner", "write", [created], {"phone": "0755-86009999"}), "请先领取")
    finally:
        admin.call("res.partner", "unlink", [created, own])

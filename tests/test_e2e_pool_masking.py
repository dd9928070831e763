"""A pool member over the real JSON-RPC API, trying every path around the masked contact data of
a pool customer (c53, in the Shenzhen pool): the opportunity form, copy, grouping, searching by
the hidden values (directly, through the contacts and from other models), ordering, name search,
the chatter and meetings. Its owner-to-be, the manager and zhangwei's own customers keep the
real values."""
import pytest

from conftest import RpcError

C53_PHONE, C53_EMAIL = "0755-89385855", "info@c53.example.cn"
DUMIN_MOBILE, DUMIN_EMAIL = "13965693803", "c53k1@163.com"


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


@pytest.fixture(scope="module")
def zhang(server):
    return server.rpc("zhangwei")


@pytest.fixture(scope="module")
def c53(admin):
    return ref(admin, "res_partner_c53_demo")


@pytest.fixture(scope="module")
def dumin(admin):
    return ref(admin, "res_partner_c53_contact1_demo")


@pytest.fixture(scope="module")
def own(zhang):
    """One of zhangwei's own customers with a phone and an e-mail."""
    return zhang.call("res.partner", "search_read", [("user_id", "=", zhang.uid), ("is_company", "=", True),
                                                     ("phone", "!=", False), ("email", "!=", False)],
                      ["phone", "email"], limit=1)[0]


@pytest.fixture()
def cleanup(admin):
    """Records created by a test, removed afterwards (as admin)."""
    created = []
    yield created
    for model, ids in reversed(created):
        admin.call(model, "unlink", ids)


def test_opportunity_form_shows_masked_data_and_saves_none(zhang, dumin, admin, cleanup):
    spec = {"partner_id": "1", "email_from": "", "phone": "", "mobile": "", "partner_address_email": "",
            "contact_name": "", "partner_name": ""}
    values = {"name": "安保外包", "partner_id": dumin, "email_from": False, "phone": False, "mobile": False,
              "partner_address_email": False}
    changed = zhang.call("crm.lead", "onchange", [], values, "partner_id", spec)["value"]
    assert changed["mobile"] == "139****3803" and changed["email_from"] == "c***@163.com", changed
    assert changed["partner_address_email"] == "c***@163.com", changed
    values.update(changed)
    values.pop("partner_address_email")
    lead = zhang.call("crm.lead", "create", values)
    cleanup.append(("crm.lead", [lead]))
    saved = admin.call("crm.lead", "read", [lead], ["email_from", "mobile", "partner_id"])[0]
    assert not saved["email_from"] and not saved["mobile"], "no masked junk on the opportunity"
    read = zhang.call("crm.lead", "read", [lead], ["partner_address_email"])[0]
    assert read["partner_address_email"] == "c***@163.com", "crm's related field reads as superuser"


def test_copy_and_overwrite_refused(zhang, c53, dumin, admin):
    for call in (lambda: zhang.call("res.partner", "copy", c53),
                 lambda: zhang.call("res.partner", "write", [dumin], {"mobile": "139****3803"})):
        with pytest.raises(RpcError) as err:
            call()
        assert err.value.name == "odoo.exceptions.UserError"
        assert "领取" in err.value.message, err.value.message
    assert admin.call("res.partner", "read", [dumin], ["mobile"])[0]["mobile"] == DUMIN_MOBILE


def test_grouping_and_ordering_hide_the_values(zhang, c53, own):
    domain = [("id", "in", [c53, own["id"]])]
    for groupby in ("phone", "email"):
        groups = zhang.call("res.partner", "read_group", domain, [groupby], [groupby])
        assert [g[groupby] for g in groups] == [own[groupby]], groups
    for order in ("phone", "phone desc", "email", "email desc"):
        ids = zhang.call("res.partner", "search", domain, order=order + ", id")
        assert ids[-1 if " " not in order else 0] == c53, "sorted as if empty"


@pytest.mark.parametrize("domain", [
    [("phone", "=", C53_PHONE)], [("phone", "=like", "0755-8938%")], [("phone", "ilike", "893858")],
    [("email", "=", C53_EMAIL)], [("email", "=ilike", "INFO@c53.example.cn")], [("email", "like", "info@")],
    [("mobile", "=", DUMIN_MOBILE)], [("child_ids.mobile", "=", DUMIN_MOBILE)],
    [("child_ids.email", "ilike", "c53k1")], [("parent_id.phone", "=", C53_PHONE)],
    ["|", ("name", "=", "nobody"), ("email", "ilike", "c53.example")],
])
def test_search_by_hidden_values_finds_nothing(zhang, domain, c53, dumin):
    found = zhang.call("res.partner", "search", domain)
    assert not {c53, dumin} & set(found), domain
    assert zhang.call("res.partner", "search_count", domain) == len(found)


def test_negated_search_tells_nothing(zhang, c53):
    for guess in (C53_PHONE, "0"):
        assert zhang.call("res.partner", "search", [("id", "=", c53), ("phone", "!=", guess)]) == []
        assert zhang.call("res.partner", "search", [("id", "=", c53), "!", ("phone", "=", guess)]) == [c53]


def test_other_models_paths(zhang, c53, dumin, cleanup):
    lead = zhang.call("crm.lead", "create", {"name": "门禁", "partner_id": c53})
    cleanup.append(("crm.lead", [lead]))
    for domain in ([("partner_id.phone", "=", C53_PHONE)], [("partner_id.email", "=ilike", C53_EMAIL)],
                   [("partner_address_email", "=", C53_EMAIL)], [("partner_id.child_ids.mobile", "=", DUMIN_MOBILE)]):
        assert zhang.call("crm.lead", "search", domain) == [], domain
    assert zhang.call("crm.lead", "search", [("partner_id.name", "ilike", "安泰保安")]) == [lead]
    records = zhang.call("crm.followup.record", "search", [("partner_id.phone", "=", C53_PHONE)])
    assert records == []


def test_unassigned_opportunity_of_a_pool_customer(zhang, admin, dumin, cleanup):
    lead = admin.call("crm.lead", "create", {"name": "官网询价", "partner_id": dumin, "user_id": False,
                                             "email_from": DUMIN_EMAIL, "mobile": DUMIN_MOBILE})
    cleanup.append(("crm.lead", [lead]))
    seen = zhang.call("crm.lead", "read", [lead], ["email_from", "mobile"])[0]
    assert (seen["email_from"], seen["mobile"]) == ("c***@163.com", "139****3803")
    assert zhang.call("crm.lead", "search", [("mobile", "=", DUMIN_MOBILE)]) == []
    assert zhang.call("crm.lead", "search", [("email_from", "=ilike", DUMIN_EMAIL)]) == []
    assert admin.call("crm.lead", "search", [("mobile", "=", DUMIN_MOBILE)]) == [lead]


def test_display_names_and_name_search(zhang, c53, dumin):
    ctx = dict(zhang.context, show_email=True)
    assert zhang.call("res.partner", "name_get", [dumin], context=ctx) == [
        [dumin, "深圳坪山安泰保安服务有限公司, 杜敏 <c***@163.com>"]]
    assert zhang.call("res.partner", "name_search", "c53k1", context=ctx) == []
    assert zhang.call("res.partner", "name_search", C53_EMAIL, operator="=ilike") == []
    found = zhang.call("res.partner", "name_search", "杜敏", context=ctx)
    assert [dumin, "深圳坪山安泰保安服务有限公司, 杜敏 <c***@163.com>"] in found
    formatted = zhang.call("res.partner", "read", [c53, dumin], ["email_formatted"])
    assert [r["email_formatted"] for r in formatted] == [
        "深圳坪山安泰保安服务有限公司 <i***@c53.example.cn>", "杜敏 <c***@163.com>"]


def test_chatter_does_not_hand_on_the_address(zhang, c53, dumin, cleanup):
    suggested = zhang.call("res.partner", "message_get_suggested_recipients", [c53])[str(c53)]
    assert [s[:2] for s in suggested] == [[c53, "深圳坪山安泰保安服务有限公司<i***@c53.example.cn>"]]
    lead = zhang.call("crm.lead", "create", {"name": "猜邮箱", "email_from": DUMIN_EMAIL})
    cleanup.append(("crm.lead", [lead]))
    info = zhang.call("crm.lead", "message_partner_info_from_emails", [lead], [DUMIN_EMAIL])
    assert info == [{"full_name": DUMIN_EMAIL, "partner_id": False}], "a guessed address is not confirmed"
    suggested = zhang.call("crm.lead", "message_get_suggested_recipients", [lead])[str(lead)]
    assert dumin not in [s[0] for s in suggested]


def test_meeting_attendee_email_masked(zhang, dumin, admin, cleanup):
    ctx = dict(zhang.context, no_mail_to_attendees=True)
    event = zhang.call("calendar.event", "create", {
        "name": "上门拜访", "start": "2026-12-01 02:00:00", "stop": "2026-12-01 03:00:00",
        "partner_ids": [(6, 0, [dumin])]}, context=ctx)
    cleanup.append(("calendar.event", [event]))
    attendees = zhang.call("calendar.attendee", "search_read", [("event_id", "=", event)], ["partner_id", "email"])
    mine = [a for a in attendees if a["partner_id"][0] == dumin]
    assert [a["email"] for a in mine] == ["c***@163.com"]
    assert admin.call("calendar.attendee", "read", [mine[0]["id"]], ["email"])[0]["email"] == DUMIN_EMAIL
    assert zhang.call("calendar.attendee", "search", [("email", "=", DUMIN_EMAIL)]) == []


def test_own_customer_and_manager_see_real_values(zhang, server, own, c53):
    read = zhang.call("res.partner", "read", [own["id"]], ["phone", "email", "followup_contact_masked"])[0]
    assert "*" not in read["phone"] and not read["followup_contact_masked"]
    assert zhang.call("res.partner", "search", [("phone", "=", own["phone"])]) == [own["id"]]
    zhang.call("res.partner", "write", [own["id"]], {"phone": own["phone"]})  # editing one's own: fine
    manager = server.rpc("manager")
    assert manager.call("res.partner", "search", [("phone", "=", C53_PHONE)]) == [c53]
    groups = manager.call("res.partner", "read_group", [("id", "=", c53)], ["phone"], ["phone"])
    assert [g["phone"] for g in groups] == [C53_PHONE]
    assert manager.call("res.partner", "read", [c53], ["email_formatted"])[0]["email_formatted"].endswith(
        "<%s>" % C53_EMAIL)


def test_followers_and_received_mail_masked(zhang, admin, c53, dumin, cleanup):
    admin.call("res.partner", "message_subscribe", [c53], [dumin])
    message = admin.call("res.partner", "message_post", [c53], body="请报价", author_id=dumin, message_type="email",
                         email_from='"杜敏" <%s>' % DUMIN_EMAIL)
    cleanup.append(("mail.message", [message]))
    try:
        followers = zhang.call("res.partner", "read", [c53], ["message_follower_ids"])[0]["message_follower_ids"]
        listed = zhang.post("/mail/read_followers", {"follower_ids": followers, "res_model": "res.partner"})
        emails = {f["res_id"]: f["email"] for f in listed["followers"] if f["res_model"] == "res.partner"}
        assert emails[dumin] == "c***@163.com", listed
        formatted = zhang.call("mail.message", "message_format", [message])[0]
        assert formatted["email_from"] == '"杜敏" <c***@163.com>', formatted
        assert zhang.call("mail.message", "search", [("email_from", "ilike", "c53k1")]) == []
        assert admin.call("mail.message", "search", [("email_from", "ilike", "c53k1")]) == [message]
    finally:
        follower = admin.call("mail.followers", "search",
                              [("res_model", "=", "res.partner"), ("res_id", "=", c53), ("partner_id", "=", dumin)])
        admin.call("mail.followers", "unlink", follower)

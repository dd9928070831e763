"""Global search over the real JSON-RPC API as the salesperson zhangwei: a phone in any
formatting finds his customer, a contact's mobile finds its company, ranked with the reason in
Chinese; a colleague's customer and a pool customer's hidden number are never confirmed."""
import pytest

from conftest import RpcError

CHUANGWEI_PHONE = "0755-85626388"      # 深圳创维精密有限公司, zhangwei's
HOU_MOBILE = "18334531131"             # 侯丽娟, a contact of 深圳创维精密
HUAXIN_PHONE = "0755-30470054"         # 深圳华信电子有限公司, lina's
C53_PHONE, DUMIN_MOBILE = "0755-89385855", "13965693803"   # 深圳坪山安泰保安 (Shenzhen pool) and its contact


@pytest.fixture(scope="module")
def zhang(server):
    return server.rpc("zhangwei")


def search(rpc, text, limit=20):
    return rpc.call("res.partner", "followup_global_search", text, limit)


def test_a_phone_in_any_formatting_finds_his_customer(zhang):
    for text in (CHUANGWEI_PHONE, "+86 755 8562 6388", "０７５５－８５６２６３８８", "85626388"):
        result = search(zhang, text)
        assert [(r["display_name"], r["match"], r["field"]) for r in result] == [
            ("深圳创维精密有限公司", "exact", "phone")], text
    by_contact = search(zhang, "183 3453 1131")
    assert [(r["display_name"], r["contact"]) for r in by_contact] == [("深圳创维精密有限公司", "侯丽娟")]
    assert by_contact[0]["reason"] == "联系人 侯丽娟 的手机：完全一致"
    # the customer search view's field finds the same customer
    found = zhang.call("res.partner", "search_read", [("followup_search", "ilike", "+86 755 8562 6388")],
                       ["name"])
    assert [r["name"] for r in found] == ["深圳创维精密有限公司"]


def test_ranked_by_name(zhang):
    result = search(zhang, "创维精密")
    assert result[0]["display_name"] == "深圳创维精密有限公司"
    assert result[0]["match"] == "exact", "the name without its city and legal form"


def test_nothing_he_may_not_see(zhang, admin):
    assert search(admin, HUAXIN_PHONE), "the administrator finds lina's customer"
    assert search(zhang, HUAXIN_PHONE) == []
    assert zhang.call("res.partner", "search_count", [("followup_search", "ilike", HUAXIN_PHONE)]) == 0
    # by name: other 华信电子 he may see, never lina's
    assert "深圳华信电子有限公司" not in [r["display_name"] for r in search(zhang, "深圳华信电子有限公司")]
    assert not zhang.call("res.partner", "search_read", [("followup_search", "ilike", "深圳华信电子有限公司"),
                                                         ("name", "=", "深圳华信电子有限公司")], ["name"])
    # a pool customer: found by its name, never by its hidden numbers
    # (his own 深圳安泰保安 first: its short name starts with the text; the pool's 坪山安泰保安 contains it)
    assert [r["display_name"] for r in search(zhang, "安泰保安")] == [
        "深圳安泰保安服务有限公司", "深圳坪山安泰保安服务有限公司"]
    for text in (C53_PHONE, "89385855", DUMIN_MOBILE, "139-6569-3803"):
        assert search(zhang, text) == [], text
        assert zhang.call("res.partner", "search_count", [("followup_search", "ilike", text)]) == 0, text
    assert search(admin, C53_PHONE)[0]["display_name"] == "深圳坪山安泰保安服务有限公司"


def test_the_keys_cannot_be_probed_through_its_domain(zhang):
    with pytest.raises(RpcError) as refused:
        zhang.call("res.partner", "followup_global_search", "安泰", 20, [("phone_key", "like", "0755%")])
    assert refused.value.name == "odoo.exceptions.AccessError"

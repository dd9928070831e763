"""Module search and multi-condition search over the real JSON-RPC API, as the salesperson
zhangwei: customers whose follow-ups mention a text (only the follow-ups he may read), of an
opportunity campaign (both of two), followed up N times in a period, combined with the ordinary
filters; a bad value is refused in Chinese, saying what to type."""
import pytest

from conftest import RpcError


@pytest.fixture(scope="module")
def zhang(server):
    return server.rpc("zhangwei")


def names(rpc, domain):
    rows = rpc.call("res.partner", "search_read", domain + [("is_company", "=", True)], ["name"])
    return sorted(r["name"] for r in rows)


def test_followups_mention_only_what_he_may_read(zhang, admin):
    # exactly the customers of the follow-ups he reads that say it
    records = zhang.call("crm.followup.record", "search_read", ["|", ("content", "ilike", "产品目录"),
                                                                ("next_step", "ilike", "产品目录")], ["partner_id"])
    found = names(zhang, [("followup_mention", "ilike", "产品目录")])
    assert "广州海珠天虹物流有限公司" in found
    assert found == sorted({r["partner_id"][1] for r in records})
    # lina's and wangfang's visits to fix equipment: the administrator finds them, zhangwei none of lina's
    everybody = names(admin, [("followup_mention", "ilike", "现场处理设备问题")])
    assert "广州星辰广告有限公司" in everybody
    assert "广州星辰广告有限公司" not in names(zhang, [("followup_mention", "ilike", "现场处理设备问题")])


def test_campaigns_and_counts_combined_with_the_ordinary_filters(zhang, admin):
    mine = zhang.call("res.partner", "search_read", [("user_id", "=", zhang.uid), ("is_company", "=", True)],
                      ["name"], limit=2)
    fair, promo = (admin.call("utm.campaign", "create", {"name": name}) for name in ("E2E春季展会", "E2E双十一"))
    for partner, campaign in ((mine[0], fair), (mine[0], promo), (mine[1], fair)):
        zhang.call("crm.lead", "create", {"name": "E2E询价", "type": "opportunity", "partner_id": partner["id"],
                                          "campaign_id": campaign, "user_id": zhang.uid})
    assert names(zhang, [("opportunity_campaign", "ilike", "E2E春季展会")]) == sorted(p["name"] for p in mine)
    assert names(zhang, [("opportunity_campaign", "ilike", "E2E春季展会 & E2E双十一")]) == [mine[0]["name"]]
    # combined with each other and with an ordinary field: AND, as the search view combines them
    each = [[("opportunity_campaign", "ilike", "E2E春季展会")], [("followup_times", "ilike", "1 今年")],
            [("grade_id", "!=", False)]]
    both = set(names(zhang, each[0])) & set(names(zhang, each[1])) & set(names(zhang, each[2]))
    assert names(zhang, each[0] + each[1] + each[2]) == sorted(both)


def test_a_bad_value_is_refused_in_chinese(zhang):
    with pytest.raises(RpcError) as refused:
        zhang.call("res.partner", "search_count", [("followup_times", "ilike", "3 下辈子")])
    assert refused.value.name == "odoo.exceptions.UserError"
    assert "不是时间段" in refused.value.message and "本月" in refused.value.message

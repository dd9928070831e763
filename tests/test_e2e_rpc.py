"""Through the real HTTP server: who can log in, and what each role reads."""
import pytest

from conftest import RpcError


def test_salesperson_reads_grades_over_jsonrpc(server):
    zhang = server.rpc("zhangwei")
    grades = zhang.call("crm.followup.grade", "search_read", [], ["code", "followup_interval"])
    assert [(g["code"], g["followup_interval"]) for g in grades] == [("A", 7), ("B", 14), ("C", 30), ("D", 60)]


def test_salesperson_cannot_change_grades(server):
    zhang = server.rpc("zhangwei")
    grade = zhang.call("crm.followup.grade", "search", [("code", "=", "A")])
    with pytest.raises(RpcError) as err:
        zhang.call("crm.followup.grade", "write", grade, {"followup_interval": 1})
    assert err.value.name == "odoo.exceptions.AccessError"


def test_wrong_password_is_refused(server):
    with pytest.raises(RpcError):
        server.rpc("zhangwei", "not-the-password")


def test_demo_team_has_located_customers(server):
    """The demo looks like a real South China sales team: each salesperson owns customers
    in Shenzhen or Guangzhou districts, with coordinates, contacts and a grade."""
    zhang = server.rpc("zhangwei")
    mine = zhang.call("res.partner", "search_read",
                      [("user_id", "=", zhang.uid), ("is_company", "=", True)],
                      ["city", "partner_latitude", "partner_longitude", "grade_id", "child_ids"])
    assert len(mine) >= 15
    assert {c["city"] for c in mine} == {"深圳市", "广州市"}
    for c in mine:
        assert 22.4 < c["partner_latitude"] < 23.5 and 113.1 < c["partner_longitude"] < 114.4, c
        assert c["grade_id"]
    assert sum(len(c["child_ids"]) for c in mine) >= len(mine)

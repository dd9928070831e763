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

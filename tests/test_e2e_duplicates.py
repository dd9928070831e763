"""The duplicate check (查重) through the real HTTP server, as the salesperson who tries it: a
duplicate of a pool customer names the pool, one of a colleague's customer names the colleague,
never their contact data; the form's onchange warns the same way; an import reports each refused
row; the manager's override needs the manager's group, not a context key or a field value."""
import pytest

from conftest import RpcError

C53_PHONE_PARTS = ("89385855", "8938", "5855", "0755-")  # c53's real phone, in any part
DUPLICATE = "DuplicateCustomerError"


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


@pytest.fixture()
def cleanup(admin):
    created = []
    yield created
    if created:
        admin.call("res.partner", "unlink", created)


def refused(rpc, method, *args, **kwargs):
    with pytest.raises(RpcError) as err:
        rpc.call("res.partner", method, *args, **kwargs)
    assert err.value.name.endswith(DUPLICATE), err.value
    return err.value.message


def test_duplicate_of_a_pool_customer_names_the_pool_not_the_phone(server, admin):
    zhang = server.rpc("zhangwei")
    pool = admin.call("res.partner", "read", [ref(admin, "res_partner_c53_demo")], ["pool_id"])[0]["pool_id"][1]
    message = refused(zhang, "create", {"name": "安泰保安", "is_company": True, "phone": "+86 755 8938 5855"})
    assert pool in message and "深圳坪山安泰保安服务有限公司" in message, message
    assert not any(part in message for part in C53_PHONE_PARTS), message
    # a copy of the pool customer: refused before the duplicate check (claim it first)
    with pytest.raises(RpcError) as err:
        zhang.call("res.partner", "copy", ref(admin, "res_partner_c53_demo"))
    assert "请先领取" in err.value.message and not any(part in err.value.message for part in C53_PHONE_PARTS)


def test_duplicate_of_a_colleagues_customer_names_the_colleague(server, admin):
    zhang = server.rpc("zhangwei")
    c01 = admin.call("res.partner", "read", [ref(admin, "res_partner_c01_demo")], ["name", "user_id", "phone"])[0]
    message = refused(zhang, "create", {"name": "深圳华信电子股份有限公司", "is_company": True})
    assert c01["user_id"][1] in message, message          # 李娜
    assert c01["phone"] not in message and "30470054" not in message, message
    # by the phone only: the colleague is named, the customer zhangwei may not read is not
    message = refused(zhang, "create", {"name": "某公司", "is_company": True, "phone": "(0755) 3047 0054"})
    assert c01["user_id"][1] in message and c01["name"] not in message, message


def test_onchange_warns_as_the_name_is_typed_without_contact_data(server, admin):
    zhang = server.rpc("zhangwei")
    spec = {name: "1" for name in ("name", "phone", "mobile", "email", "is_company", "customer", "parent_id")}
    values = {"name": "王先生", "phone": "0755 8938 5855", "mobile": False, "email": False, "is_company": False,
              "customer": True, "parent_id": False, "company_id": 1}
    result = zhang.call("res.partner", "onchange", [], values, "phone", spec)
    message = result["warning"]["message"]
    assert "深圳坪山安泰保安服务有限公司" in message and not any(p in message for p in C53_PHONE_PARTS), message
    values["phone"] = "0755 1111 2222"
    assert not zhang.call("res.partner", "onchange", [], values, "phone", spec).get("warning")


def test_salesperson_cannot_forge_the_managers_override(server, admin):
    zhang = server.rpc("zhangwei")
    vals = {"name": "深圳坪山安泰保安服务有限公司", "is_company": True, "duplicate_reason": "经理同意"}
    refused(zhang, "create", vals)
    refused(zhang, "create", vals, context=dict(zhang.context, duplicate_override=True, force=True))
    # nor can the keys be rewritten or searched to hide from the check or probe a number
    with pytest.raises(RpcError) as err:
        zhang.call("res.partner", "search", [("phone_key", "=like", "0755%")])
    assert err.value.name == "odoo.exceptions.AccessError"
    with pytest.raises(RpcError) as err:
        zhang.call("res.partner", "read", [ref(admin, "res_partner_c53_demo")], ["phone_key"])
    assert err.value.name == "odoo.exceptions.AccessError"


def test_manager_overrides_with_the_reason_logged(server, admin, cleanup):
    manager = server.rpc("manager")
    vals = {"name": "深圳坪山安泰保安服务有限公司", "is_company": True}
    refused(manager, "create", vals)
    partner = manager.call("res.partner", "create", dict(vals, duplicate_reason="同名不同主体，营业执照号不同"))
    cleanup.append(partner)
    bodies = [m["body"] for m in admin.call("mail.message", "search_read",
                                            [("model", "=", "res.partner"), ("res_id", "=", partner)], ["body"])]
    assert any("同名不同主体" in body and "深圳公海" in body for body in bodies), bodies


def test_import_reports_each_refused_row_and_imports_nothing(server, admin):
    zhang = server.rpc("zhangwei")
    rows = [["导入新客户一", "1", "020-55556666"],
            ["深圳华信电子有限公司", "1", ""],
            ["导入新客户二", "1", "0755-89385855"]]
    result = zhang.call("res.partner", "load", ["name", "is_company", "phone"], rows)
    assert result["ids"] is False
    errors = sorted((m["rows"]["from"], m["message"]) for m in result["messages"] if m["type"] == "error")
    assert [row for row, _m in errors] == [1, 2], errors
    assert "李娜" in errors[0][1] and "深圳公海" in errors[1][1], errors
    assert not any(part in message for _r, message in errors for part in C53_PHONE_PARTS), errors
    assert not admin.call("res.partner", "search", [("name", "=", "导入新客户一")])

"""Customer Tracking switched per company, over the real JSON-RPC API: the Shanghai company has its
public pool switched off (demo), the Shenzhen one on. A Shanghai salesperson sees the real phone
numbers of his company's unowned customers and claims none; zhangwei still sees the Shenzhen pool's
masked. Only an administrator changes the switches, in Settings > Customer Tracking."""
import os

import pytest

from conftest import RpcError
from test_e2e_ui import browse

S05_PHONE, WUMIN_MOBILE = "021-57745210", "13917264583"
C53_PHONE = "0755-89385855"


def ref(rpc, xmlid):
    return rpc.call("ir.model.data", "xmlid_to_res_id", "crm_followup." + xmlid)


def settings(rpc):
    """What Settings > Customer Tracking shows this user (for their current company)."""
    new = rpc.call("res.config.settings", "create", {})
    return rpc.call("res.config.settings", "read", [new], ["followup_pool_enabled", "followup_birthday_days"])[0]


def test_shanghai_salesperson_sees_real_numbers_and_claims_nothing(server, admin):
    zhao = server.rpc("sh_zhaolei")
    s05, wumin = ref(admin, "res_partner_s05_demo"), ref(admin, "res_partner_s05_contact1_demo")
    customer = zhao.call("res.partner", "read", [s05], ["user_id", "phone", "followup_contact_masked"])[0]
    assert (customer["user_id"], customer["phone"], customer["followup_contact_masked"]) == (False, S05_PHONE, False)
    assert zhao.call("res.partner", "read", [wumin], ["mobile"])[0]["mobile"] == WUMIN_MOBILE
    assert zhao.call("res.partner", "search", [("phone", "=", S05_PHONE)]) == [s05]
    with pytest.raises(RpcError) as err:
        zhao.call("res.partner", "action_claim", [s05])
    assert err.value.name == "odoo.exceptions.UserError"
    assert "公海已关闭" in err.value.message, err.value.message
    assert admin.call("res.partner", "read", [s05], ["user_id"])[0]["user_id"] is False


def test_shenzhen_pool_customer_still_masked(server, admin):
    zhang = server.rpc("zhangwei")
    c53 = ref(admin, "res_partner_c53_demo")
    customer = zhang.call("res.partner", "read", [c53], ["user_id", "phone", "followup_contact_masked"])[0]
    assert customer["user_id"] is False and customer["followup_contact_masked"] is True
    assert customer["phone"] != C53_PHONE and "****" in customer["phone"]
    assert zhang.call("res.partner", "search", [("phone", "=", C53_PHONE)]) == []


def test_only_an_administrator_switches_a_company(server, admin):
    shanghai = ref(admin, "crm_followup_company_shanghai_demo")
    for login in ("sh_manager", "sh_zhaolei"):
        user = server.rpc(login)
        with pytest.raises(RpcError) as err:
            user.call("res.company", "write", [shanghai], {"followup_pool_enabled": True})
        assert err.value.name == "odoo.exceptions.AccessError"
        with pytest.raises(RpcError) as err:
            user.call("res.config.settings", "create", {"followup_pool_enabled": True})
        assert err.value.name == "odoo.exceptions.AccessError"
    assert admin.call("res.company", "read", [shanghai], ["followup_pool_enabled"])[0]["followup_pool_enabled"] is False
    # the administrator's settings show the company he works in
    own = admin.call("res.users", "read", [admin.uid], ["company_id"])[0]["company_id"][0]
    assert settings(admin)["followup_pool_enabled"] is True
    admin.call("res.users", "write", [admin.uid], {"company_id": shanghai})
    try:
        values = settings(admin)
        assert (values["followup_pool_enabled"], values["followup_birthday_days"]) == (False, 7)
    finally:
        admin.call("res.users", "write", [admin.uid], {"company_id": own})


def test_settings_page_in_the_browser(server, screen):
    """The administrator's Settings > Customer Tracking, at desktop and phone size: the three
    switches with their explanations, nothing wider than the window."""
    block = ".app_settings_block[data-key=crm_followup]"
    shots = browse(server, "admin", [{
        "name": "settings_customer_tracking", "path": "/web#action=crm_followup.crm_followup_settings_action",
        "wait": block + " .o_setting_box", "then": [{"fits": block + " .o_setting_box"}],
        "texts": {"title": block + " h2", "pool": block + " label[for]"},
    }], screen=screen)
    shot = shots["settings_customer_tracking"]
    assert shot["texts"] == {"title": "客户追踪", "pool": "公海"}  # the demo administrator works in Chinese
    assert os.path.getsize(shot["file"]) > 10000

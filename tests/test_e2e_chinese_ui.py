"""The app reads as Chinese, in a real browser: the customer lists head their first column
客户名称 (it read 显示名称, Odoo's name for display_name), datetimes read to the minute
(Odoo 11 shows the seconds of zh_CN's time format, 14时05分37秒), in lists and forms, and the customer form
offers the suggested lifecycle stage in Chinese (it read "建议阶段 Acquisition 采用")."""
import re

from test_e2e_ui import browse

TO_THE_MINUTE = re.compile(r"\d{4}年\d{2}月\d{2}日 \d{2}时\d{2}分")
ENGLISH_STAGES = ("Acquisition", "Growth", "Maturity", "Decline", "Departure")


def test_my_customers_read_as_chinese(server, admin):
    zhang = server.rpc("zhangwei")
    mine = zhang.call("res.partner", "search_read", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)],
                      ["display_name", "lifecycle_suggestion"], order="display_name")
    suggested = next(i for i, c in enumerate(mine) if c["lifecycle_suggestion"])
    shots = browse(server, "zhangwei", [
        {"name": "my_customers_zh", "wait": ".o_list_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"],
         "texts": {"head": ".o_list_view thead", "body": ".o_list_view tbody"}},
        {"name": "customer_suggestion_zh", "wait": ".o_list_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"],
         "click": ".o_list_view .o_data_row:nth-child(%d) td.o_data_cell" % (suggested + 1),
         "then": [{"click": ".o_notebook .nav-tabs a:has-text('客户档案')"}],
         "texts": {"sheet": ".o_form_view .o_form_sheet"}},
    ])
    head, body = shots["my_customers_zh"]["texts"]["head"], shots["my_customers_zh"]["texts"]["body"]
    assert head.split()[0] == "客户名称" and "显示名称" not in head, head
    assert TO_THE_MINUTE.search(body), body
    assert "秒" not in body, "datetimes read to the minute"
    sheet = shots["customer_suggestion_zh"]["texts"]["sheet"]
    assert "建议阶段" in sheet and mine[suggested]["display_name"] in sheet
    assert not [s for s in ENGLISH_STAGES if s in sheet], sheet
    assert TO_THE_MINUTE.search(sheet) and "秒" not in sheet, "the form reads datetimes to the minute too"

"""The workbench (今日工作台) in chromium: opening Customer Tracking lands on it, so does the
customers' entry of the activity menu in the top bar, it reads at desktop and phone width, and a
tap on a due follow-up's button logs the follow-up in the Log Follow-up dialog, after which the
line leaves the page."""
import os

from conftest import SCREENS
from test_e2e_followup_concurrency import utc
from test_e2e_pool import ref
from test_e2e_ui import browse

NEXT_STEP = "寄送样品并确认报价"
CONTENT = "已寄样品，客户下周回复"


def test_workbench_opens_the_app_and_logs_a_followup(server, admin):
    zhang = server.rpc("zhangwei")
    # one whose last follow-up is past (other tests plan follow-ups dated a little ahead)
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True),
                                                    ("last_followup_date", "<", utc())], limit=1, order="name")[0]
    phone_id = ref(admin, "crm_followup_method_phone")
    phone = zhang.call("crm.followup.method", "read", [phone_id], ["name"])[0]
    # a follow-up now (the customer's latest) plans the next one for later today: due today
    zhang.call("crm.followup.record", "create", {
        "partner_id": customer, "method_id": phone_id, "date": utc(),
        # whole minutes: a time with seconds was picked as a day in the date picker, and is planned
        # at 09:00 (followup_dates.planned_time), before "now" after 09:00 in Shanghai
        "next_followup_date": utc(minutes=2)[:17] + "00", "next_step": NEXT_STEP, "content": "初次电话沟通"})
    data = zhang.call("crm.followup.workbench", "get_data")
    line = next(line for line in data["due"]["lines"] if line["partner_id"] == customer)
    assert (line["next_step"], line["reason"]) == (NEXT_STEP, "计划跟进")

    due = ".o_followup_wb_due .o_followup_wb_line:has(.o_followup_wb_log[data-id='%d'])" % customer
    dialog = ".modal .o_form_view"
    shots = browse(server, "zhangwei", [
        {"name": "workbench", "menus": ["crm_followup.crm_followup_menu_root"],
         "wait": due, "then": [{"see": ".o_followup_wb_takeback h3"}, {"see": ".o_followup_wb_claims h3"}]},
        # the activity menu of the top bar: the customers' reminders lead to the workbench
        {"name": "workbench_from_reminders", "menus": ["crm_followup.crm_followup_my_customer_menu"],
         "wait": ".o_list_view", "then": [
             {"click": ".o_mail_navbar_item:has(.fa-clock-o) > a.dropdown-toggle",
              "see": ".o_mail_channel_preview[data-res_model='res.partner']"},
             {"click": ".o_mail_channel_preview[data-res_model='res.partner']", "wait": due},
         ]},
    ])
    on_phone = browse(server, "zhangwei", [
        {"name": "workbench", "menus": ["crm_followup.crm_followup_menu_root"], "wait": due,
         "then": [{"fits": ".o_followup_wb_section, .o_followup_wb_line"}]},
        {"name": "workbench_log", "menus": [], "wait": due,
         "then": [
             {"click": due + " .o_followup_wb_log", "see": dialog + " textarea[name=content]"},
             {"fill": {dialog + " .o_field_many2one[name=method_id] input": phone["name"]},
              "click": ".ui-autocomplete .ui-menu-item a"},
             {"fill": {dialog + " textarea[name=content]": CONTENT},
              "click": ".modal-footer button:has-text('保存')", "gone": dialog},
             {"gone": due},
         ]},
    ], screen=SCREENS["phone"])
    assert shots["workbench"]["breadcrumb"] == "今日工作台"
    assert shots["workbench_from_reminders"]["breadcrumb"] == "今日工作台"
    for shot in (shots["workbench"], on_phone["workbench"]):
        assert os.path.getsize(shot["file"]) > 10000
    logged = zhang.call("crm.followup.record", "search_read", [("content", "=", CONTENT)],
                        ["partner_id", "user_id", "method_id"])
    assert [(r["partner_id"][0], r["user_id"][0], r["method_id"][0]) for r in logged] == \
        [(customer, zhang.uid, phone_id)]
    after = zhang.call("crm.followup.workbench", "get_data")
    assert customer not in [line["partner_id"] for line in after["due"]["lines"]]


def test_workbench_shows_only_the_users_own_customers(server):
    """Over JSON-RPC, as each salesperson: every customer on the page is the caller's own."""
    for login in ("zhangwei", "lina"):
        rpc = server.rpc(login)
        data = rpc.call("crm.followup.workbench", "get_data")
        shown = {line["partner_id"] for name in ("due", "takeback", "birthdays", "received")
                 for line in data[name]["lines"]}
        if shown:
            owners = rpc.call("res.partner", "read", list(shown), ["user_id"])
            assert {o["user_id"][0] for o in owners} == {rpc.uid}

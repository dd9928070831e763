"""Marking a follow-up reminder done logs the follow-up: over JSON-RPC a bare "done" with
feedback is refused (it would leave the customer ageing toward take-back), and in the browser
"Mark Done" opens the Log Follow-up dialog with the feedback, whose saving closes the reminder."""
import pytest

from conftest import RpcError
from test_e2e_followup_concurrency import utc
from test_e2e_pool import ref
from test_e2e_ui import browse

FEEDBACK = "电话确认：客户下周一签合同"


def figures(admin, customer):
    return admin.call("res.partner", "read", [customer], ["followup_count", "last_followup_date"])[0]


def test_mark_done_on_a_followup_reminder_logs_the_followup(server, admin):
    zhang = server.rpc("zhangwei")
    # the first row of 我的客户 (ordered by name, as the list shows it)
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)],
                          limit=1)[0]
    phone_id = ref(admin, "crm_followup_method_phone")
    phone = zhang.call("crm.followup.method", "read", [phone_id], ["name"])[0]
    zhang.call("crm.followup.record", "create", {
        "partner_id": customer, "method_id": phone_id, "date": utc(),  # the latest: it plans the next
        "next_followup_date": utc(days=1), "content": "初次电话沟通"})
    type_id = ref(admin, "mail_activity_type_followup")
    reminder = zhang.call("mail.activity", "search", [
        ("res_model", "=", "res.partner"), ("res_id", "=", customer), ("user_id", "=", zhang.uid),
        ("activity_type_id", "=", type_id)])
    assert len(reminder) == 1
    before = figures(admin, customer)

    # over RPC: "done" with feedback alone is refused, and nothing moves
    for method, kwargs in (("action_feedback", {"feedback": "聊过了"}), ("action_done", {})):
        with pytest.raises(RpcError) as err:
            zhang.call("mail.activity", method, reminder, **kwargs)
        assert err.value.name == "odoo.exceptions.UserError" and "写跟进" in err.value.message
    assert zhang.call("mail.activity", "search_count", [("id", "in", reminder)]) == 1
    assert figures(admin, customer) == before

    # in the browser: Mark Done, type the feedback, Done -> the Log Follow-up dialog
    dialog = ".modal .o_form_view"
    browse(server, "zhangwei", [
        {"name": "followup_reminder_done", "wait": ".o_list_view",
         "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_my_customer_menu"],
         "click": ".o_list_view .o_data_row td.o_data_cell",
         "then": [
             {"click": ".o_mail_activity .o_activity_done[data-previous-activity-type-id='%d']" % type_id,
              "see": ".popover #activity_feedback"},
             {"fill": {".popover #activity_feedback": FEEDBACK}, "click": ".popover .o_activity_popover_done",
              "see": dialog + " textarea[name=content]"},
             {"fill": {dialog + " .o_field_many2one[name=method_id] input": phone["name"]},
              "click": ".ui-autocomplete .ui-menu-item a"},
             {"click": ".modal-footer button:has-text('保存')", "gone": dialog},
         ]},
    ])
    logged = zhang.call("crm.followup.record", "search_read", [("content", "=", FEEDBACK)],
                        ["partner_id", "user_id", "method_id"])
    assert len(logged) == 1, "the feedback became the follow-up's content"
    assert (logged[0]["partner_id"][0], logged[0]["user_id"][0], logged[0]["method_id"][0]) == \
        (customer, zhang.uid, phone_id)
    assert zhang.call("mail.activity", "search_count", [("id", "in", reminder)]) == 0, "the reminder is done"
    after = figures(admin, customer)
    assert after["followup_count"] == before["followup_count"] + 1
    assert after["last_followup_date"] > before["last_followup_date"]

"""Complaint service levels over the real JSON-RPC API, as the salesperson who wants around them:
he sees the service levels of his customers' complaints, and cannot move a deadline, a state or
the working time consumed (not by writing the lines, not through the complaint's sla_ids, not by
creating or deleting a line), nor change or add a policy."""
import pytest

from test_e2e_complaint import ref, refused

ACCESS = "odoo.exceptions.AccessError"


@pytest.fixture()
def sla_complaint(admin, server):
    """A policy of the main company, and a complaint of one of 张伟's customers under it; both removed
    afterwards (with the reminder the owner got)."""
    zhang = server.rpc("zhangwei")
    policy = admin.call("crm.followup.complaint.sla.policy", "create", {
        "name": "e2e 标准", "calendar_id": ref(admin, "resource_calendar_china"),
        "target_ids": [(0, 0, {"metric": "first_response", "target_hours": 2}),
                       (0, 0, {"metric": "solution", "target_hours": 16})]})
    customer = zhang.call("res.partner", "search", [("user_id", "=", zhang.uid), ("is_company", "=", True),
                                                    ("customer", "=", True)], limit=1)[0]
    complaint_type = ref(admin, "mail_activity_type_complaint")
    reminders = admin.call("mail.activity", "search", [("activity_type_id", "=", complaint_type)])
    complaint = zhang.call("crm.followup.complaint", "create", {
        "subject": "e2e 交货延迟", "partner_id": customer,
        "category_id": ref(admin, "crm_followup_complaint_category_delivery")})
    yield zhang, complaint, policy
    admin.call("crm.followup.complaint", "unlink", [complaint])
    admin.call("crm.followup.complaint.sla.policy", "unlink", [policy])
    admin.call("mail.activity", "unlink", admin.call(
        "mail.activity", "search", [("activity_type_id", "=", complaint_type), ("id", "not in", reminders)]))


def test_salesperson_sees_but_cannot_move_the_service_levels(sla_complaint):
    zhang, complaint, policy = sla_complaint
    lines = zhang.call("crm.followup.complaint.sla", "search_read", [("complaint_id", "=", complaint)],
                       ["metric", "deadline", "state", "target_hours"])
    assert sorted(line["metric"] for line in lines) == ["first_response", "solution"]
    assert all(line["deadline"] and line["state"] == "running" for line in lines)
    line_ids = [line["id"] for line in lines]
    for vals in ({"deadline": "2099-01-01 00:00:00"}, {"state": "reached"}, {"consumed_hours": 0},
                 {"target_hours": 999}):
        refused(lambda: zhang.call("crm.followup.complaint.sla", "write", line_ids, vals), ACCESS)
        refused(lambda: zhang.call("crm.followup.complaint", "write", [complaint],
                                   {"sla_ids": [(1, line_ids[0], vals)]}), ACCESS)
    refused(lambda: zhang.call("crm.followup.complaint", "write", [complaint], {"sla_ids": [(2, line_ids[0])]}),
            ACCESS)
    refused(lambda: zhang.call("crm.followup.complaint.sla", "unlink", line_ids), ACCESS)
    refused(lambda: zhang.call("crm.followup.complaint.sla", "create", {
        "complaint_id": complaint, "company_id": 1, "policy_id": policy, "metric": "solution",
        "calendar_id": 1, "state": "reached"}), ACCESS)
    after = zhang.call("crm.followup.complaint.sla", "read", line_ids, ["deadline", "state", "target_hours"])
    assert [(line["deadline"], line["state"], line["target_hours"]) for line in after] == [
        (line["deadline"], line["state"], line["target_hours"]) for line in lines]


def test_salesperson_cannot_change_the_policies(sla_complaint):
    zhang, _complaint, policy = sla_complaint
    assert zhang.call("crm.followup.complaint.sla.policy", "read", [policy], ["name"])
    refused(lambda: zhang.call("crm.followup.complaint.sla.policy", "write", [policy], {"warning_share": 99}),
            ACCESS)
    refused(lambda: zhang.call("crm.followup.complaint.sla.policy", "create", {"name": "我的"}), ACCESS)
    target = zhang.call("crm.followup.complaint.sla.policy", "read", [policy], ["target_ids"])[0]["target_ids"][0]
    refused(lambda: zhang.call("crm.followup.complaint.sla.target", "write", [target], {"target_hours": 999}),
            ACCESS)

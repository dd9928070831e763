"""A complaint's service levels in the browser, at desktop and phone size: the Follow-up Manager
opens a late demo complaint from the complaints list filtered on "Late" and reads its Service
Levels tab (deadline in Shanghai time, missed or reached). Screenshots in artifacts/."""
from test_e2e_ui import browse

FORM = ".o_content .o_form_view"
TAB = FORM + " .o_notebook a:has-text('服务等级')"
LINES = FORM + " .o_notebook .tab-content"


def test_service_levels_of_a_late_complaint(server, admin, screen):
    manager = server.rpc("manager")
    # the demo's complaints: their service levels replayed as their dates say, some late now
    late = manager.call("crm.followup.complaint", "search", [("sla_late", "=", True)], limit=1, order="id")
    assert late, "the demo has late complaints"
    number = manager.call("crm.followup.complaint", "read", late, ["name"])[0]["name"]
    action, menu = (admin.call("ir.model.data", "xmlid_to_res_id", xmlid) for xmlid in (
        "crm_followup.crm_followup_complaint_action", "crm_followup.crm_followup_menu_root"))
    path = "/web#id=%d&model=crm.followup.complaint&view_type=form&action=%d&menu_id=%d" % (late[0], action, menu)
    shots = browse(server, "manager", [
        {"name": "complaint_service_levels", "wait": FORM, "path": path,
         "then": [{"click": TAB, "see": LINES + " .o_data_row, " + LINES + " .o_kanban_record"}],
         "texts": {"number": FORM + " .oe_title h1", "lines": LINES}},
    ], screen=screen)
    seen = shots["complaint_service_levels"]
    assert number in seen["texts"]["number"]
    assert "首次响应" in seen["texts"]["lines"] and "处理" in seen["texts"]["lines"], "one line per metric"
    assert not seen["clipped"], "nothing cut off at %s" % screen["name"]

"""Through a real browser: Debian's headless chromium, driven by playwright-core, logs in to the
real server and opens the Customer Tracking menu. Screenshots land in artifacts/ (the README's)."""
import json
import os
import subprocess

from conftest import ARTIFACTS, ROOT, SCREENS


def browse(server, login, shots, password=None, screen=None, frontend=False, geolocation=None):
    """Log in as `login` in headless chromium with the window `screen` and take `shots` (see
    tests/ui/browse.js); every shot fails the test if a required field is off-screen. A portal
    user (`frontend`) lands in the customer portal instead of the web client. With `geolocation`
    ({latitude, longitude}) the browser reports that position, permission granted."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    job = {"url": server.url, "db": server.db, "login": login, "password": password or login,
           "outdir": ARTIFACTS, "screen": screen or SCREENS["desktop"], "shots": shots, "frontend": frontend}
    if geolocation:
        job["geolocation"] = geolocation
    out = subprocess.run(["node", os.path.join(ROOT, "tests", "ui", "browse.js"), json.dumps(job)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    results = {r["name"]: r for r in map(json.loads, out.stdout.splitlines())}
    for shot in results.values():
        assert_required_fields_in_viewport(shot)
    return results


def assert_required_fields_in_viewport(shot):
    """The required fields of the form in front (the dialog's if one is open) are all on screen
    without scrolling: on a phone a field pushed off to the side or below is never filled in."""
    assert not shot["requiredOutside"], "%s (%s): required fields outside the window: %s" % (
        shot["name"], os.path.basename(shot["file"]), ", ".join(shot["requiredOutside"]))


def test_salesperson_opens_customer_tracking_in_chinese(server, screen):
    """张伟 works in Chinese: the app menu and the breadcrumb are translated, and the customer
    list (cards on a phone) shows what the record rules let him see: his own customers and those
    of his pools, none of his colleagues'."""
    shots = browse(server, "zhangwei", [{
        "name": "customers", "wait": ".o_list_view, .o_kanban_view",
        "menus": ["crm_followup.crm_followup_menu_root", "crm_followup.crm_followup_menu_customer_list"],
    }], screen=screen)
    zhang = server.rpc("zhangwei")
    companies = [("is_company", "=", True), ("customer", "=", True)]
    owned = zhang.call("res.partner", "search_count", companies + [("user_id", "=", zhang.uid)])
    in_pools = zhang.call("res.partner", "search_count", companies + [("user_id", "=", False)])
    assert shots["customers"]["breadcrumb"] == "客户"
    assert owned > 0 and in_pools > 0
    assert shots["customers"]["rows"] == owned + in_pools
    assert os.path.getsize(shots["customers"]["file"]) > 10000

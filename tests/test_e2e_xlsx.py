"""The Excel exports downloaded through the real HTTP server, as the web client downloads them:
the report action (from the Export to Excel wizard or the list's Print menu) becomes a form POST
to report_xlsx's /report/xlsx/... route with the session cookie and the CSRF token."""
import json
import re
import urllib.parse
import urllib.request
from datetime import datetime

import pytz
import xlrd

HEADER_ROW = 2


def csrf_token(rpc):
    with rpc.opener.open(rpc.url + "/web", timeout=60) as resp:
        return re.search(r'csrf_token: "([^"]+)"', resp.read().decode()).group(1)


def download(rpc, action, docids=None):
    """What report_xlsx's qwebactionmanager.js does with an ir.actions.report of type xlsx."""
    url = "/report/xlsx/" + action["report_name"]
    if action.get("data"):
        url += "?options=%s&context=%s" % (urllib.parse.quote(json.dumps(action["data"])),
                                           urllib.parse.quote(json.dumps(action["context"])))
    elif docids:
        url += "/" + ",".join(str(i) for i in docids)
    body = urllib.parse.urlencode({"data": json.dumps([url, "xlsx"]), "token": "1",
                                   "csrf_token": csrf_token(rpc)}).encode()
    with rpc.opener.open(urllib.request.Request(rpc.url + url, body), timeout=120) as resp:
        assert resp.headers["Content-Type"].startswith("application/vnd.openxmlformats")
        disposition = resp.headers["Content-Disposition"]
        name = urllib.parse.unquote(disposition.split("filename*=UTF-8''")[1])
        return name, resp.read()


def test_salesperson_downloads_my_customers_and_sees_pool_phone_masked(server, admin):
    zhang = server.rpc("zhangwei")
    wizard = zhang.call("crm.followup.xlsx.export", "create", {"report": "my_customers"})
    action = zhang.call("crm.followup.xlsx.export", "action_export", [wizard])
    name, content = download(zhang, action)
    today = datetime.now(pytz.timezone("Asia/Shanghai")).strftime("%Y-%m-%d")
    assert name == "我的客户_%s.xlsx" % today
    sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
    assert sheet.cell_value(0, 0) == "我的客户"
    headers = sheet.row_values(HEADER_ROW)
    assert headers[:3] == ["客户名称", "客户等级", "销售员"]
    mine = zhang.call("res.partner", "search_read", [("user_id", "=", zhang.uid), ("is_followup_customer", "=", True)],
                      ["name"])
    assert sorted(sheet.col_values(0, HEADER_ROW + 1)) == sorted(r["name"] for r in mine)

    # the list's Print menu on a pool customer: docids in the URL, phone masked for the salesperson
    pooled = admin.call("ir.model.data", "xmlid_to_res_id", "crm_followup.res_partner_c53_demo")
    report = {"report_name": "crm_followup.customer_xlsx"}
    name, content = download(zhang, report, [pooled])
    assert name == "客户_%s.xlsx" % today
    sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
    phone = sheet.row_values(HEADER_ROW + 1)[headers.index("电话")]
    assert phone == "075****5855"

    manager = server.rpc("manager")
    _name, content = download(manager, report, [pooled])
    sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
    assert sheet.row_values(HEADER_ROW + 1)[headers.index("电话")] == "0755-89385855"

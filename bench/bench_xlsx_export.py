"""Excel export of every customer, as a Follow-up Manager: the addon's customer report
(report_xlsx + xlsxwriter in constant_memory mode, rows read as the user in batches) against
Odoo's stock export of the same rows and columns measured in the same run (``export_data`` as
the export dialog calls it, then the Excel export controller's writer, ``ExcelExport.from_data``).

Time: one timed run of each after a warm-up on 1 000 rows. Memory: peak of Python allocations
(tracemalloc) in a second run of each, so that tracing does not slow the timed runs. Odoo 11's
Excel export writes .xls (xlwt) and refuses more than 65 535 rows: above that the stock figure is
``export_data`` of every row plus the writer on the first 65 535 rows (an underestimate).
"""
import tracemalloc

import xlrd

from bench.common import bench_args, odoo_env, report, timer

SIZES = [10000, 100000]
XLS_MAX_ROWS = 65535
COLUMNS = ["name", "grade_id", "user_id", "city", "phone", "mobile", "email", "last_followup_date",
           "next_followup_date", "days_to_takeback", "followup_takeback_date", "pool_id"]


def _traced(fn):
    """Peak MB of Python allocations while fn runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1048576.0
    finally:
        tracemalloc.stop()


def main():
    args = bench_args(__doc__)
    from odoo.addons.web.controllers.main import ExcelExport

    with odoo_env(args.db, context={"lang": "zh_CN", "tz": "Asia/Shanghai"}) as env:
        manager = env["res.users"].create({
            "login": "bench_xlsx_manager", "name": "导出经理", "lang": "zh_CN", "tz": "Asia/Shanghai",
            "groups_id": [(6, 0, [env.ref("crm_followup.crm_followup_group_manager").id,
                                  env.ref("base.group_user").id])]})
        user_env = env(user=manager.id)
        xlsx_report = env.ref("crm_followup.res_partner_report_xlsx").sudo(manager.id)
        ids = user_env["res.partner"].search([("is_followup_customer", "=", True)], order="id").ids
        headers = [f["string"] for f in (user_env["res.partner"].fields_get(COLUMNS, ["string"])[c]
                                         for c in COLUMNS)]

        def ours(rows_ids):
            user_env.clear()
            return xlsx_report.render_xlsx(rows_ids, data=None)[0]

        def stock(rows_ids):
            user_env.clear()
            # as /web/export/xls: export_data with raw values, then the controller's writer
            rows = user_env["res.partner"].browse(rows_ids).export_data(COLUMNS, raw_data=True)["datas"]
            return ExcelExport().from_data(headers, rows[:XLS_MAX_ROWS])

        ours(ids[:1000])
        stock(ids[:1000])
        with timer() as t_ours:
            content = ours(ids)
        with timer() as t_stock:
            stock(ids)
        mb_ours = _traced(lambda: ours(ids))
        mb_stock = _traced(lambda: stock(ids))
        size_mb = len(content) / 1048576.0
        nrows = xlrd.open_workbook(file_contents=content, on_demand=True).sheet_by_index(0).nrows - 3
        assert nrows == len(ids), "the file holds %d rows of %d customers" % (nrows, len(ids))

    note = "stock writer on the first %d rows: .xls refuses more" % XLS_MAX_ROWS if len(ids) > XLS_MAX_ROWS else None
    print("%d customers x %d columns as a Follow-up Manager; .xlsx of %.1f MB" % (len(ids), len(COLUMNS), size_mb))
    report("customers to Excel, time", t_ours.seconds, "s", t_stock.seconds, "stock export_data + xls writer",
           note=note)
    report("customers to Excel, peak Python memory", mb_ours, "MB", mb_stock, "stock export_data + xls writer",
           note=note)
    report("customers to Excel, per 1 000 rows", t_ours.seconds * 1000.0 / len(ids), "s",
           t_stock.seconds * 1000.0 / len(ids), "stock")


if __name__ == "__main__":
    main()

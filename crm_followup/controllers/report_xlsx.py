import json

from odoo.http import content_disposition, request, route

from odoo.addons.report_xlsx.controllers.main import ReportController


class FollowupXlsxReportController(ReportController):
    """report_xlsx names a file after the report's fixed `file`; the addon's Excel reports name
    it after what and when, in the user's language: 跟进分析_2026-11-24.xlsx."""

    @route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        response = super(FollowupXlsxReportController, self).report_routes(
            reportname, docids=docids, converter=converter, **data)
        if converter == "xlsx":
            report_model = request.env.get("report.%s" % reportname)
            if report_model is not None and hasattr(report_model, "_xlsx_file_name"):
                context = dict(request.env.context)
                if data.get("context"):
                    client_context = json.loads(data["context"])
                    client_context.pop("lang", None)  # as report_xlsx: the user's language wins
                    context.update(client_context)
                name = report_model.with_context(**context)._xlsx_file_name()
                response.headers["Content-Disposition"] = content_disposition(name)
        return response

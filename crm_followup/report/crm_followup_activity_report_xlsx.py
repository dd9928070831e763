from odoo import _, models


class ActivityReportXlsx(models.AbstractModel):
    """The managers' daily / weekly report in Excel: the ranked salespeople with the team's totals
    and the chart the graph view shows (follow-ups, claims and wins per salesperson), then the
    follow-ups per method and per result."""

    _name = "report.crm_followup.activity_report_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Follow-up Daily Report (Excel)"

    _xlsx_model = "crm.followup.activity.report"

    def _xlsx_title(self):
        return _("Follow-up Daily Report")

    def _get_objs_for_report(self, docids, data):
        # the figures are read_group sums of the period (_team_figures), not a list of rows
        return self.env[self._xlsx_model]

    def _xlsx_figures(self, data):
        users = self.env["res.users"].browse(data["user_ids"]) if data.get("user_ids") is not None else None
        return self.env[self._xlsx_model]._team_figures(data["date_from"], data["date_to"], users)

    def _xlsx_write(self, workbook, data, records):
        figures = self._xlsx_figures(data)
        report = self.env[self._xlsx_model]
        self._xlsx_write_summary(workbook, data, figures, report._measure_labels())
        self._xlsx_write_breakdown(workbook, data, figures, _("By Method"), "methods", figures["methods"])
        self._xlsx_write_breakdown(workbook, data, figures, _("By Result"), "results", figures["results"])

    def _xlsx_write_summary(self, workbook, data, figures, measures):
        formats = self._xlsx_formats(workbook)
        headers = [_("Rank"), _("Salesperson")] + [label for _measure, label in measures]
        widths = [8, 16] + [max(10, 2 * len(label) + 2) for _measure, label in measures]
        sheet, first_row = self._xlsx_sheet(workbook, _("Summary"), self._xlsx_title(), headers, widths, data)
        row = first_row
        for line in figures["lines"]:
            sheet.write_number(row, 0, line["rank"], formats["integer"])
            sheet.write_string(row, 1, line["name"])
            for col, (measure, _label) in enumerate(measures, start=2):
                sheet.write_number(row, col, line[measure], formats["integer"])
            row += 1
        last_row = row - 1
        sheet.write_string(row, 1, _("Team Total"), formats["total"])
        for col, (measure, _label) in enumerate(measures, start=2):
            sheet.write_number(row, col, figures["totals"][measure], formats["total"])
        sheet.autofilter(first_row - 1, 0, max(last_row, first_row - 1), len(headers) - 1)
        if figures["lines"]:
            chart = workbook.add_chart({"type": "column"})
            for col in (2, 3, len(headers) - 1):  # follow-ups, claimed, opportunities won
                chart.add_series({
                    "name": [sheet.name, first_row - 1, col],
                    "categories": [sheet.name, first_row, 1, last_row, 1],
                    "values": [sheet.name, first_row, col, last_row, col],
                })
            chart.set_title({"name": self._xlsx_title()})
            chart.set_size({"width": 720, "height": 400})
            sheet.insert_chart(first_row, len(headers) + 1, chart)
        return sheet

    def _xlsx_write_breakdown(self, workbook, data, figures, name, key, columns):
        """Follow-ups per salesperson (rows, in rank order) and method or result (columns)."""
        formats = self._xlsx_formats(workbook)
        headers = [_("Salesperson")] + [label for _id, label in columns] + [_("Total")]
        widths = [16] + [max(10, 2 * len(label) + 2) for _id, label in columns] + [10]
        sheet, first_row = self._xlsx_sheet(workbook, name, "%s - %s" % (self._xlsx_title(), name),
                                            headers, widths, data)
        row = first_row
        for line in figures["lines"] + [dict(figures["totals"], name=_("Team Total"))]:
            fmt = formats["total"] if row - first_row == len(figures["lines"]) else formats["integer"]
            sheet.write_string(row, 0, line["name"], fmt)
            values = [line[key].get(column_id, 0) for column_id, _label in columns]
            for col, value in enumerate(values + [sum(values)], start=1):
                sheet.write_number(row, col, value, fmt)
            row += 1
        sheet.autofilter(first_row - 1, 0, max(row - 2, first_row - 1), len(headers) - 1)
        return sheet

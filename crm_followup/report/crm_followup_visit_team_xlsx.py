from odoo import _, models

from ..models.crm_followup_visit_team import COVERAGE_GRADES, coverage_share


class VisitTeamXlsx(models.AbstractModel):
    """The team's visit week in Excel: a row per salesperson with the week's figures (visits
    done of planned, check-ins verified, km planned and driven, coverage of the A, B and C
    customers over 4 weeks), then a sheet with every visit of the week."""

    _name = "report.crm_followup.visit_team_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Team's Visit Week (Excel)"

    _xlsx_model = "crm.followup.visit.team"

    def _xlsx_title(self):
        return _("Team's Visit Week")

    def _xlsx_write(self, workbook, data, records):
        wizard = records[:1]
        rows = wizard._week_rows() if wizard else []
        formats = self._xlsx_formats(workbook)
        data = dict(data, date_from=wizard.week_start, date_to=wizard._week_end()) if wizard else data
        headers = [_("Salesperson"), _("Visits Planned"), _("Visits Done"), _("Missed"), _("Checked In"),
                   _("Check-ins Verified"), _("km Planned"), _("km Driven")] + [
            _("Coverage %s (%%)") % code for code in COVERAGE_GRADES]
        widths = [16, 10, 10, 10, 10, 12, 10, 10] + [12] * len(COVERAGE_GRADES)
        sheet, first_row = self._xlsx_sheet(workbook, _("Summary"), self._xlsx_title(), headers, widths, data)
        row = first_row
        for line in rows:
            fig = line["figures"]
            sheet.write_string(row, 0, line["user"])
            for col, key in enumerate(("planned", "done", "missed", "checked_in", "verified"), start=1):
                sheet.write_number(row, col, fig[key], formats["integer"])
            sheet.write_number(row, 6, fig["planned_km"], formats["float"])
            sheet.write_number(row, 7, fig["driven_km"], formats["float"])
            for col, code in enumerate(COVERAGE_GRADES, start=8):
                share = coverage_share(*fig["coverage"].get(code, (0, 0)))
                if share is None:
                    sheet.write_blank(row, col, None)
                else:
                    sheet.write_number(row, col, share, formats["integer"])
            row += 1
        sheet.autofilter(first_row - 1, 0, max(row - 1, first_row - 1), len(headers) - 1)
        self._xlsx_write_visits(workbook, data, rows)

    def _xlsx_write_visits(self, workbook, data, rows):
        names = self.env["crm.followup.visit.plan"]._followup_weekday_names()
        headers = [_("Salesperson"), _("Day"), _("Stop"), _("Arrival"), _("Customer"), _("Status")]
        sheet, first_row = self._xlsx_sheet(workbook, _("Visits"), self._xlsx_title(), headers,
                                            [16, 10, 6, 8, 30, 12], data)
        states = dict(self.env["crm.followup.visit"]._fields["state"]._description_selection(self.env))
        row = first_row
        for line in rows:
            for index, stops in enumerate(line["days"]):
                for number, stop in enumerate(stops, 1):
                    for col, value in enumerate((line["user"], names[index], number, stop["arrival"], stop["name"],
                                                 states[stop["state"]])):
                        sheet.write(row, col, value)
                    row += 1
        sheet.autofilter(first_row - 1, 0, max(row - 1, first_row - 1), len(headers) - 1)

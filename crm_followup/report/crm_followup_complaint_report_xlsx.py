from odoo import _, models

from .crm_followup_xlsx_base import Column


class ComplaintAnalysisXlsx(models.AbstractModel):
    """Complaint analysis in Excel: the figures per team (complaints, solved, late, service levels
    met, working hours taken, satisfaction), the service levels per team and metric with the 90th
    percentile of the working hours, complaints per month by category, per category by channel,
    per city by category, per grade at registration by category, per team by status, per root
    cause by category and per team by satisfaction (each with its chart), then every complaint;
    as the user may see them."""

    _name = "report.crm_followup.complaint_report_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Complaint Analysis (Excel)"

    _xlsx_model = "crm.followup.complaint.report"

    def _xlsx_title(self):
        return _("Complaint Analysis")

    def _xlsx_columns(self):
        return [Column("name"), Column("date_registered"), Column("partner_id", width=32), Column("state_id"),
                Column("city"), Column("customer_grade_id"), Column("customer_owner_id"), Column("category_id"),
                Column("channel_id"), Column("severity"), Column("team_id"), Column("user_id"),
                Column("stage_id"), Column("root_cause_id"), Column("date_solved"), Column("satisfaction")]

    def _xlsx_pivots(self):
        """(sheet name, title, row field, column field) of the summary sheets, in order."""
        return [
            (_("By Month"), _("Complaints per Month by Category"), "date_registered:month", "category_id"),
            (_("By Channel"), _("Complaints per Category by Channel"), "category_id", "channel_id"),
            (_("By Region"), _("Complaints per City by Category"), "city", "category_id"),
            (_("By Grade"), _("Complaints per Customer Grade by Category"), "customer_grade_id", "category_id"),
            (_("By Team"), _("Complaints per Team by Status"), "team_id", "state"),
            (_("By Root Cause"), _("Complaints per Root Cause by Category"), "root_cause_id", "category_id"),
            (_("Satisfaction"), _("Complaints per Team by Satisfaction"), "team_id", "satisfaction"),
        ]

    def _xlsx_team_measures(self):
        """The measures of the sheet of figures per team, in its column order."""
        return ["complaint_count", "solved_count", "late_count", "response_met_rate", "solution_met_rate",
                "response_hours", "solution_hours", "rated_count", "satisfaction_score", "satisfied_rate"]

    def _xlsx_write_team_figures(self, workbook, data, domain):
        """Per team, the measures of ``_xlsx_team_measures`` (counts summed, averages averaged as
        the pivot does), then the same over all teams: one read_group each, as the user."""
        model = self.env[self._xlsx_model]
        measures = self._xlsx_team_measures()
        columns = self._xlsx_resolve([Column("team_id")] + [Column(measure) for measure in measures])
        rows = model.read_group(domain, ["team_id"] + measures, ["team_id"])
        rows += [dict(total, team_id=(0, _("Total"))) for total in model.read_group(domain, measures, [])]
        # an average over no answer is no figure, not zero
        rows = [{name: None if value is False else value for name, value in row.items()} for row in rows]
        sheet, first_row = self._xlsx_sheet(workbook, _("Figures per Team"), _("Complaint Figures per Team"),
                                            [c.label for c in columns], [c.width for c in columns], data)
        self._xlsx_write_rows(sheet, first_row, columns, rows, self._xlsx_formats(workbook))
        return sheet

    def _xlsx_write_service_levels(self, workbook, data, domain):
        """Per team and metric: the service levels decided, the share met, the average and the 90th
        percentile of the working hours taken, then the same over all teams."""
        figures = self.env[self._xlsx_model]._sla_figures(domain)
        teams = dict(self.env["crm.followup.complaint.team"].sudo().browse(
            [row["team_id"] for row in figures if row["team_id"]]).name_get())
        metrics = dict(self.env["crm.followup.complaint.sla"]._fields["metric"]._description_selection(self.env))
        columns = [Column(label=_("Team"), kind="text"), Column(label=_("Metric"), kind="text"),
                   Column(label=_("Decided"), kind="integer", width=10),
                   Column(label=_("On Time (%)"), kind="float", width=12),
                   Column(label=_("Average (working hours)"), kind="float", width=14),
                   Column(label=_("90th Percentile (working hours)"), kind="float", width=16)]
        rows = [[_("Total") if row["total"] else teams.get(row["team_id"]) or _("Undefined"),
                 metrics.get(row["metric"], row["metric"]), row["decided"], row["met_rate"], row["avg_hours"],
                 row["p90_hours"]] for row in figures]
        for index, column in enumerate(columns):
            column.value = lambda row, index=index: row[index]
        sheet, first_row = self._xlsx_sheet(workbook, _("Service Levels"), _("Service Levels per Team and Metric"),
                                            [c.label for c in columns], [c.width or 24 for c in columns], data)
        self._xlsx_write_rows(sheet, first_row, columns, rows, self._xlsx_formats(workbook))
        return sheet

    def _xlsx_write(self, workbook, data, records):
        domain = data["domain"] if data.get("domain") is not None else [("id", "in", records.ids)]
        self._xlsx_write_team_figures(workbook, data, domain)
        self._xlsx_write_service_levels(workbook, data, domain)
        for sheet_name, title, row_field, col_field in self._xlsx_pivots():
            self._xlsx_write_pivot(workbook, sheet_name, title, data, domain, row_field, col_field,
                                   _("Complaints"), measure="complaint_count")
        self._xlsx_write_records(workbook, _("Complaints"), data, records)

"""The Excel layer every export of the addon shares (OCA report_xlsx + xlsxwriter).

A report is a small AbstractModel ``report.crm_followup.<name>`` inheriting
``report.crm_followup.xlsx_base``: it names its model, title and columns, and the base writes a
sheet with a title line, translated headers, typed cells (numbers, dates and datetimes in the
user's time zone), a frozen header row, an autofilter, column widths and, where the analysis is a
chart on screen, a pivot sheet with a native Excel chart (``_xlsx_write_pivot``).

Rows are read through the ORM as the user, in batches (``read()``: record rules and the masking
of pool customers' contact data apply), and written with xlsxwriter's constant_memory mode, so
memory stays flat as rows grow. constant_memory flushes a row as soon as a later row is written:
each sheet is written top to bottom, title, header, then the rows in order.
"""
import datetime

from odoo import _, api, fields, models

from ..models import followup_dates as dates

READ_BATCH = 1000  # rows read, written and dropped from the cache at a time

# column kind -> (xlsxwriter number format, default width in characters)
KINDS = {
    "text": (None, 24),
    "integer": ("0", 10),
    "float": ("#,##0.00", 12),
    "date": ("yyyy-mm-dd", 12),
    "datetime": ("yyyy-mm-dd hh:mm", 17),
}
FIELD_KINDS = {"integer": "integer", "float": "float", "monetary": "float",
               "date": "date", "datetime": "datetime"}


class Column(object):
    """One column of a sheet: a field of the report's model (label, kind and selection labels
    come from the field, translated), or a computed value with its own label and kind."""

    def __init__(self, field=None, label=None, kind=None, width=None, value=None):
        self.field, self.label, self.kind, self.width, self.value = field, label, kind, width, value
        self.selection = self.relation = None


class XlsxReportBase(models.AbstractModel):
    _name = "report.crm_followup.xlsx_base"
    _inherit = "report.report_xlsx.abstract"
    _description = "Customer Tracking Excel Report"

    _xlsx_model = None  # the model whose records the report lists

    # ---- what a report defines ---------------------------------------------------------

    def _xlsx_title(self):
        raise NotImplementedError()

    def _xlsx_columns(self):
        """[Column]: the detail sheet's columns."""
        raise NotImplementedError()

    def _xlsx_write(self, workbook, data, records):
        """Write the workbook: by default one sheet listing the records."""
        self._xlsx_write_records(workbook, self._xlsx_title(), data, records)

    # ---- report_xlsx's entry points ------------------------------------------------------

    def get_workbook_options(self):
        # constant_memory: each row goes to a temporary file once the next one is written
        return {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                "strings_to_urls": False, "in_memory": False}

    @api.model
    def _xlsx_env_self(self):
        """This report in the user's language (the web client's context, else the user's)."""
        lang = self.env.context.get("lang") or self.env.user.lang or "en_US"
        return self.with_context(lang=lang)

    def create_xlsx_report(self, docids, data):
        return super(XlsxReportBase, self._xlsx_env_self()).create_xlsx_report(docids, data)

    def _get_objs_for_report(self, docids, data):
        """The selected records (Print menu of a list), or those of ``data["domain"]`` (the export
        wizard), searched as the user: record rules apply."""
        model = self.env[self._xlsx_model]
        if data and data.get("domain") is not None:
            return model.search(data["domain"])
        ids = docids or (data or {}).get("context", {}).get("active_ids") or self.env.context.get("active_ids", [])
        return model.browse(ids)

    def generate_xlsx_report(self, workbook, data, objs):
        self._xlsx_write(workbook, data or {}, objs)

    @api.model
    def _xlsx_file_name(self, data=None):
        """What and when: 跟进分析_2026-11-24.xlsx (the user's day)."""
        report = self._xlsx_env_self()
        return "%s_%s.xlsx" % (report._xlsx_title(), dates.local_today(report.env))

    # ---- sheets ------------------------------------------------------------------------------

    def _xlsx_formats(self, workbook):
        """Formats are per workbook: built once and kept on it."""
        formats = getattr(workbook, "_crm_followup_formats", None)
        if formats is None:
            formats = {kind: workbook.add_format({"num_format": fmt, "valign": "top"} if fmt else {"valign": "top"})
                       for kind, (fmt, _width) in KINDS.items()}
            formats["title"] = workbook.add_format({"bold": True, "font_size": 14})
            formats["header"] = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1,
                                                     "text_wrap": True, "valign": "vcenter"})
            formats["total"] = workbook.add_format({"bold": True, "num_format": "0", "top": 1})
            workbook._crm_followup_formats = formats
        return formats

    def _xlsx_subtitle(self, data):
        """The line under the title: the period, if any, and when the file was made."""
        now = dates.local_naive(fields.Datetime.now(), dates.env_tz(self.env))
        parts = []
        if data.get("date_from") and data.get("date_to"):
            parts.append(_("Period: %(from)s to %(to)s") % {"from": data["date_from"], "to": data["date_to"]})
        parts.append(_("Exported on %s") % now.strftime("%Y-%m-%d %H:%M"))
        return "    ".join(parts)

    def _xlsx_sheet(self, workbook, name, title, headers, widths, data):
        """A sheet with its title lines and header row (row 2); the rows start at row 3, under a
        frozen pane. Returns (sheet, first data row)."""
        formats = self._xlsx_formats(workbook)
        sheet = workbook.add_worksheet(name[:31])
        sheet.write_string(0, 0, title, formats["title"])
        sheet.write_string(1, 0, self._xlsx_subtitle(data))
        for col, (header, width) in enumerate(zip(headers, widths)):
            sheet.set_column(col, col, width)
            sheet.write_string(2, col, header, formats["header"])
        sheet.freeze_panes(3, 0)
        return sheet, 3

    def _xlsx_resolve(self, columns):
        """Fill each field column's label, kind and selection labels from the (translated) field."""
        model = self.env[self._xlsx_model]
        described = model.fields_get([c.field for c in columns if c.field], ["string", "type", "selection", "relation"])
        for column in columns:
            info = described.get(column.field, {})
            column.relation = info.get("relation") if info.get("type") == "many2one" else None
            column.label = column.label or info.get("string") or column.field
            column.kind = column.kind or FIELD_KINDS.get(info.get("type"), "text")
            if info.get("type") == "selection":
                column.selection = dict(info["selection"])
            if column.width is None:
                # a CJK character is two columns wide
                label_width = sum(2 if ord(ch) > 0x2e80 else 1 for ch in column.label) + 2
                column.width = max(KINDS[column.kind][1], label_width)
        return columns

    def _xlsx_cell(self, column, row):
        value = column.value(row) if column.value else row.get(column.field)
        if column.selection is not None:
            return column.selection.get(value, value or None)
        if isinstance(value, tuple):  # many2one: (id, name)
            return value[1]
        if value is False and column.kind not in ("integer", "float"):
            return None
        if column.kind == "datetime" and isinstance(value, str):
            return dates.local_naive(value, dates.env_tz(self.env))
        if column.kind == "date" and isinstance(value, str):
            return dates.to_date(value)
        return value

    def _xlsx_write_rows(self, sheet, first_row, columns, rows, formats):
        """Write plain rows (dicts) under the header; returns the next free row."""
        row_index = first_row
        for row in rows:
            for col, column in enumerate(columns):
                value = self._xlsx_cell(column, row)
                if value is None or value == "":
                    continue
                fmt = formats[column.kind]
                if isinstance(value, bool):
                    sheet.write_string(row_index, col, _("Yes") if value else _("No"), fmt)
                elif isinstance(value, (int, float)):
                    sheet.write_number(row_index, col, value, fmt)
                elif isinstance(value, (datetime.date, datetime.datetime)):
                    sheet.write_datetime(row_index, col, value, fmt)
                else:
                    sheet.write_string(row_index, col, str(value), fmt)
            row_index += 1
        return row_index

    def _xlsx_read_batches(self, records, columns):
        """The records' values as the user would read them, a batch at a time; the cache is
        dropped after each batch so that memory does not grow with the rows. Many2one values
        are read as ids and named once per export (a salesperson's name is asked once, not once
        per batch with the batch's partners prefetched along)."""
        names = sorted({c.field for c in columns if c.field} | set(getattr(self, "_xlsx_extra_fields", ())))
        relations = {c.field: c.relation for c in columns if c.field and c.relation}
        display_names = {relation: {} for relation in relations.values()}
        ids = records.ids
        for start in range(0, len(ids), READ_BATCH):
            # a fresh browse: its prefetching (and the computes it triggers) stays in the batch
            batch = records.browse(ids[start:start + READ_BATCH])
            rows = batch.read(names, load="_classic_write")
            for field, relation in relations.items():
                known = display_names[relation]
                missing = {row[field] for row in rows if row[field]} - set(known)
                if missing:
                    # as read() names a many2one: the related record's display name, as superuser
                    known.update(self.env[relation].sudo().browse(list(missing)).name_get())
                for row in rows:
                    if row[field]:
                        row[field] = (row[field], known.get(row[field]))
            yield rows
            batch.invalidate_cache()

    def _xlsx_write_records(self, workbook, sheet_name, data, records, columns=None, title=None):
        """The detail sheet: one row per record, autofilter over header and rows."""
        columns = self._xlsx_resolve(columns or self._xlsx_columns())
        formats = self._xlsx_formats(workbook)
        sheet, first_row = self._xlsx_sheet(workbook, sheet_name, title or self._xlsx_title(),
                                            [c.label for c in columns], [c.width for c in columns], data)
        row_index = first_row
        for rows in self._xlsx_read_batches(records, columns):
            row_index = self._xlsx_write_rows(sheet, row_index, columns, rows, formats)
        sheet.autofilter(first_row - 1, 0, max(row_index - 1, first_row - 1), len(columns) - 1)
        return sheet

    def _xlsx_write_pivot(self, workbook, sheet_name, title, data, domain, row_field, col_field,
                          value_label=None, chart_type="column", measure=None):
        """A pivot sheet, as the pivot/graph views show it: one row per value of ``row_field``,
        one column per value of ``col_field``, in each cell the count of records (or the sum of
        the numeric field ``measure``), totals, and a native stacked chart of the table. Counted
        with one read_group as the user."""
        model = self.env[self._xlsx_model]
        measures = [measure] if measure else []
        # a date field may be grouped by an interval ("date_registered:month"): read_group names its groups
        names = {field: field.split(":")[0] for field in (row_field, col_field)}
        groups = model.read_group(domain, list(names.values()) + measures, [row_field, col_field], lazy=False)
        info = model.fields_get(list(set(names.values())), ["string", "selection"])
        described = {field: info[name] for field, name in names.items()}

        def label(field, value):
            if isinstance(value, tuple):
                return value[1]
            if value is False or value is None:
                return _("Undefined")
            return dict(described[field].get("selection") or []).get(value, value)

        # columns in the order a read_group on them alone gives (the model's order, selection keys)
        col_labels = [label(col_field, g[col_field]) for g in model.read_group(domain, [names[col_field]], [col_field])]
        row_labels, counts = [], {}
        for group in groups:
            row, col = label(row_field, group[row_field]), label(col_field, group[col_field])
            if row not in row_labels:
                row_labels.append(row)
            counts[row, col] = counts.get((row, col), 0) + (group[measure] if measure else group["__count"])
        headers = [described[row_field]["string"]] + col_labels + [_("Total")]
        widths = [24] + [max(10, 2 * len(c) + 2) for c in col_labels] + [10]
        formats = self._xlsx_formats(workbook)
        sheet, first_row = self._xlsx_sheet(workbook, sheet_name, title, headers, widths, data)
        cell_format = formats[FIELD_KINDS.get(model._fields[measure].type, "integer") if measure else "integer"]
        row_index = first_row
        for row in row_labels:
            values = [counts.get((row, col), 0) for col in col_labels]
            sheet.write_string(row_index, 0, row)
            for col, value in enumerate(values + [sum(values)], start=1):
                sheet.write_number(row_index, col, value, cell_format)
            row_index += 1
        last_row = row_index - 1
        sheet.write_string(row_index, 0, _("Total"), formats["total"])
        totals = [sum(counts.get((row, col), 0) for row in row_labels) for col in col_labels]
        for col, value in enumerate(totals + [sum(totals)], start=1):
            sheet.write_number(row_index, col, value, formats["total"])
        sheet.autofilter(first_row - 1, 0, last_row if row_labels else first_row - 1, len(headers) - 1)
        if row_labels and col_labels:
            chart = workbook.add_chart({"type": chart_type, "subtype": "stacked"})
            for col in range(1, len(col_labels) + 1):
                chart.add_series({
                    "name": [sheet.name, first_row - 1, col],
                    "categories": [sheet.name, first_row, 0, last_row, 0],
                    "values": [sheet.name, first_row, col, last_row, col],
                })
            chart.set_title({"name": title})
            chart.set_y_axis({"name": value_label or _("Count")})
            chart.set_size({"width": 720, "height": 400})
            sheet.insert_chart(first_row, len(headers) + 1, chart)
        return sheet

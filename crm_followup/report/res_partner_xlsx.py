from odoo import _, models

from .crm_followup_xlsx_base import Column


class CustomerXlsx(models.AbstractModel):
    """Customers in Excel with their grade, follow-ups and days to take-back ("my customers"
    from the export wizard, or the customers selected in a list). Contact data is read as the
    user: a pool customer's phone, mobile and e-mail stay masked for a salesperson."""

    _name = "report.crm_followup.customer_xlsx"
    _inherit = "report.crm_followup.xlsx_base"
    _description = "Customers with Days to Take-back (Excel)"

    _xlsx_model = "res.partner"
    _xlsx_extra_fields = ("followup_takeback_date",)

    def _xlsx_title(self):
        return _("My Customers") if self.env.context.get("crm_followup_my_customers") else _("Customers")

    def _xlsx_columns(self):
        return [
            Column("name", label=_("Customer Name"), width=32), Column("grade_id"), Column("user_id"),
            Column("city"), Column("phone", width=16), Column("mobile", width=16), Column("email", width=28),
            Column("last_followup_date"), Column("next_followup_date"),
            # as the list shows it: no figure when no rule would take the customer back
            Column("days_to_takeback", value=lambda row: row["days_to_takeback"]
                   if row["followup_takeback_date"] else None),
            Column("followup_takeback_date"), Column("pool_id"),
        ]

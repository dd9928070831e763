from odoo import api, fields, models

from . import followup_dates as dates


class ResPartner(models.Model):
    """Customers take part in saved searches (ir_filters.py) and offer what the system searches
    need: the month of a contact's birthday, searchable whatever the year, and the customers with
    an overdue reminder of the user."""

    _inherit = "res.partner"
    _followup_saved_search_action = "crm_followup.crm_followup_action_customers"

    birthday_month = fields.Char(
        compute="_compute_birthday_month", search="_search_birthday_month", string="Birthday Month",
        help="Month of the birthday, '01' to '12' (a saved search compares it with "
             "context_today().strftime('%m'), this month whenever it runs).")

    followup_reminder_overdue = fields.Boolean(
        compute="_compute_followup_reminder_overdue", search="_search_followup_reminder_overdue",
        string="My Reminder Overdue", help="One of your reminders on this customer is past its due date.")

    @api.depends("birthday")
    def _compute_birthday_month(self):
        for partner in self:
            partner.birthday_month = partner.birthday[5:7] if partner.birthday else False

    def _search_birthday_month(self, operator, value):
        months = value if isinstance(value, (list, tuple)) else [value]
        months = ["%02d" % int(month) for month in months if str(month).isdigit()]
        positive = operator in ("=", "in")
        query = "SELECT id FROM res_partner WHERE birthday IS NOT NULL AND to_char(birthday, 'MM') = ANY(%s)"
        return [("id", "inselect" if positive else "not inselect", (query, [months]))]

    def _followup_overdue_query(self):
        """Customers with a reminder of the current user due before today (their today)."""
        return ("SELECT res_id FROM mail_activity WHERE res_model = 'res.partner' AND user_id = %s"
                " AND date_deadline < %s", [self.env.uid, dates.local_today(self.env)])

    def _compute_followup_reminder_overdue(self):
        query, params = self._followup_overdue_query()
        self.env.cr.execute(query + " AND res_id = ANY(%s)", params + [[pid for pid in self.ids if pid]])
        overdue = {row[0] for row in self.env.cr.fetchall()}
        for partner in self:
            partner.followup_reminder_overdue = partner.id in overdue

    def _search_followup_reminder_overdue(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("id", "inselect" if positive else "not inselect", self._followup_overdue_query())]

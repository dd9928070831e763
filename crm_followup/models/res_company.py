from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    followup_birthday_days = fields.Integer(
        string="Birthday Reminder (days ahead)", default=7,
        help="Owners are reminded this many days before a customer contact's birthday.")

    @api.constrains("followup_birthday_days")
    def _check_followup_birthday_days(self):
        for company in self:
            if not 0 <= company.followup_birthday_days <= 60:
                raise ValidationError(_("The birthday reminder must come 0 to 60 days ahead."))

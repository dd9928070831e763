from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# The capabilities an administrator switches on or off per company (Settings > Customer Tracking).
# Each is one boolean on res.company named followup_<capability>_enabled; a new capability adds its
# key here, its field below and its box in views/res_config_settings_views.xml, and asks
# company._followup_enabled(key) or res.company._followup_companies_with(key) wherever it acts.
FOLLOWUP_CAPABILITIES = ("pool", "cadence", "birthday", "report_mail", "complaint", "visit")


def switch_field(capability):
    """The res.company field that switches `capability` on."""
    if capability not in FOLLOWUP_CAPABILITIES:
        raise ValueError("unknown Customer Tracking capability %r" % capability)
    return "followup_%s_enabled" % capability


class ResCompany(models.Model):
    """Customer Tracking's settings per company: which capabilities are on (all are on for every
    company unless an administrator switches one off), and their parameters."""

    _inherit = "res.company"

    followup_pool_enabled = fields.Boolean(
        string="Public Pool", default=True,
        help="Unowned customers are in public pools: their contact data is hidden from salespeople until "
             "claimed, salespeople claim and release customers, and the pools' rules take neglected "
             "customers back. Off: plain CRM (nothing hidden, no claims nor take-back; managers assign).")
    followup_pool_since = fields.Datetime(
        string="Public Pool On Since", readonly=True, copy=False,
        help="When the public pool was last switched on: take-back periods count from here at the "
             "earliest, so the days it was off do not count against the owners.")
    followup_cadence_enabled = fields.Boolean(
        string="Follow-up Cadence Reminders", default=True,
        help="Every day, the owner of a customer due for follow-up (by its grade's interval) gets a reminder.")
    followup_birthday_enabled = fields.Boolean(
        string="Birthday Reminders", default=True,
        help="The owner of a customer is reminded of its contacts' birthdays.")
    followup_birthday_days = fields.Integer(
        string="Birthday Reminder (days ahead)", default=7,
        help="Owners are reminded this many days before a customer contact's birthday.")

    followup_report_mail_enabled = fields.Boolean(
        string="Daily Report by E-mail",
        help="Every morning, each Follow-up Manager leading a sales team gets the team's daily report "
             "of the day before by e-mail (through the outgoing mail queue).")
    followup_complaint_enabled = fields.Boolean(
        string="Complaints", default=True,
        help="Customer complaints are registered (on the customer, in the Complaints menu and by e-mail to "
             "the complaints alias), routed by the assignment rules, and their customers' owners told.")
    followup_complaint_revisit_days = fields.Integer(
        string="Return Visit (days after solving)", default=3,
        help="This many days after a complaint is solved, the customer's owner (without owner: the team "
             "leader) is reminded to call the customer back (回访).")
    followup_complaint_low_rating_action = fields.Selection([
        ("reopen", "Reopen the complaint"),
        ("escalate", "Escalate to the team leader and the sales manager"),
    ], string="On a Low Satisfaction Score", required=True, default="escalate",
        help="What a customer's 'not satisfied' or 'highly dissatisfied' answer does, once per answer: "
             "reopen the complaint into its first in-progress stage, or remind the complaint team's leader "
             "and the sales manager of the customer's owner.")

    @api.constrains("followup_birthday_days")
    def _check_followup_birthday_days(self):
        for company in self:
            if not 0 <= company.followup_birthday_days <= 60:
                raise ValidationError(_("The birthday reminder must come 0 to 60 days ahead."))

    @api.constrains("followup_complaint_revisit_days")
    def _check_followup_complaint_revisit_days(self):
        for company in self:
            if not 0 <= company.followup_complaint_revisit_days <= 60:
                raise ValidationError(_("The return visit comes 0 to 60 days after a complaint is solved: "
                                        "give a number of days in that range."))

    @api.model
    def create(self, vals):
        company = super(ResCompany, self).create(vals)
        # its customers without an owner have a pool to wait in from the start (companies that
        # data files create get theirs, or their own default pool, when the addon is installed)
        if not self.env.context.get("install_mode"):
            self.env["crm.followup.pool"]._create_default_pool(company)
        return company

    def write(self, vals):
        switched_on = self.browse()
        if vals.get("followup_pool_enabled"):
            switched_on = self.filtered(lambda company: not company.followup_pool_enabled)
        result = super(ResCompany, self).write(vals)
        if switched_on:
            # take-back periods restart: the days the pool was off count against nobody
            super(ResCompany, switched_on).write({"followup_pool_since": fields.Datetime.now()})
        if "followup_pool_enabled" in vals:
            self.env["ir.rule"].clear_caches()  # who sees which customer depends on it
        return result

    def _followup_enabled(self, capability):
        """Whether `capability` (see FOLLOWUP_CAPABILITIES) is switched on for this company (no
        company: no capability)."""
        field = switch_field(capability)
        if not self:
            return False
        self.ensure_one()
        return self.sudo()[field]

    @api.model
    def _followup_companies_with(self, capability):
        """The companies with `capability` switched on (whatever the current user may read)."""
        return self.sudo().search([(switch_field(capability), "=", True)])

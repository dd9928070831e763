from odoo import api, fields, models


class ResPartner(models.Model):
    """Customer archive (客户档案): the fields live on the commercial entity (the company);
    contacts follow their company."""

    _inherit = "res.partner"

    grade_id = fields.Many2one(
        "crm.followup.grade", index=True, track_visibility="onchange",
        domain="[('company_id', 'in', [company_id, False])]")
    lifecycle_stage = fields.Selection([
        ("acquisition", "Acquisition"),
        ("growth", "Growth"),
        ("maturity", "Maturity"),
        ("decline", "Decline"),
        ("departure", "Departure"),
    ], track_visibility="onchange")
    source_id = fields.Many2one("utm.source", string="Source Channel")
    company_size = fields.Selection([
        ("1_20", "1-20 people"),
        ("21_100", "21-100 people"),
        ("101_500", "101-500 people"),
        ("501_plus", "More than 500 people"),
    ])
    main_needs = fields.Text()
    birthday = fields.Date()
    date_owner_received = fields.Datetime(
        string="Owner Since", readonly=True, copy=False, index=True,
        help="When the current salesperson received this customer; take-back periods count from here.")
    # Maintained by crm.followup.record in one set-based query per batch (not computed fields,
    # so that the public pool's take-back SQL can read them directly and cheaply).
    last_followup_date = fields.Datetime(string="Last Follow-up", readonly=True, copy=False, index=True)
    next_followup_date = fields.Datetime(string="Next Follow-up", readonly=True, copy=False, index=True)
    followup_count = fields.Integer(string="Follow-ups", readonly=True, copy=False)

    @api.model
    def create(self, vals):
        if vals.get("user_id") and not vals.get("date_owner_received"):
            vals["date_owner_received"] = fields.Datetime.now()
        return super(ResPartner, self).create(vals)

    def write(self, vals):
        if "user_id" in vals and "date_owner_received" not in vals:
            changed = self.filtered(lambda p: p.user_id.id != vals["user_id"])
            if changed:
                super(ResPartner, changed).write({
                    "date_owner_received": fields.Datetime.now() if vals["user_id"] else False})
        return super(ResPartner, self).write(vals)

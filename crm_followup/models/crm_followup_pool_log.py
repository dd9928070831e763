from odoo import fields, models

ACTIONS = [
    ("claim", "Claim"),
    ("assign", "Assignment"),
    ("release", "Release"),
    ("takeback", "Take-back"),
    ("handover", "Hand-over"),
    ("warning", "Take-back Warning"),
]

RULES = [
    ("no_followup", "No follow-up"),
    ("no_opportunity", "No new opportunity"),
    ("not_won", "Not won"),
]


class CrmFollowupPoolLog(models.Model):
    """History of the public pool: who moved which customer from whom to whom, when and why.
    Written only by the pool's own code (as superuser, often in bulk SQL): read-only for users."""

    _name = "crm.followup.pool.log"
    _description = "Public Pool History"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    # Few indexes: the take-back inserts rows in bulk; partner (history of a customer), to_user
    # and date (today's claims of a salesperson) are what is looked up.

    action = fields.Selection(ACTIONS, required=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True,
                                 index=True, ondelete="cascade")
    from_user_id = fields.Many2one("res.users", string="From Owner", readonly=True)
    to_user_id = fields.Many2one("res.users", string="To Owner", readonly=True, index=True)
    pool_id = fields.Many2one("crm.followup.pool", string="Pool", readonly=True, ondelete="set null")
    rule = fields.Selection(RULES, readonly=True)
    reason = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", related="create_uid", string="Done by", readonly=True)
    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    company_id = fields.Many2one("res.company", readonly=True)

from odoo import fields, models


class CrmFollowupResult(models.Model):
    """What a follow-up achieved (跟进结果): effective talk, no answer, interested, deal..."""

    _name = "crm.followup.result"
    _description = "Follow-up Result"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    is_deal = fields.Boolean(string="Deal", help="The customer agreed to buy in this follow-up.")
    requires_content = fields.Boolean(
        help="A follow-up with this result must say what was agreed.")
    color = fields.Integer()
    active = fields.Boolean(default=True)

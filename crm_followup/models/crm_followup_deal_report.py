from odoo import api, fields, models, tools

from .crm_lead import WON_LEAD_SQL

# Each customer's first won opportunity and the follow-ups logged up to it (customers only).
_VIEW_SQL = """
    CREATE VIEW crm_followup_deal_report AS (
        WITH won AS (
            SELECT c.commercial_partner_id AS partner_id,
                   MIN(COALESCE(l.date_closed, l.date_last_stage_update)) AS date_won
              FROM crm_lead l
              JOIN res_partner c ON c.id = l.partner_id
             WHERE {won}
             GROUP BY c.commercial_partner_id
        ), counted AS (
            SELECT won.partner_id, won.date_won,
                   (SELECT COUNT(*) FROM crm_followup_record r
                     WHERE r.partner_id = won.partner_id AND r.date <= won.date_won) AS n
              FROM won
        )
        SELECT p.id AS id, p.id AS partner_id, p.user_id, p.grade_id, p.company_id,
               counted.date_won, counted.n AS followups_before_won,
               CASE WHEN counted.n = 0 THEN '00'
                    WHEN counted.n <= 3 THEN '01_03'
                    WHEN counted.n <= 11 THEN '04_11'
                    ELSE '12_plus' END AS bucket,
               1 AS customer_count
          FROM counted JOIN res_partner p ON p.id = counted.partner_id
         WHERE p.customer  -- a won deal of a partner that is no customer (a supplier...) is not one
    )""".format(won=WON_LEAD_SQL)


class CrmFollowupDealReport(models.Model):
    """How many follow-ups each customer needed before its first won opportunity, so that a team
    can check the rule of thumb "most deals close after the 4th to 11th follow-up" on its data."""

    _name = "crm.followup.deal.report"
    _description = "Follow-ups before First Deal"
    _auto = False
    _order = "date_won desc"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    grade_id = fields.Many2one("crm.followup.grade", string="Grade", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date_won = fields.Datetime(string="First Won", readonly=True)
    followups_before_won = fields.Integer(string="Follow-ups before Deal", readonly=True, group_operator="avg")
    bucket = fields.Selection([
        ("00", "None"),  # keys sort in the order of the buckets
        ("01_03", "1-3 follow-ups"),
        ("04_11", "4-11 follow-ups"),
        ("12_plus", "12 or more follow-ups"),
    ], string="Follow-ups Needed", readonly=True)
    customer_count = fields.Integer(string="Customers", readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(_VIEW_SQL)

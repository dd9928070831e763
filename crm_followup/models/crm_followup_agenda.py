from odoo import api, fields, models, tools

# The follow-ups done (one row per record) and the ones planned (one row per customer: its next
# follow-up, as the customer's stored figure says, with the next step planned at its last
# follow-up). Ids stay apart: even for records, odd for customers.
_VIEW_SQL = """
    CREATE VIEW crm_followup_agenda AS (
        SELECT r.id * 2 AS id, 'done' AS kind, r.date, r.partner_id, r.user_id, r.method_id, r.result_id,
               r.id AS record_id, p.name, r.content AS note, r.company_id
          FROM crm_followup_record r
          JOIN res_partner p ON p.id = r.partner_id
        UNION ALL
        SELECT p.id * 2 + 1, 'planned', p.next_followup_date, p.id, p.user_id, NULL, NULL,
               last.id, p.name, last.next_step, COALESCE(p.company_id, last.company_id)
          FROM res_partner p
          LEFT JOIN LATERAL (SELECT r.id, r.next_step, r.company_id FROM crm_followup_record r
                              WHERE r.partner_id = p.id ORDER BY r.date DESC, r.id DESC LIMIT 1) last ON TRUE
         WHERE p.next_followup_date IS NOT NULL AND p.user_id IS NOT NULL AND p.active
           AND p.id = p.commercial_partner_id
    )"""


class CrmFollowupAgenda(models.Model):
    """The follow-up calendar: the follow-ups done beside the ones planned (the customers' next
    follow-up dates), read from the records and the customers' stored figures (an SQL view)."""

    _name = "crm.followup.agenda"
    _description = "Follow-up Calendar"
    _auto = False
    _order = "date desc, id desc"

    kind = fields.Selection([("done", "Done"), ("planned", "Planned")], readonly=True)
    date = fields.Datetime(readonly=True)
    name = fields.Char(string="Customer Name", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    method_id = fields.Many2one("crm.followup.method", string="Method", readonly=True)
    result_id = fields.Many2one("crm.followup.result", string="Result", readonly=True)
    record_id = fields.Many2one("crm.followup.record", string="Follow-up", readonly=True)
    note = fields.Text(string="Content / Next Step", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(_VIEW_SQL)

    def action_log_followup(self):
        """Log the follow-up of a planned row (the customer's Log Follow-up)."""
        self.ensure_one()
        return self.partner_id.action_log_followup()

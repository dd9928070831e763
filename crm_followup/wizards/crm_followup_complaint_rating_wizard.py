from odoo import fields, models


class CrmFollowupComplaintRatingWizard(models.TransientModel):
    """回访 by phone: the owner or the handler records what the customer answered, as the rating
    page of the satisfaction request would (a low answer reopens or escalates the complaint)."""

    _name = "crm.followup.complaint.rating.wizard"
    _description = "Record Satisfaction"

    complaint_id = fields.Many2one("crm.followup.complaint", string="Complaint", required=True, ondelete="cascade")
    score = fields.Selection([
        ("10", "Satisfied"),
        ("5", "Not Satisfied"),
        ("1", "Highly Dissatisfied"),
    ], string="Customer's Answer", required=True)
    feedback = fields.Text(string="Customer's Comment", help="What the customer said on the phone.")

    def action_record(self):
        self.ensure_one()
        self.complaint_id._record_satisfaction(int(self.score), self.feedback)
        return {"type": "ir.actions.act_window_close"}

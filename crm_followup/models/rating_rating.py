from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .crm_followup_complaint_rating import LOW_SCORE

COMPLAINT = "crm.followup.complaint"


class RatingRating(models.Model):
    """Complaint satisfaction answers (crm_followup_complaint_rating.py). Odoo 11 lets every employee
    and portal user create, read (access tokens included) and write any rating over the API, and
    anybody with a token answers on the public rating page: a complaint's rating is created and
    written only by the addon itself (as superuser: the satisfaction request, the rating page,
    Record Satisfaction), and its token is read by nobody but the customer (record rules in
    crm_followup_complaint_security.xml). A low answer acts once."""

    _inherit = "rating.rating"

    followup_low_handled = fields.Boolean(
        string="Low Score Handled", readonly=True, copy=False,
        help="The company's low-score action (reopen or escalate) has run for this answer.")

    @api.model
    def create(self, vals):
        if self._is_complaint_model(vals.get("res_model_id")):
            self._check_answer_writer()
        return super(RatingRating, self).create(vals)

    @api.multi
    def write(self, vals):
        complaint_ratings = self.filtered(lambda rating: rating.res_model == COMPLAINT)
        if complaint_ratings:
            self._check_answer_writer()
        result = super(RatingRating, self).write(vals)
        if complaint_ratings and ("rating" in vals or "consumed" in vals):
            complaint_ratings._act_on_low_answers()
        return result

    def _is_complaint_model(self, model_id):
        return bool(model_id) and self.env["ir.model"].sudo().browse(model_id).model == COMPLAINT

    def _check_answer_writer(self):
        if not self.env.user._is_superuser():
            raise AccessError(_("A complaint's satisfaction is the customer's answer: it is given on the rating "
                                "page of the satisfaction request, or recorded with Record Satisfaction on the "
                                "complaint after a return visit."))

    def _act_on_low_answers(self):
        low = self.filtered(lambda rating: rating.consumed and 1 <= rating.rating <= LOW_SCORE
                            and not rating.followup_low_handled)
        if not low:
            return
        super(RatingRating, low).write({"followup_low_handled": True})
        for rating in low:
            complaint = self.env[COMPLAINT].sudo().browse(rating.res_id).exists()
            if complaint:
                complaint._on_low_rating(rating)

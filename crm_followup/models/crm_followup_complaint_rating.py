from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from . import followup_dates as dates
from .crm_followup_complaint_stage import SOLVED_STATES
from .crm_followup_reminder import Reminder

# The answers of Odoo 11's rating (its one-click links /rating/<token>/<score> take these scores).
SATISFACTION = [
    ("satisfied", "Satisfied"),
    ("not_satisfied", "Not Satisfied"),
    ("highly_dissatisfied", "Highly Dissatisfied"),
]
SATISFACTION_BY_SCORE = {10: "satisfied", 5: "not_satisfied", 1: "highly_dissatisfied"}
# A score at or below this is a low one: the company's low-score action follows (once per answer).
LOW_SCORE = 5


def satisfaction_of(score):
    """The answer a score means (False for no answer): 10 satisfied, 5 not satisfied, 1 highly
    dissatisfied; a score in between counts as the answer at or below it."""
    if not score or score < 1:
        return False
    return SATISFACTION_BY_SCORE[max(s for s in SATISFACTION_BY_SCORE if s <= score)]


class CrmFollowupComplaint(models.Model):
    """Return visit (回访) and satisfaction of complaints: when a complaint is solved, the
    customer's owner (without owner, the team leader) is reminded to call the customer back N
    days later (per company), and the customer gets a satisfaction request by e-mail with Odoo's
    one-click rating links (rating.mixin); a phone return visit records the answer by hand. A low
    answer reopens or escalates the complaint (per company), once per answer (rating_rating.py)."""

    _name = "crm.followup.complaint"
    _inherit = ["crm.followup.complaint", "rating.mixin"]

    satisfaction = fields.Selection(
        SATISFACTION, compute="_compute_satisfaction", compute_sudo=True, store=True, index=True,
        help="The customer's last answer to the satisfaction request or the return visit.")
    satisfaction_score = fields.Float(
        string="Satisfaction Score", compute="_compute_satisfaction", compute_sudo=True, store=True,
        group_operator="avg", help="The last answer as a score: 10 satisfied, 5 not satisfied, 1 highly "
                                   "dissatisfied (averaged in reports).")
    satisfaction_feedback = fields.Text(
        string="Customer's Comment", compute="_compute_satisfaction", compute_sudo=True, store=True)
    date_rated = fields.Datetime(
        string="Rated on", compute="_compute_satisfaction", compute_sudo=True, store=True)

    @api.depends("rating_ids.rating", "rating_ids.consumed", "rating_ids.feedback")
    def _compute_satisfaction(self):
        # searched, not read from rating_ids: a rating created since (res_id is a plain integer)
        # is not in the cached one2many
        answers = self.env["rating.rating"].search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids), ("consumed", "=", True), ("rating", ">=", 1)])
        last_of = {}
        for rating in answers.sorted(lambda rating: (rating.write_date or "", rating.id)):
            last_of[rating.res_id] = rating
        for rec in self:
            last = last_of.get(rec.id, self.env["rating.rating"])
            rec.satisfaction = satisfaction_of(last.rating)
            rec.satisfaction_score = last.rating
            rec.satisfaction_feedback = last.feedback
            rec.date_rated = last.write_date

    # ---- solving: the return visit and the satisfaction request -------------------------------

    @api.multi
    def write(self, vals):
        solving = self.browse()
        if "stage_id" in vals and self.env["crm.followup.complaint.stage"].browse(
                vals["stage_id"]).state in SOLVED_STATES:
            solving = self.filtered(lambda rec: rec.state not in SOLVED_STATES)
        result = super(CrmFollowupComplaint, self).write(vals)
        if solving:
            solving._after_solved()
        return result

    def _after_solved(self):
        """A complaint has just been solved: plan its return visit and ask the customer."""
        self._plan_return_visit()
        self._request_satisfaction()

    def _return_visitor(self):
        """Who calls the customer back: the customer's owner now, else the team leader."""
        self.ensure_one()
        return self.partner_id.user_id or self.team_id.leader_id

    def _plan_return_visit(self):
        activity_type = self.env.ref("crm_followup.mail_activity_type_complaint_revisit")
        reminders = []
        for rec in self.sudo():
            visitor = rec._return_visitor()
            if not visitor:
                continue
            rec = rec.with_context(lang=visitor.lang)
            due = dates.shift_date(dates.local_today(rec.env, visitor), rec.company_id.followup_complaint_revisit_days)
            note = _("Solved: %(resolution)s. Ask the customer whether they are satisfied and record the answer "
                     "with Record Satisfaction on the complaint.") % {"resolution": rec.resolution or "-"}
            reminders.append(Reminder(
                rec.partner_id.id, visitor.id, due,
                _("Return visit for complaint %(number)s: %(subject)s") % {"number": rec.name, "subject": rec.subject},
                "<p>%s</p>" % html_escape(note)))
        self.env["crm.followup.reminder"].create_many(activity_type, reminders)

    def _satisfaction_recipient(self):
        """Who is asked: the contact person who complained if they have an e-mail, else the
        customer (an empty recordset when neither has one: the return visit asks by phone)."""
        self.ensure_one()
        for partner in (self.contact_id, self.partner_id):
            if partner.email:
                return partner
        return self.env["res.partner"]

    def rating_get_access_token(self, partner=None):
        # a token answers for the customer on the public rating page: only the addon asks for one
        # (the satisfaction request, Record Satisfaction), never a user over the API
        if not self.env.user._is_superuser():
            raise AccessError(_("Only the customer answers a satisfaction request: a complaint's rating links "
                                "are in the mail the customer receives."))
        return super(CrmFollowupComplaint, self).rating_get_access_token(partner=partner)

    def rating_get_partner_id(self):
        # the rating is the customer's answer: the contact person's, else the customer's
        return self._satisfaction_recipient() or self.contact_id or self.partner_id

    def _request_satisfaction(self):
        template = self.env.ref("crm_followup.mail_template_complaint_satisfaction").sudo()
        for rec in self.sudo():  # the rating token is written whoever solves
            recipient = rec._satisfaction_recipient()
            if recipient:
                rec.rating_send_request(template, lang=recipient.lang, force_send=False)

    # ---- the answer: by e-mail (rating page) or by phone --------------------------------------

    @api.multi
    def action_record_satisfaction(self):
        """The return visit by phone: the dialog that records the customer's answer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Satisfaction"),
            "res_model": "crm.followup.complaint.rating.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _record_satisfaction(self, score, feedback):
        """Record the customer's answer given by phone, as the rating page would: by a user who
        may work the complaint, on a solved one."""
        self.ensure_one()
        self.check_access_rights("write")
        self.check_access_rule("write")
        if self.state not in SOLVED_STATES:
            raise UserError(_("The complaint %s is not solved yet: the customer is asked whether they are "
                              "satisfied once it is solved.") % self.name)
        if score not in SATISFACTION_BY_SCORE:
            raise UserError(_("Choose the customer's answer: satisfied, not satisfied or highly dissatisfied."))
        complaint = self.sudo()
        rating = self.env["rating.rating"].sudo().search(
            [("access_token", "=", complaint.rating_get_access_token())], limit=1)
        rating.write({"rating": score, "feedback": feedback, "consumed": True})
        answer = dict(self._fields["satisfaction"]._description_selection(self.env))[SATISFACTION_BY_SCORE[score]]
        body = _("Return visit by phone: the customer is %(answer)s.") % {"answer": answer}
        if feedback:
            body = "%s<br/>%s" % (html_escape(body), html_escape(feedback))
        else:
            body = html_escape(body)
        self.message_post(body=body, subtype="mail.mt_note")
        return rating

    def _on_low_rating(self, rating):
        """The customer answered badly (once per answer): the company's choice, reopen or escalate."""
        self.ensure_one()
        complaint = self.sudo()
        answer = dict(self._fields["satisfaction"]._description_selection(self.env))[satisfaction_of(rating.rating)]
        if complaint.company_id.followup_complaint_low_rating_action != "reopen":
            complaint._escalate_low_rating(rating)
        elif complaint.state in SOLVED_STATES:  # not one already reopened by an earlier answer
            stage = self.env["crm.followup.complaint.stage"].search([("state", "=", "in_progress")], limit=1)
            complaint.write({"stage_id": stage.id})
            complaint.message_post(body=html_escape(_(
                "Reopened: the customer is %(answer)s with the solution.") % {"answer": answer}),
                subtype="mail.mt_note")

    def _escalate_low_rating(self, rating):
        """Remind the team leader and the sales manager of the customer's owner, on the customer."""
        activity_type = self.env.ref("crm_followup.mail_activity_type_complaint_revisit")
        owner = self.partner_id.user_id
        told = (self.team_id.leader_id | owner.sale_team_id.user_id).filtered("active")
        reminders = []
        for user in told:
            rec = self.with_context(lang=user.lang)
            answer = dict(rec._fields["satisfaction"]._description_selection(rec.env))[satisfaction_of(rating.rating)]
            note = _("The customer is %(answer)s with the solution of %(number)s. Their comment: %(comment)s") % {
                "answer": answer, "number": rec.name, "comment": rating.feedback or "-"}
            reminders.append(Reminder(
                rec.partner_id.id, user.id, dates.local_today(rec.env, user),
                _("Low satisfaction on complaint %(number)s: %(subject)s") % {"number": rec.name,
                                                                              "subject": rec.subject},
                "<p>%s</p>" % html_escape(note)))
        self.env["crm.followup.reminder"].create_many(activity_type, reminders)
        if told:
            self.message_subscribe(partner_ids=told.mapped("partner_id").ids)
            self.message_post(body=html_escape(_("Low satisfaction escalated to %s.") % ", ".join(told.mapped("name"))),
                              subtype="mail.mt_note")

"""Return visit (回访) and satisfaction of complaints: the reminder after solving, the satisfaction
request with its one-click answers, the phone return visit, a low answer reopening or escalating
once, the score on the complaint and the customer; and whether a category needs a resolution."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.crm_followup.models import followup_dates as dates

from .complaint_common import ComplaintCase


class RevisitCase(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(RevisitCase, cls).setUpClass()
        cls.revisit_type = cls.env.ref("crm_followup.mail_activity_type_complaint_revisit")
        cls.contact.email = "liu.yang@huaxin.example.cn"
        # 张伟's sales team is led by 王建国 (the sales manager a low answer is escalated to)
        cls.sales_team = cls.env["crm.team"].create({"name": "华南销售部", "user_id": cls.manager.id})
        cls.salesperson.sale_team_id = cls.sales_team
        cls.team.leader_id = cls.handler2  # the complaint team's leader, not the sales manager

    def _solve(self, complaint, user=None):
        complaint.sudo(user or complaint.sudo().user_id).write({
            "stage_id": self.stage["solved"].id, "root_cause_id": self.cause.id, "resolution": "补发 200 片合格品"})
        return complaint

    def _reminders(self, customer, user=None):
        domain = [("res_model", "=", "res.partner"), ("res_id", "=", customer.id),
                  ("activity_type_id", "=", self.revisit_type.id)]
        if user:
            domain.append(("user_id", "=", user.id))
        return self.env["mail.activity"].search(domain)

    def _requests(self, complaint):
        return self.env["mail.mail"].search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])

    def _answer_on_rating_page(self, complaint, score, feedback=None):
        """What Odoo's rating page does with the link of the request (as superuser, by token)."""
        rating = self.env["rating.rating"].sudo().search(
            [("res_model", "=", complaint._name), ("res_id", "=", complaint.id), ("consumed", "=", False)])
        self.assertEqual(len(rating), 1, "one open request")
        rating.write({"rating": score, "consumed": True})  # /rating/<token>/<score>
        if feedback:  # its comment form: /rating/<token>/<score>/submit_feedback
            complaint.sudo().rating_apply(score, token=rating.access_token, feedback=feedback)
        complaint.invalidate_cache()
        return rating


class TestReturnVisit(RevisitCase):

    def test_solving_reminds_the_owner_n_days_later(self):
        self.company.followup_complaint_revisit_days = 5
        complaint = self._complaint(self.customer, contact_id=self.contact.id)
        self.assertFalse(self._reminders(self.customer))
        self._solve(complaint)
        reminder = self._reminders(self.customer)
        self.assertEqual(reminder.user_id, self.salesperson, "the customer's owner calls back")
        today = dates.local_today(self.env, self.salesperson)
        self.assertEqual(reminder.date_deadline, dates.shift_date(today, 5))
        self.assertIn(complaint.name, reminder.summary)
        # closing the solved complaint is no second return visit
        complaint.sudo(complaint.user_id).write({"stage_id": self.stage["closed"].id})
        self.assertEqual(len(self._reminders(self.customer)), 1)

    def test_without_owner_the_team_leader_calls_back(self):
        complaint = self._complaint(self.customer, contact_id=self.contact.id)
        self.env.cr.execute("UPDATE res_partner SET user_id = NULL WHERE id = %s", [self.customer.id])
        self.customer.invalidate_cache()
        self._solve(complaint)
        self.assertEqual(self._reminders(self.customer).user_id, self.handler2)

    def test_revisit_days_out_of_range_are_refused(self):
        for days in (-1, 61):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.company.followup_complaint_revisit_days = days
        self.assertEqual(self.company.followup_complaint_revisit_days, 3)


class TestSatisfactionRequest(RevisitCase):

    def test_solving_mails_the_contact_one_click_answers(self):
        complaint = self._complaint(self.customer, contact_id=self.contact.id)
        self.assertFalse(self._requests(complaint))
        self._solve(complaint)
        mail = self._requests(complaint)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.contact, "the person who complained is asked")
        rating = complaint.sudo().rating_ids
        self.assertEqual((rating.partner_id, rating.consumed), (self.contact, False))
        for score in (10, 5, 1):
            self.assertIn("/rating/%s/%s" % (rating.access_token, score), mail.body_html)
        self.assertIn(complaint.name, mail.subject)

    def test_customer_email_without_a_contact_and_nobody_without_email(self):
        complaint = self._complaint(self.customer)
        self.customer.email = False
        self._solve(complaint)
        self.assertFalse(self._requests(complaint), "nobody to write to: the return visit asks by phone")
        complaint2 = self._complaint(self.customer2)
        self.customer2.email = "service@tianhe.example.cn"
        self._solve(complaint2)
        self.assertEqual(self._requests(complaint2).recipient_ids, self.customer2)

    def test_the_answer_and_comment_show_on_complaint_and_customer(self):
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        self._answer_on_rating_page(complaint, 10, "处理很及时")
        self.assertEqual((complaint.satisfaction, complaint.satisfaction_score, complaint.satisfaction_feedback),
                         ("satisfied", 10.0, "处理很及时"))
        self.assertTrue(complaint.date_rated)
        self.assertEqual(self.Complaint.search([("satisfaction", "=", "satisfied"), ("id", "=", complaint.id)]),
                         complaint, "stored: searchable and grouped in reports")
        other = self._solve(self._complaint(self.customer, contact_id=self.contact.id, subject="第二次投诉"))
        self._answer_on_rating_page(other, 5)
        self.customer.invalidate_cache()
        customer = self.customer.sudo(self.salesperson)
        self.assertEqual((customer.complaint_satisfaction, customer.complaint_rated_count), (7.5, 2))
        groups = self.Complaint.sudo(self.salesperson).read_group(
            [("partner_id", "=", self.customer.id)], ["partner_id", "satisfaction_score"], ["partner_id"])
        self.assertEqual(groups[0]["satisfaction_score"], 7.5, "averaged, not summed")


class TestLowSatisfaction(RevisitCase):

    def test_low_answer_escalates_once(self):
        self.assertEqual(self.company.followup_complaint_low_rating_action, "escalate")
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        revisit = self._reminders(self.customer)
        self._answer_on_rating_page(complaint, 1, "问题又出现了")
        escalated = self._reminders(self.customer) - revisit
        self.assertEqual(escalated.mapped("user_id"), self.handler2 | self.manager,
                         "the team leader and the owner's sales manager")
        self.assertTrue(all(complaint.name in summary for summary in escalated.mapped("summary")))
        self.assertEqual(complaint.state, "solved", "escalated, not reopened")
        # the customer clicks again, or comments: nobody is told twice
        rating = complaint.sudo().rating_ids
        rating.sudo().write({"rating": 5, "consumed": True})
        complaint.sudo().rating_apply(5, token=rating.access_token, feedback="还是不满意")
        self.assertEqual(self._reminders(self.customer) - revisit, escalated)

    def test_low_answer_reopens_where_the_company_says_so(self):
        self.company.followup_complaint_low_rating_action = "reopen"
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        revisit = self._reminders(self.customer)
        self._answer_on_rating_page(complaint, 5)
        self.assertEqual((complaint.state, complaint.date_solved), ("in_progress", False))
        self.assertEqual(self._reminders(self.customer), revisit, "no escalation")
        self.assertEqual(complaint.satisfaction, "not_satisfied", "the answer stays on record")
        # solved again: a new request; a new low answer reopens it again
        self._solve(complaint)
        self.assertEqual(len(complaint.sudo().rating_ids.filtered(lambda r: not r.consumed)), 1)
        self._answer_on_rating_page(complaint, 1)
        self.assertEqual(complaint.state, "in_progress")

    def test_satisfied_answer_acts_on_nothing(self):
        self.company.followup_complaint_low_rating_action = "reopen"
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        self._answer_on_rating_page(complaint, 10)
        self.assertEqual(complaint.state, "solved")


class TestPhoneReturnVisit(RevisitCase):

    def _record(self, complaint, user, score, feedback=False):
        wizard = self.env["crm.followup.complaint.rating.wizard"].sudo(user).create({
            "complaint_id": complaint.id, "score": score, "feedback": feedback})
        return wizard.action_record()

    def test_owner_records_the_answer_by_phone(self):
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        self._record(complaint, self.salesperson, "10", "电话回访：很满意")
        complaint.invalidate_cache()
        self.assertEqual((complaint.satisfaction, complaint.satisfaction_feedback), ("satisfied", "电话回访：很满意"))
        self.assertIn("电话回访：很满意", complaint.message_ids[0].body)

    def test_phone_answer_of_a_customer_without_email(self):
        # nobody was mailed (no e-mail anywhere): the return visit by phone is the only way to ask
        self.contact.email = False
        self.customer.email = False
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        self.assertFalse(self._requests(complaint), "no satisfaction request without an e-mail")
        self._record(complaint, self.salesperson, "5", "电话回访：交期还是慢")
        complaint.invalidate_cache()
        self.assertEqual((complaint.satisfaction, complaint.satisfaction_score), ("not_satisfied", 5.0))
        self.assertEqual(self.customer.complaint_rated_count, 1)

    def test_handler_records_a_low_answer_and_it_escalates(self):
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        before = self._reminders(self.customer)
        self._record(complaint, complaint.user_id, "1")
        self.assertEqual((self._reminders(self.customer) - before).mapped("user_id"), self.handler2 | self.manager)

    def test_not_before_solving_and_not_by_a_stranger(self):
        complaint = self._complaint(self.customer, contact_id=self.contact.id)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._record(complaint, self.salesperson, "10")
        self._solve(complaint)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._record(complaint, self.salesperson2, "10")
        complaint.invalidate_cache()
        self.assertFalse(complaint.satisfaction)

    def test_nobody_writes_an_answer_around_the_rating_page(self):
        complaint = self._solve(self._complaint(self.customer, contact_id=self.contact.id))
        rating = complaint.sudo().rating_ids
        portal = self.env["res.users"].create({
            "login": "portal_liu", "name": "刘洋", "partner_id": self.contact.id,
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        for user in (self.salesperson, self.manager, portal):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                rating.sudo(user).write({"rating": 10, "consumed": True})
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.env["rating.rating"].sudo(user).create({
                    "res_model_id": self.env["ir.model"]._get(complaint._name).id, "res_id": complaint.id,
                    "rating": 10, "consumed": True})
            # nor a token of their own to answer with on the public rating page
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.env["rating.rating"].sudo(user).create({
                    "res_model_id": self.env["ir.model"]._get(complaint._name).id, "res_id": complaint.id,
                    "access_token": "mine"})
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                complaint.sudo(user).rating_get_access_token()
        for user in (self.salesperson, self.manager):
            self.assertFalse(self.env["rating.rating"].sudo(user).search([("res_model", "=", complaint._name)]),
                             "no employee reads the customer's token")
        self.assertEqual(self.env["rating.rating"].sudo(portal).search([("res_model", "=", complaint._name)]),
                         rating, "the customer reads her own")
        complaint.invalidate_cache()
        self.assertFalse(complaint.satisfaction)


class TestResolutionRequired(RevisitCase):

    def test_only_where_the_category_requires_it(self):
        self.assertTrue(self.quality.resolution_required, "required by default")
        complaint = self._complaint(self.customer)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.sudo(complaint.user_id).write({"stage_id": self.stage["solved"].id})
        self.assertEqual(complaint.state, "new", "nothing saved")
        self.delivery.resolution_required = False
        quick = self._complaint(self.customer, category_id=self.delivery.id, subject="快递单号发错")
        quick.sudo(quick.user_id).write({"stage_id": self.stage["solved"].id})
        self.assertEqual(quick.state, "solved")
        # moved into a category that requires one, it must say why and how
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            quick.sudo(quick.user_id).write({"category_id": self.quality.id})
        self.assertEqual(quick.category_id, self.delivery)

"""Who sees and works which complaint: complaint handlers (their own and their teams'), the portal
customer (their company's only, read only), salespeople and managers as before."""
from odoo.exceptions import AccessError

from .complaint_common import ComplaintCase


class TestComplaintAccess(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(TestComplaintAccess, cls).setUpClass()
        handlers = cls.env.ref("crm_followup.crm_followup_group_complaint_handler")
        cls.cs_member = cls._user("cs_member", "周敏", handlers)
        cls.cs_leader = cls._user("cs_leader", "郑强", handlers)
        cls.cs_member2 = cls._user("cs_member2", "钱峰", handlers)
        cls.cs_other = cls._user("cs_other", "孙丽", handlers)
        cls.service = cls.env["crm.followup.complaint.team"].create({
            "name": "售后服务组", "leader_id": cls.cs_leader.id, "assign_method": "load",
            "member_ids": [(6, 0, [cls.cs_member.id, cls.cs_member2.id])]})
        cls.theirs = cls._complaint(cls.customer, team_id=cls.service.id, user_id=cls.cs_member.id)
        cls.team_queue = cls._complaint(cls.customer2, team_id=cls.service.id, subject="发票金额错误")
        cls.elsewhere = cls._complaint(cls.customer2, subject="送货延误")  # the catch-all team's
        cls.portal = cls.env["res.users"].create({
            "login": "portal_liu", "name": "刘洋", "partner_id": cls.contact.id,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})

    def _visible(self, user):
        return self.Complaint.sudo(user).search([("id", "in", (self.theirs | self.team_queue | self.elsewhere).ids)])

    def test_handlers_see_their_own_and_their_teams(self):
        self.assertEqual(self.team_queue.user_id, self.cs_member2, "the team's, assigned to a colleague")
        self.assertEqual(self._visible(self.cs_member), self.theirs | self.team_queue)
        self.assertEqual(self._visible(self.cs_leader), self.theirs | self.team_queue, "the leader too")
        self.assertFalse(self._visible(self.cs_other), "not another team's")
        with self.assertRaises(AccessError):
            self.elsewhere.sudo(self.cs_member).read(["subject"])
        groups = self.Complaint.sudo(self.cs_member).read_group(
            [("id", "in", (self.theirs | self.team_queue | self.elsewhere).ids)], ["team_id"], ["team_id"])
        self.assertEqual(sum(group["team_id_count"] for group in groups), 2)

    def test_handlers_work_their_teams_complaints(self):
        self.team_queue.sudo(self.cs_member).write({"user_id": self.cs_member.id,
                                                    "stage_id": self.stage["in_progress"].id})
        self.assertEqual(self.team_queue.state, "in_progress")
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.elsewhere.sudo(self.cs_member).write({"stage_id": self.stage["in_progress"].id})

    def test_salesperson_and_manager_unchanged(self):
        self.assertEqual(self._visible(self.salesperson), self.theirs, "his customer's")
        self.assertEqual(self._visible(self.manager), self.theirs | self.team_queue | self.elsewhere)
        self.assertFalse(self._visible(self.other_company_user), "companies walled")

    def test_portal_customer_reads_their_company_complaints_only(self):
        self.assertEqual(self._visible(self.portal), self.theirs)
        self.assertEqual(self.Complaint.sudo(self.portal).search_count([]),
                         self.Complaint.search_count([("partner_id", "=", self.customer.id)]))
        with self.assertRaises(AccessError):
            self.elsewhere.sudo(self.portal).read(["subject"])
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.theirs.sudo(self.portal).write({"subject": "改个标题"})
        with self.assertRaises(AccessError):
            self.theirs.sudo(self.portal).read(["customer_grade_id"])
        self.assertEqual(self.theirs.sudo(self.portal).portal_url, "/my/complaints/%s" % self.theirs.id)

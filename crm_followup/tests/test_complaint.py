"""Complaints (客户投诉): registration, what stays as registered, the solution rule, who sees what."""
from odoo.exceptions import AccessError, UserError, ValidationError

from .complaint_common import ComplaintCase
from .pool_common import days_ago


class TestComplaintRegistration(ComplaintCase):

    def test_registration_numbers_snapshots_and_tells_the_owner(self):
        complaint = self._complaint(self.customer, contact_id=self.contact.id)
        self.assertRegex(complaint.name, r"^TS\d{8}\d{4}$")
        self.assertEqual(complaint.customer_grade_id, self.grade_a)
        self.assertEqual(complaint.customer_owner_id, self.salesperson)
        self.assertEqual(complaint.company_id, self.customer.company_id)
        self.assertEqual(complaint.state, "new")
        reminder = self.env["mail.activity"].search([
            ("res_model", "=", "res.partner"), ("res_id", "=", self.customer.id),
            ("activity_type_id", "=", self.env.ref("crm_followup.mail_activity_type_complaint").id)])
        self.assertEqual(reminder.user_id, self.salesperson, "the owner is told, on the customer")
        self.assertIn(complaint.name, reminder.summary)
        self.assertIn(self.salesperson.partner_id, complaint.message_partner_ids, "and follows the complaint")

    def test_number_follows_the_day_received(self):
        complaint = self._complaint(self.customer, date_registered="2026-10-08 02:00:00")
        self.assertTrue(complaint.name.startswith("TS20261008"), complaint.name)

    def test_grade_and_owner_stay_as_registered(self):
        complaint = self._complaint(self.customer)
        self.customer.sudo().write({"grade_id": self.grade_c.id})
        self.env.cr.execute("UPDATE res_partner SET user_id = %s WHERE id = %s",
                            [self.salesperson2.id, self.customer.id])
        self.customer.invalidate_cache()
        complaint = complaint.sudo()  # no longer 张伟's customer: he no longer sees it
        complaint.invalidate_cache()
        self.assertEqual((complaint.customer_grade_id, complaint.customer_owner_id), (self.grade_a, self.salesperson))

    def test_registration_fields_cannot_be_rewritten(self):
        complaint = self._complaint(self.customer)
        for vals in ({"customer_owner_id": self.salesperson2.id}, {"customer_grade_id": self.grade_c.id},
                     {"partner_id": self.customer2.id}, {"name": "TS1"}, {"company_id": self.other_company.id},
                     {"date_registered": days_ago(30)}, {"date_solved": days_ago(1)}):
            for user in (self.salesperson, self.manager):
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    complaint.sudo(user).write(vals)
        complaint.invalidate_cache()
        self.assertEqual((complaint.customer_owner_id, complaint.partner_id), (self.salesperson, self.customer))
        # the same values again (an import that rewrites every column) are no change
        complaint.sudo(self.salesperson).write({"partner_id": self.customer.id, "name": complaint.name})

    def test_copy_is_a_new_registration(self):
        complaint = self._complaint(self.customer)
        complaint.sudo(self.salesperson).write({"stage_id": self.stage["in_progress"].id})
        twin = complaint.sudo(self.salesperson).copy()
        self.assertNotEqual(twin.name, complaint.name)
        self.assertEqual((twin.state, twin.customer_owner_id), ("new", self.salesperson))

    def test_a_contact_is_registered_on_its_company(self):
        complaint = self._complaint(self.contact, user=self.salesperson)
        self.assertEqual((complaint.partner_id, complaint.contact_id), (self.customer, self.contact))

    def test_contact_and_opportunity_must_be_the_customers(self):
        other_contact = self.env["res.partner"].create({"name": "黄磊", "parent_id": self.customer2.id})
        lead = self.env["crm.lead"].create({"name": "年度框架合同", "partner_id": self.customer2.id})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._complaint(self.customer2, contact_id=self.contact.id)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._complaint(self.customer, lead_id=lead.id)
        complaint = self._complaint(self.customer2, contact_id=other_contact.id, lead_id=lead.id)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.sudo(self.salesperson2).write({"contact_id": self.contact.id})

    def test_without_a_customer_nothing_is_saved(self):
        count = self.Complaint.search_count([])
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Complaint.sudo(self.manager).create({"subject": "无客户", "category_id": self.quality.id})
        self.assertEqual(self.Complaint.search_count([]), count)

    def test_not_received_in_the_future(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._complaint(self.customer, date_registered=days_ago(-3))

    def test_a_salesperson_registers_for_their_own_customers_only(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():  # a colleague's: not even visible
            self._complaint(self.customer2, user=self.salesperson)
        pool = self.env["crm.followup.pool"].create({
            "name": "深圳公海", "member_user_ids": [(6, 0, [self.salesperson.id])]})
        unowned = self._customer("深圳市坪山安泰保安服务有限公司", None, self.grade_c, pool_id=pool.id)
        unowned.sudo(self.salesperson).check_access_rule("read")  # he sees it, in his pool
        with self.assertRaises(UserError), self.env.cr.savepoint():  # in the pool: claim it first
            self._complaint(unowned, user=self.salesperson)
        complaint = self._complaint(unowned, user=self.manager)
        self.assertFalse(complaint.customer_owner_id)

    def test_another_companys_customer_is_refused(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._complaint(self.customer, user=self.other_company_user)
        complaint = self._complaint(self.customer, user=self.manager, company_id=self.other_company.id)
        self.assertEqual(complaint.company_id, self.company, "the customer's company, not the one asked for")


class TestComplaintSolution(ComplaintCase):

    def test_solved_needs_root_cause_and_resolution(self):
        complaint = self._complaint(self.customer)
        handler = complaint.user_id
        for vals in ({}, {"root_cause_id": self.cause.id}, {"resolution": "  "},
                     {"resolution": "补发 200 片合格品"}):
            for stage in ("solved", "closed"):
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    complaint.sudo(handler).write(dict(vals, stage_id=self.stage[stage].id))
        complaint.invalidate_cache()
        self.assertEqual((complaint.state, complaint.date_solved), ("new", False))
        complaint.sudo(handler).write({"stage_id": self.stage["solved"].id, "root_cause_id": self.cause.id,
                                       "resolution": "补发 200 片合格品"})
        solved_on = complaint.date_solved
        self.assertTrue(solved_on)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.sudo(handler).write({"resolution": ""})
        complaint.sudo(handler).write({"stage_id": self.stage["closed"].id})
        self.assertEqual(complaint.date_solved, solved_on, "closing keeps the day it was solved")
        complaint.sudo(handler).write({"stage_id": self.stage["in_progress"].id})
        self.assertFalse(complaint.date_solved, "reopened")

    def test_cancelled_needs_no_solution(self):
        complaint = self._complaint(self.customer)
        complaint.sudo(self.salesperson).write({"stage_id": self.stage["cancelled"].id})
        self.assertEqual(complaint.state, "cancelled")


class TestComplaintAccess(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(TestComplaintAccess, cls).setUpClass()
        cls.own = cls._complaint(cls.customer)            # 张伟's customer, assigned to a handler
        cls.colleagues = cls._complaint(cls.customer2)    # 李娜's customer, assigned to a handler

    def _visible(self, user):
        return self.Complaint.sudo(user).search([])

    def test_salesperson_sees_own_customers_and_assigned_complaints(self):
        self.assertEqual(self._visible(self.salesperson), self.own)
        self.assertEqual(self._visible(self.salesperson2), self.colleagues)
        handler = self.own.user_id
        self.assertIn(self.own, self._visible(handler))
        with self.assertRaises(AccessError):
            self.colleagues.sudo(self.salesperson).read(["subject"])
        with self.assertRaises(AccessError):
            self.colleagues.sudo(self.salesperson).write({"subject": "改掉"})
        groups = self.Complaint.sudo(self.salesperson).read_group([], ["partner_id"], ["partner_id"])
        self.assertEqual([g["partner_id"][0] for g in groups], [self.customer.id])
        self.assertEqual(self.customer.sudo(self.salesperson).complaint_count, 1)
        self.assertEqual(self.customer.sudo(self.salesperson).complaint_ids, self.own)

    def test_a_customer_moved_away_takes_its_complaints_along(self):
        self.env.cr.execute("UPDATE res_partner SET user_id = %s WHERE id = %s",
                            [self.salesperson2.id, self.customer.id])
        self.customer.invalidate_cache()
        self.assertNotIn(self.own, self._visible(self.salesperson))
        self.assertIn(self.own, self._visible(self.salesperson2))

    def test_salesperson_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.own.sudo(self.salesperson).unlink()

    def test_manager_sees_the_company_other_company_nothing(self):
        self.assertEqual(self._visible(self.manager), self.own | self.colleagues | self._visible(self.manager))
        self.assertIn(self.colleagues, self._visible(self.manager))
        self.assertFalse(self._visible(self.other_company_user))
        with self.assertRaises(AccessError):
            self.own.sudo(self.other_company_user).read(["subject"])


class TestComplaintsFindCustomers(ComplaintCase):
    """Issue 11's searches reach complaints: customers by what their complaints say, and saved
    searches (with their workbench chips) on the complaints themselves, as the user sees them."""

    @classmethod
    def setUpClass(cls):
        super(TestComplaintsFindCustomers, cls).setUpClass()
        cls.own = cls._complaint(cls.customer, description="第三批贴片电容鼓包，客户要求换货")
        cls.colleagues = cls._complaint(cls.customer2, description="贴片电容鼓包，要求退款")

    def test_customers_whose_complaints_mention_a_text(self):
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.sudo(self.salesperson).search([("complaint_mention", "ilike", "电容鼓包")]),
                         self.customer, "only the complaints the salesperson may read count")
        self.assertEqual(Partner.sudo(self.manager).search([("complaint_mention", "ilike", "电容鼓包")]),
                         self.customer | self.customer2)
        # among this test's customers: the demo's complaints mention 换货 too
        ours = (self.customer | self.customer2).ids
        self.assertEqual(Partner.sudo(self.manager).search([("complaint_mention", "ilike", "换货"), ("id", "in", ours)]),
                         self.customer)
        self.assertFalse(Partner.sudo(self.other_company_user).search([("complaint_mention", "ilike", "电容")]))

    def test_saved_search_on_complaints_counted_as_the_user(self):
        search = self.env["ir.filters"].sudo(self.manager).create({
            "name": "质量投诉", "model_id": "crm.followup.complaint", "share_scope": "company",
            "domain": "[('category_id', '=', %d)]" % self.quality.id, "on_workbench": True})
        counts = {user: {chip["id"]: chip["count"]
                         for chip in self.env["ir.filters"].sudo(user).get_workbench_chips()}
                  for user in (self.manager, self.salesperson)}
        quality = [("category_id", "=", self.quality.id)]
        everyone = self.Complaint.sudo(self.manager).search_count(quality)
        self.assertGreaterEqual(everyone, 2, "both complaints here, and the demo's")
        self.assertEqual((counts[self.manager][search.id], counts[self.salesperson][search.id]), (everyone, 1))
        action = search.sudo(self.salesperson).action_followup_open()
        self.assertEqual(action["res_model"], "crm.followup.complaint")


class TestComplaintAssignment(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(TestComplaintAssignment, cls).setUpClass()
        cls.quality_team = cls.env["crm.followup.complaint.team"].create({
            "name": "质量组", "member_ids": [(6, 0, [cls.manager.id])]})
        cls.customer.sudo().write({"city": "深圳市", "street2": "福田区"})

    def _rule(self, **vals):
        vals.setdefault("name", "规则")
        vals.setdefault("team_id", self.quality_team.id)
        return self.env["crm.followup.complaint.rule"].create(vals)

    def test_category_routes_to_a_team(self):
        self._rule(sequence=1, category_ids=[(6, 0, [self.quality.id])])
        self.assertEqual(self._complaint(self.customer).team_id, self.quality_team)
        self.assertEqual(self._complaint(self.customer, category_id=self.delivery.id).team_id, self.team)

    def test_region_and_grade_route_to_a_team(self):
        self._rule(sequence=1, city="广州市")
        self._rule(sequence=2, city="深圳市", district="南山区")
        self.assertEqual(self._complaint(self.customer).team_id, self.team)
        self._rule(sequence=3, city="深圳市", district="福田区", grade_ids=[(6, 0, [self.grade_c.id])])
        self.assertEqual(self._complaint(self.customer).team_id, self.team)
        self._rule(sequence=4, city="深圳市", district="福田区", grade_ids=[(6, 0, [self.grade_a.id])])
        self.assertEqual(self._complaint(self.customer).team_id, self.quality_team)

    def test_in_turn_within_the_team(self):
        assignees = [self._complaint(self.customer).user_id for _i in range(4)]
        first, second = assignees[:2]
        self.assertNotEqual(first, second)
        self.assertEqual(assignees, [first, second, first, second])

    def test_by_load_within_the_team(self):
        self.team.write({"assign_method": "load"})
        busy = self._complaint(self.customer).user_id
        free = (self.handler | self.handler2) - busy
        self.assertEqual(self._complaint(self.customer).user_id, free)
        third = self._complaint(self.customer)
        # a solved complaint is no load
        third.write({"stage_id": self.stage["solved"].id, "root_cause_id": self.cause.id, "resolution": "已处理"})
        self.assertEqual(self._complaint(self.customer).user_id, third.user_id)

    def test_assignee_must_be_of_the_team(self):
        complaint = self._complaint(self.customer)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.sudo(self.manager).write({"user_id": self.salesperson2.id})
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._complaint(self.customer, user_id=self.salesperson2.id)
        complaint.sudo(self.manager).write({"user_id": self.manager.id})  # the team's leader may take it

    def test_no_matching_rule_leaves_it_unassigned(self):
        self.catch_all.unlink()
        complaint = self._complaint(self.customer)
        self.assertFalse(complaint.team_id or complaint.user_id)
        self.assertIn(complaint, self.Complaint.sudo(self.salesperson).search([]), "its owner still sees it")

    def test_team_and_rule_stay_in_their_company(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._rule(company_id=self.other_company.id)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.team.write({"member_ids": [(4, self.other_company_user.id)]})


class TestComplaintOnCustomerForm(ComplaintCase):

    def test_register_from_the_customer_and_from_its_contact(self):
        action = self.customer.sudo(self.salesperson).action_register_complaint()
        self.assertEqual((action["context"], action["target"]), ({"default_partner_id": self.customer.id}, "new"))
        action = self.contact.sudo(self.salesperson).action_register_complaint()
        self.assertEqual(action["context"], {"default_partner_id": self.customer.id,
                                             "default_contact_id": self.contact.id})
        complaint = self.Complaint.sudo(self.salesperson).with_context(**action["context"]).create({
            "subject": "送货延迟三天", "category_id": self.delivery.id})
        self.assertEqual(self.customer.sudo(self.salesperson).complaint_count, 1)
        listed = self.customer.sudo(self.salesperson).action_view_complaints()
        self.assertEqual(self.Complaint.sudo(self.salesperson).search(listed["domain"]), complaint)


class TestComplaintSwitch(ComplaintCase):
    """Settings > Customer Tracking > Complaints, per company."""

    def test_switched_off_no_complaint_is_registered(self):
        complaint = self._complaint(self.customer)
        self.assertTrue(self.customer.followup_complaint_on)
        self.company.write({"followup_complaint_enabled": False})
        count = self.Complaint.search_count([])
        for user in (self.salesperson, self.manager):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self._complaint(self.customer, user=user)
        self.assertEqual(self.Complaint.search_count([]), count)
        self.customer.invalidate_cache()
        self.assertFalse(self.customer.followup_complaint_on, "the customer form hides its complaints")
        alias = self.env.ref("crm_followup.mail_alias_complaint")
        self.assertIsNot(self.Complaint._alias_check_contact(None, {"author_id": self.contact.id}, alias), True,
                         "a mail is bounced")
        # the complaints already registered are worked to the end
        complaint.sudo(complaint.user_id).write({"stage_id": self.stage["solved"].id, "root_cause_id": self.cause.id,
                                                 "resolution": "已更换"})
        self.assertEqual(complaint.state, "solved")

    def test_other_company_keeps_its_switch(self):
        self.other_company.write({"followup_complaint_enabled": False})
        self.assertTrue(self._complaint(self.customer))

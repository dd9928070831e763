from contextlib import contextmanager

from odoo.tests.common import SavepointCase

# Context for fast test set-up: no tracking messages, no creation logs.
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True,
         "no_reset_password": True}


class FollowupCase(SavepointCase):
    """Users for every role, two companies, a few customers: built once per test class."""

    @classmethod
    def setUpClass(cls):
        super(FollowupCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET))
        cls.company = cls.env.ref("base.main_company")
        cls.other_company = cls.env["res.company"].create({"name": "广州另一家贸易有限公司"})
        cls.sales = cls.env.ref("crm_followup.crm_followup_group_user")
        cls.managers = cls.env.ref("crm_followup.crm_followup_group_manager")
        cls.salesperson = cls._user("sp_zhang", "张伟", cls.sales)
        cls.salesperson2 = cls._user("sp_li", "李娜", cls.sales)
        cls.manager = cls._user("mgr_wang", "王建国", cls.managers)
        cls.other_company_user = cls._user(
            "oc_chen", "陈静", cls.managers, company=cls.other_company)
        cls.grade_a = cls.env.ref("crm_followup.crm_followup_grade_a")
        cls.grade_c = cls.env.ref("crm_followup.crm_followup_grade_c")
        cls.customer = cls._customer("深圳市华信电子有限公司", cls.salesperson, cls.grade_a)
        cls.customer2 = cls._customer("广州市天河瑞丰贸易有限公司", cls.salesperson2, cls.grade_c)
        cls.contact = cls.env["res.partner"].create({
            "name": "刘洋", "parent_id": cls.customer.id, "type": "contact"})

    @classmethod
    def _user(cls, login, name, group, company=None):
        company = company or cls.company
        return cls.env["res.users"].create({
            "login": login, "name": name, "email": "%s@example.com" % login,
            "company_id": company.id, "company_ids": [(6, 0, [company.id])],
            "groups_id": [(6, 0, [group.id, cls.env.ref("base.group_user").id])],
        })

    @classmethod
    def _customer(cls, name, user, grade=None, **vals):
        vals.update(name=name, is_company=True, customer=True, user_id=user.id if user else False,
                    grade_id=grade.id if grade else False)
        return cls.env["res.partner"].create(vals)

    @contextmanager
    def assertQueryCount(self, expected):
        count0 = self.cr.sql_log_count
        yield
        self.assertEqual(self.cr.sql_log_count - count0, expected, "number of queries")

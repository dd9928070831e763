from odoo import fields
from odoo.exceptions import ValidationError

from .common import FollowupCase


class TestCustomerArchive(FollowupCase):

    def test_default_grades_give_cadence(self):
        grades = self.env["crm.followup.grade"].search([("company_id", "=", self.company.id)])
        self.assertEqual(
            [(g.code, g.followup_interval) for g in grades],
            [("A", 7), ("B", 14), ("C", 30), ("D", 60)])

    def test_grade_interval_must_be_positive(self):
        with self.assertRaises(ValidationError):
            self.grade_a.followup_interval = 0

    def test_owner_change_stamps_date_received(self):
        customer = self._customer("佛山市南海顺达五金厂", None)
        self.assertFalse(customer.date_owner_received)
        customer.user_id = self.salesperson
        self.assertTrue(customer.date_owner_received)
        self.assertLessEqual(customer.date_owner_received, fields.Datetime.now())
        customer.user_id = False
        self.assertFalse(customer.date_owner_received)

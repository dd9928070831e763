"""The pure rules of complaint assignment, on plain values."""
import unittest

from odoo.addons.crm_followup.models.complaint_rules import assignment_rule_matches, least_loaded, next_in_turn

ANY = {"category_ids": set(), "grade_ids": set(), "city": False, "district": False}
COMPLAINT = {"category_id": 1, "grade_id": 7, "city": "深圳市", "address": "深圳市 深南大道69号 福田区"}


class TestComplaintRules(unittest.TestCase):

    def test_a_rule_without_conditions_takes_every_complaint(self):
        self.assertTrue(assignment_rule_matches(ANY, COMPLAINT))

    def test_each_condition_the_rule_sets_must_hold(self):
        self.assertTrue(assignment_rule_matches(dict(ANY, category_ids={1, 2}), COMPLAINT))
        self.assertFalse(assignment_rule_matches(dict(ANY, category_ids={2}), COMPLAINT))
        self.assertTrue(assignment_rule_matches(dict(ANY, grade_ids={7}), COMPLAINT))
        self.assertFalse(assignment_rule_matches(dict(ANY, grade_ids={8}), COMPLAINT))
        self.assertFalse(assignment_rule_matches(dict(ANY, grade_ids={8}), dict(COMPLAINT, grade_id=False)))
        self.assertTrue(assignment_rule_matches(dict(ANY, city=" 深圳市 "), COMPLAINT))
        self.assertFalse(assignment_rule_matches(dict(ANY, city="广州市"), COMPLAINT))
        self.assertTrue(assignment_rule_matches(dict(ANY, city="深圳市", district="福田区"), COMPLAINT))
        self.assertFalse(assignment_rule_matches(dict(ANY, district="南山区"), COMPLAINT))
        self.assertFalse(assignment_rule_matches(dict(ANY, district="南山区"), dict(COMPLAINT, address=False)))

    def test_in_turn_goes_round(self):
        self.assertEqual(next_in_turn([3, 5, 9], None), 3)
        self.assertEqual(next_in_turn([3, 5, 9], 3), 5)
        self.assertEqual(next_in_turn([3, 5, 9], 9), 3)
        self.assertEqual(next_in_turn([3, 5, 9], 4), 3, "the last one left the team: start again")
        self.assertIsNone(next_in_turn([], 3))

    def test_by_load_the_fewest_open_first_in_order_on_a_tie(self):
        self.assertEqual(least_loaded([3, 5, 9], {3: 2, 5: 1, 9: 1}), 5)
        self.assertEqual(least_loaded([3, 5, 9], {3: 2, 5: 1}), 9)
        self.assertEqual(least_loaded([3, 5], {}), 3)
        self.assertIsNone(least_loaded([], {}))

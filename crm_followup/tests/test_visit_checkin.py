"""Check-in (签到) and check-out on a planned visit: the radius, the rules (only the visit's
salesperson, once, not for another company's customer), bad positions, and the follow-up that
check-out logs."""
from odoo.exceptions import AccessError, UserError

from .visit_road_common import HUAXIN, VisitRoadCase


class TestVisitCheckin(VisitRoadCase):

    def _checkin(self, visit, point, user=None):
        return visit.sudo(user or self.salesperson).action_checkin(point[0], point[1])

    def test_checkin_within_radius_is_verified(self):
        answer = self._checkin(self.visit, self.near(HUAXIN, 120))
        self.assertEqual(self.visit.state, "checked_in")
        self.assertTrue(self.visit.checkin_verified)
        self.assertAlmostEqual(self.visit.checkin_distance_m, 120, delta=2)
        self.assertAlmostEqual(self.visit.checkin_latitude, self.near(HUAXIN, 120)[0], places=6)
        self.assertIn("120 m", answer["params"]["message"])
        self.assertTrue(answer["params"]["verified"])

    def test_checkin_far_from_the_customer_is_flagged_with_the_distance(self):
        answer = self._checkin(self.visit, self.near(HUAXIN, 2500))
        self.assertEqual(self.visit.state, "checked_in", "recorded, not refused")
        self.assertFalse(self.visit.checkin_verified)
        self.assertAlmostEqual(self.visit.checkin_distance_m, 2500, delta=20)
        self.assertIn("2.5 km", answer["params"]["message"])
        self.assertIn("200 m", answer["params"]["message"], "the radius is named")
        self.assertFalse(answer["params"]["verified"])

    def test_the_radius_is_the_companys(self):
        self.company.followup_checkin_radius = 100
        self._checkin(self.visit, self.near(HUAXIN, 150))
        self.assertFalse(self.visit.checkin_verified)

    def test_no_position_is_a_clear_error_and_nothing_is_saved(self):
        for lat, lon in ((None, None), ("", ""), ("abc", 114.0), (95.0, 114.0), (22.5, 200.0),
                         (float("nan"), 114.0)):
            with self.assertRaises(UserError, msg="%r, %r" % (lat, lon)) as error:
                self.visit.sudo(self.salesperson).action_checkin(lat, lon)
            self.assertTrue("location" in error.exception.name or "not a place on Earth" in error.exception.name)
        self.assertEqual(self.visit.state, "planned")
        self.assertFalse(self.visit.checkin_date)

    def test_only_the_visits_salesperson_checks_in(self):
        with self.assertRaises((UserError, AccessError)):
            self._checkin(self.visit, HUAXIN, user=self.salesperson2)
        with self.assertRaises(UserError) as error:
            self._checkin(self.visit, HUAXIN, user=self.manager)
        self.assertIn("Only 张伟", error.exception.name)
        with self.assertRaises(AccessError):
            self._checkin(self.visit, HUAXIN, user=self.other_company_user)
        self.assertEqual(self.visit.state, "planned")

    def test_not_twice(self):
        self._checkin(self.visit, HUAXIN)
        with self.assertRaises(UserError) as error:
            self._checkin(self.visit, HUAXIN)
        self.assertIn("already", error.exception.name)

    def test_not_for_another_companys_customer(self):
        self.customer.sudo().company_id = self.other_company
        with self.assertRaises(UserError) as error:
            self._checkin(self.visit, HUAXIN)
        self.assertIn("another company", error.exception.name)
        self.assertEqual(self.visit.state, "planned")

    def test_not_for_a_customer_no_longer_theirs(self):
        self.customer.sudo().user_id = self.salesperson2
        with self.assertRaises(UserError):
            self._checkin(self.visit, HUAXIN)

    def test_a_checkin_cannot_be_written_by_hand(self):
        visit = self.visit.sudo(self.salesperson)
        for vals in ({"state": "checked_in"}, {"state": "done"}, {"checkin_verified": True},
                     {"checkin_latitude": HUAXIN[0], "checkin_longitude": HUAXIN[1]}):
            with self.assertRaises(UserError, msg=str(vals)):
                visit.write(vals)
        with self.assertRaises(UserError):
            visit.copy({"checkin_verified": True})
        self.assertEqual(self.visit.state, "planned")
        self.assertFalse(self.visit.checkin_verified)

    def test_customer_without_coordinates_gets_them_from_the_checkin(self):
        district = self.env["crm.followup.district"].search([("name", "=", "福田区")], limit=1)
        self.assertTrue(district, "the shipped districts")
        self.customer.write({"partner_latitude": 0.0, "partner_longitude": 0.0,
                             "followup_district_id": district.id})
        answer = self._checkin(self.visit, self.near(HUAXIN, 10))
        self.assertFalse(self.visit.checkin_verified, "nothing to verify against")
        self.assertIn("not verified", answer["params"]["message"])
        self.assertAlmostEqual(self.customer.partner_latitude, self.near(HUAXIN, 10)[0], places=6)
        self.assertFalse(self.customer.followup_geo_approximate)

    def test_checkout_logs_the_visit_as_a_followup(self):
        self._checkin(self.visit, self.near(HUAXIN, 50))
        result = self.env.ref("crm_followup.crm_followup_result_interested")
        self.visit.sudo(self.salesperson).action_checkout(content="谈了新报价", result_id=result.id)
        record = self.visit.record_id
        self.assertEqual(self.visit.state, "done")
        self.assertTrue(self.visit.checkout_date)
        self.assertEqual(record.partner_id, self.customer)
        self.assertEqual(record.user_id, self.salesperson)
        self.assertEqual(record.method_id, self.env.ref("crm_followup.crm_followup_method_visit"))
        self.assertEqual(record.result_id, result)
        self.assertEqual(record.content, "谈了新报价")
        self.assertEqual(record.date, self.visit.checkin_date)
        self.assertAlmostEqual(record.checkin_latitude, self.near(HUAXIN, 50)[0], places=6)
        self.assertAlmostEqual(record.checkin_longitude, HUAXIN[1], places=6)
        with self.assertRaises(UserError):
            self.visit.sudo(self.salesperson).action_checkout()

    def test_checkout_before_checkin_is_refused(self):
        with self.assertRaises(UserError) as error:
            self.visit.sudo(self.salesperson).action_checkout()
        self.assertIn("Check in", error.exception.name)
        self.assertFalse(self.visit.record_id)

    def test_checkout_that_the_followup_refuses_saves_nothing(self):
        self._checkin(self.visit, HUAXIN)
        result = self.env["crm.followup.result"].search([("requires_content", "=", True)], limit=1)
        self.assertTrue(result, "a result that needs the content")
        with self.assertRaises(Exception):
            with self.env.cr.savepoint():
                self.visit.sudo(self.salesperson).action_checkout(content="", result_id=result.id)
        self.visit.invalidate_cache()
        self.assertEqual(self.visit.state, "checked_in")
        self.assertFalse(self.visit.record_id)

"""Nearby customers (附近客户), the phone's day route, the plan's route pictures and the team's
figures."""
from lxml import etree

from odoo.exceptions import UserError

from ..models import followup_dates as dates
from ..models import visit_geo
from .visit_road_common import HUAXIN, LONGGANG, NANSHAN, OFFICE, VisitRoadCase

SVG = "{http://www.w3.org/2000/svg}"


class TestNearby(VisitRoadCase):

    @classmethod
    def setUpClass(cls):
        super(TestNearby, cls).setUpClass()
        cls.pooled.write({"partner_latitude": LONGGANG[0], "partner_longitude": LONGGANG[1]})
        # not the salesperson's: a colleague's customer, another pool's, another company's
        cls.customer2.write({"partner_latitude": HUAXIN[0], "partner_longitude": HUAXIN[1] + 0.001})
        cls.other_pooled = cls._customer("广州番禺公海客户", None, cls.grade_c, pool_id=cls.other_pool.id,
                                         partner_latitude=HUAXIN[0], partner_longitude=HUAXIN[1])
        cls.walled = cls._customer("上海外墙客户", None, cls.grade_c, company_id=cls.other_company.id,
                                   partner_latitude=HUAXIN[0], partner_longitude=HUAXIN[1])
        cls.nowhere = cls._customer("没有位置的客户", cls.salesperson, cls.grade_c)

    def _nearby(self, point, user=None):
        return self.env["res.partner"].sudo(user or self.salesperson).followup_nearby(point[0], point[1])

    def test_own_and_claimable_customers_nearest_first(self):
        lines = self._nearby(self.near(OFFICE, 0))
        self.assertEqual([line["id"] for line in lines], [self.customer.id, self.nanshan.id, self.pooled.id],
                         "own customers and the pool's, nearest first; a colleague's, another pool's, another "
                         "company's and one without a position are not there")
        expected = visit_geo.distance_km(OFFICE[0], OFFICE[1], NANSHAN[0], NANSHAN[1])
        self.assertAlmostEqual(lines[1]["distance_km"], expected, places=2)
        self.assertEqual(lines[1]["distance"], "%.1f km" % expected)
        self.assertTrue(lines[0]["mine"])
        self.assertFalse(lines[2]["mine"])
        self.assertEqual(lines[2]["pool"], "深圳公海")
        # standing at 南山, 南山 comes first
        self.assertEqual(self._nearby(NANSHAN)[0]["id"], self.nanshan.id)

    def test_pool_masking_holds(self):
        lines = {line["id"]: line for line in self._nearby(OFFICE)}
        self.assertEqual(lines[self.pooled.id]["phone"], "138****5678")
        self.assertEqual(lines[self.pooled.id]["tel"], "", "no tel: link to a masked number")
        self.assertEqual(lines[self.customer.id]["tel"], "tel:13800138000")

    def test_navigation_links_carry_the_coordinates(self):
        line = self._nearby(OFFICE)[0]
        self.assertIn("to=%.6f%%2C%.6f" % (HUAXIN[1], HUAXIN[0]), line["links"]["amap"])
        self.assertTrue(line["links"]["amap"].startswith("https://uri.amap.com/navigation?"))
        self.assertIn("location=%.6f%%2C%.6f" % (HUAXIN[0], HUAXIN[1]), line["links"]["baidu"])
        self.assertIn("coord_type=wgs84", line["links"]["baidu"])

    def test_district_centre_is_used_and_marked_approximate(self):
        district = self.env["crm.followup.district"].search([("name", "=", "龙岗区")], limit=1)
        self.nowhere.followup_district_id = district
        line = [line for line in self._nearby(OFFICE) if line["id"] == self.nowhere.id][0]
        self.assertTrue(line["approximate"])

    def test_no_position_is_a_clear_error(self):
        with self.assertRaises(UserError) as error:
            self.env["res.partner"].sudo(self.salesperson).followup_nearby(None, None)
        self.assertIn("allow this site to use your location", error.exception.name)

    def test_other_company_sees_none_of_it(self):
        ids = [line["id"] for line in self._nearby(OFFICE, user=self.other_company_user)]
        self.assertFalse(set(ids) & {self.customer.id, self.nanshan.id, self.pooled.id})


class TestDayRouteAndPictures(VisitRoadCase):

    def test_day_route_on_the_phone(self):
        route = self.env["crm.followup.visit"].sudo(self.salesperson).get_day_route()
        self.assertEqual([stop["id"] for stop in route["stops"]], [self.visit.id, self.visit2.id])
        first = route["stops"][0]
        self.assertEqual(first["number"], 1)
        self.assertEqual(first["tel"], "tel:13800138000")
        self.assertIn("uri.amap.com", first["links"]["amap"])
        self.assertRegex(first["arrival"], r"^\d\d:\d\d$")
        self.assertIn("<svg", route["picture"])
        # a colleague gets their own day: nothing here
        self.assertFalse(self.env["crm.followup.visit"].sudo(self.salesperson2).get_day_route()["stops"])

    def test_day_route_masks_a_customer_gone_to_the_pool(self):
        self.customer.sudo().write({"user_id": False})
        route = self.env["crm.followup.visit"].sudo(self.salesperson).get_day_route()
        first = route["stops"][0]
        self.assertNotIn("13800138000", first["phone"])
        self.assertEqual(first["tel"], "")

    def test_bad_date(self):
        with self.assertRaises(UserError):
            self.env["crm.followup.visit"].sudo(self.salesperson).get_day_route("yesterday")

    def test_plan_pictures(self):
        plan = self.plan.sudo(self.salesperson)
        week = etree.fromstring(plan.route_picture_week.encode("utf-8"))
        self.assertEqual(len([g for g in week.iter(SVG + "g") if g.get("class") == "o_route_stop"]), 2)
        self.assertEqual(len(list(week.iter(SVG + "polyline"))), 1, "one day with visits: one path")
        self.assertIn("o_route_start", plan.route_picture_week)
        self.assertEqual(plan.route_picture_days.count("<svg"), 1)
        self.assertIn("深圳市南山科技园", plan.route_picture_days)


class TestTeamFigures(VisitRoadCase):

    def test_done_verified_km_and_coverage(self):
        self.visit.sudo(self.salesperson).action_checkin(*self.near(HUAXIN, 50))
        self.visit.sudo(self.salesperson).action_checkout(content="ok")
        self.visit2.sudo(self.salesperson).action_checkin(*self.near(NANSHAN, 900))
        Team = self.env["crm.followup.visit.team"].sudo(self.manager)
        wizard = Team.create({"week_start": self.plan.week_start, "user_ids": [(6, 0, self.salesperson.ids)]})
        rows = wizard._week_rows()
        self.assertEqual(len(rows), 1)
        fig = rows[0]["figures"]
        self.assertEqual((fig["planned"], fig["done"], fig["checked_in"], fig["verified"]), (2, 1, 2, 1))
        self.assertEqual(fig["planned_km"], 6.0)
        driven = (visit_geo.distance_km(OFFICE[0], OFFICE[1], *self.near(HUAXIN, 50))
                  + visit_geo.distance_km(*(self.near(HUAXIN, 50) + self.near(NANSHAN, 900)))) * 1.3
        self.assertAlmostEqual(fig["driven_km"], driven, delta=0.1)
        # 华信 is grade A (4 visits a month): one visit does not cover it
        self.assertEqual(fig["coverage"]["A"], (0, 1))
        self.assertIn("华信", wizard.table_html)
        self.assertIn("Done: 1 of 2", wizard.table_html)

    def test_salesperson_gets_only_their_figures(self):
        Team = self.env["crm.followup.visit.team"].sudo(self.salesperson2)
        today = dates.to_date(self.today)
        figures = Team._visit_figures(today, today, self.salesperson | self.salesperson2)
        self.assertEqual(list(figures), [self.salesperson2.id])

    def test_excel_export(self):
        wizard = self.env["crm.followup.visit.team"].sudo(self.manager).create({"week_start": self.plan.week_start})
        report = self.env.ref("crm_followup.crm_followup_visit_team_xlsx").sudo(self.manager)
        content, kind = report.render_xlsx(wizard.ids, {})
        self.assertEqual(kind, "xlsx")
        self.assertTrue(content.startswith(b"PK"))


class TestWorkbenchAndDailyReport(VisitRoadCase):

    def test_workbench_lists_todays_visits(self):
        data = self.env["crm.followup.workbench"].sudo(self.salesperson).get_data()
        visits = data["visits"]
        self.assertEqual((visits["total"], visits["done"]), (2, 0))
        self.assertEqual([line["partner_id"] for line in visits["lines"]], [self.customer.id, self.nanshan.id])
        other = self.env["crm.followup.workbench"].sudo(self.salesperson2).get_data()["visits"]
        self.assertEqual(other["total"], 0, "a colleague's visits are not on her workbench")

    def test_daily_report_has_the_visit_line(self):
        self.visit.sudo(self.salesperson).action_checkin(*self.near(HUAXIN, 20))
        self.visit.sudo(self.salesperson).action_checkout(content="ok")
        report = self.env["crm.followup.activity.report"].sudo(self.manager)
        values = report._team_figures(self.today, self.today)
        line = [line for line in values["visit_lines"] if line["name"] == "张伟"][0]
        self.assertEqual((line["done"], line["planned"], line["verified"]), (1, 2, 1))
        values.update(measures=report._measure_labels(), period=report._period_label(self.today, self.today))
        html = report.env["ir.qweb"].render("crm_followup.activity_report_table", values)
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("o_followup_activity_report_visits", html)
        # a salesperson's own report: only their line
        own = self.env["crm.followup.activity.report"].sudo(self.salesperson2)._team_figures(self.today, self.today)
        self.assertFalse(own["visit_lines"])

"""route_picture: the SVG of a day's and a week's route, read back as XML the way a browser
would draw it (numbers, path order, marks, scale bar against the real distance)."""
from lxml import etree
from odoo.tests.common import TransactionCase

from ..models import route_picture as rp
from ..models import visit_geo

SVG = "{http://www.w3.org/2000/svg}"
# 深圳: office in 福田, three customers, 宝安 airport 27.5 km west of the civic centre
OFFICE = rp.Place(22.5431, 114.0579, "公司")
STOPS = [rp.Stop(22.5550, 114.0300, "深圳华强电子", "#d62728"),
         rp.Stop(22.5800, 113.9500, "宝安五金<厂>", "#ff7f0e", True),
         rp.Stop(22.6393, 113.8107, "机场物流", "#1f77b4")]
DISTRICTS = [rp.Place(22.5410, 114.0500, "福田区"), rp.Place(22.5550, 113.8830, "宝安区"),
             rp.Place(31.2304, 121.4737, "黄浦区"), rp.Place(22.6900, 113.9000, "石岩街道")]


def parse(svg):
    return etree.fromstring(svg.encode("utf-8"))


def texts(node, css_class):
    return ["".join(t.itertext()) for t in node.iter(SVG + "text") if t.get("class") == css_class]


class TestRoutePicture(TransactionCase):

    def test_day_route_numbers_path_and_marks(self):
        svg = parse(rp.render_day(STOPS, OFFICE, OFFICE, DISTRICTS, title="周一",
                                  legend=[("A", "#d62728"), ("B", "#ff7f0e")]))
        stops = [g for g in svg.iter(SVG + "g") if g.get("class") == "o_route_stop"]
        self.assertEqual([g.findall(SVG + "text")[0].text for g in stops], ["1", "2", "3"])
        self.assertEqual([g.find(SVG + "circle").get("fill") for g in stops], ["#d62728", "#ff7f0e", "#1f77b4"],
                         "each customer in its grade's colour")
        self.assertEqual(stops[1].find(SVG + "circle").get("stroke-dasharray"), "3,2",
                         "an approximate position (district centre) is drawn dashed")
        self.assertEqual(texts(svg, "o_route_label")[1], "宝安五金<厂>", "labels are escaped text, not markup")
        # the path goes office → 1 → 2 → 3 → office, through the stops' circles
        path = [g for g in svg.iter(SVG + "polyline")][0]
        points = [tuple(float(v) for v in p.split(",")) for p in path.get("points").split()]
        centres = [(float(g.find(SVG + "circle").get("cx")), float(g.find(SVG + "circle").get("cy"))) for g in stops]
        self.assertEqual(len(points), 5)
        self.assertEqual(points[1:4], centres)
        self.assertEqual(points[0], points[-1], "back to the office")
        # west is left, north is up
        self.assertLess(centres[2][0], centres[0][0])
        self.assertLess(centres[2][1], centres[0][1])
        self.assertEqual(len([g for g in svg.iter(SVG + "g") if g.get("class") == "o_route_start"]), 1)
        self.assertFalse([g for g in svg.iter(SVG + "g") if g.get("class") == "o_route_end"],
                         "an end at the start is the start mark")
        self.assertEqual(texts(svg, "o_route_district"), ["福田区", "宝安区"],
                         "only the districts in the frame, and none in the band of the legend and the north "
                         "arrow (石岩 would be)")
        north = [g for g in svg.iter(SVG + "g") if g.get("class") == "o_route_north"][0]
        self.assertEqual(north.find(SVG + "text").text, "N")
        self.assertEqual(svg.find(SVG + "title").text, "周一")

    def test_scale_bar_matches_the_distance(self):
        svg = parse(rp.render_day(STOPS, OFFICE, None))
        scale = [g for g in svg.iter(SVG + "g") if g.get("class") == "o_route_scale"][0]
        label = scale.find(SVG + "text").text
        self.assertRegex(label, r"^\d+ (km|m)$")
        bar_px = float(scale.find(SVG + "path").get("d").split("h")[1].split()[0])
        bar_km = float(label.split()[0]) / (1000.0 if label.endswith(" m") else 1.0)
        # measure the office → airport distance on the picture with the bar
        circles = [c for c in svg.iter(SVG + "circle")]
        start = svg.find(".//%sg[@class='o_route_start']/%srect" % (SVG, SVG))
        x0, y0 = float(start.get("x")) + 7, float(start.get("y")) + 7
        x1, y1 = float(circles[2].get("cx")), float(circles[2].get("cy"))
        km_on_picture = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 * bar_km / bar_px
        km = visit_geo.distance_km(OFFICE.lat, OFFICE.lon, STOPS[2].lat, STOPS[2].lon)
        self.assertAlmostEqual(km_on_picture, km, delta=km * 0.01)

    def test_nice_lengths(self):
        self.assertEqual(rp.nice_length_km(7.3), 5)
        self.assertEqual(rp.nice_length_km(2.0), 2)
        self.assertEqual(rp.nice_length_km(0.31), 0.2)
        self.assertEqual(rp.format_length(0.2), "200 m")
        self.assertEqual(rp.format_length(5), "5 km")

    def test_week_view_one_colour_per_day(self):
        days = [rp.Day("周一", rp.day_color(0), STOPS[:2]), rp.Day("周二", rp.day_color(1), []),
                rp.Day("周三", rp.day_color(2), STOPS[2:])]
        svg = parse(rp.render_week(days, OFFICE, OFFICE, DISTRICTS, title="第48周"))
        paths = list(svg.iter(SVG + "polyline"))
        self.assertEqual([p.get("stroke") for p in paths], [rp.day_color(0), rp.day_color(2)],
                         "a path per day with stops, in the day's colour")
        rings = [c.get("stroke") for c in svg.iter(SVG + "circle")]
        self.assertEqual(rings, [rp.day_color(0)] * 2 + [rp.day_color(2)])
        numbers = [g.findall(SVG + "text")[0].text for g in svg.iter(SVG + "g") if g.get("class") == "o_route_stop"]
        self.assertEqual(numbers, ["1", "2", "1"], "numbered within each day")
        legend = [g for g in svg.iter(SVG + "g") if g.get("class") == "o_route_legend"][0]
        self.assertEqual([t.text for t in legend.iter(SVG + "text")], ["周一", "周三"])

    def test_one_stop_and_nothing(self):
        svg = parse(rp.render_day([STOPS[0]]))
        self.assertEqual(len(list(svg.iter(SVG + "circle"))), 1)
        self.assertFalse(list(svg.iter(SVG + "polyline")), "no path with a single point")
        empty = parse(rp.render_week([], empty_message="No visits planned."))
        self.assertIn("No visits planned.", "".join(empty.itertext()))

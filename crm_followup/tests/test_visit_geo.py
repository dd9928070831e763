"""visit_geo: distances and travel times, checked against distances measured on the map."""
from odoo.tests.common import TransactionCase

from ..models import visit_geo

# 深圳市民中心 (Futian) and 深圳宝安国际机场: 27.5 km apart as the crow flies.
CIVIC_CENTRE = (22.5431, 114.0579)
AIRPORT = (22.6393, 113.8107)


class TestVisitGeo(TransactionCase):

    def test_distance_between_known_places(self):
        km = visit_geo.distance_km(*(CIVIC_CENTRE + AIRPORT))
        self.assertAlmostEqual(km, 27.5, delta=0.3)
        self.assertEqual(visit_geo.distance_km(*(CIVIC_CENTRE + CIVIC_CENTRE)), 0.0)
        self.assertAlmostEqual(visit_geo.distance_m(22.5431, 114.0579, 22.5440, 114.0579), 100.1, delta=0.5,
                               msg="0.0009 degrees of latitude are about 100 m")

    def test_straight_line_travel_times(self):
        travel = visit_geo.StraightLineTravel(detour=1.5, speed_kmh=30.0)
        minutes = travel.matrix([CIVIC_CENTRE, AIRPORT])
        km = visit_geo.distance_km(*(CIVIC_CENTRE + AIRPORT))
        self.assertEqual(minutes[0][0], 0.0)
        self.assertAlmostEqual(minutes[0][1], km * 1.5 * 2, places=6, msg="1.5 × km at 30 km/h: 2 min per km")
        self.assertAlmostEqual(minutes[1][0], minutes[0][1], places=9)
        with self.assertRaises(ValueError):
            visit_geo.StraightLineTravel(detour=0.8)

    def test_town_then_beyond_the_city(self):
        """The first 20 km of road at 25 km/h, the rest at 70 km/h: the airport (35.8 km of road)
        in 61.5 minutes instead of 86; a trip within the city distance is all at the town speed."""
        travel = visit_geo.StraightLineTravel(detour=1.3, speed_kmh=25.0, long_speed_kmh=70.0, city_km=20.0)
        km = visit_geo.distance_km(*(CIVIC_CENTRE + AIRPORT)) * 1.3
        minutes = travel.matrix([CIVIC_CENTRE, AIRPORT])
        self.assertAlmostEqual(minutes[0][1], 48 + (km - 20) * 60 / 70.0, places=6)
        self.assertAlmostEqual(minutes[0][1], 61.5, delta=0.5)
        self.assertAlmostEqual(travel.minutes(10.0), 24.0, places=9, msg="10 km in town: 24 minutes")
        # never quicker through a third point
        for a, b in ((5.0, 30.0), (15.0, 15.0), (40.0, 100.0)):
            self.assertLessEqual(travel.minutes(a + b), travel.minutes(a) + travel.minutes(b))
        with self.assertRaises(ValueError):
            visit_geo.StraightLineTravel(speed_kmh=25.0, long_speed_kmh=20.0)

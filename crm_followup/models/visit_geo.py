"""Distances and travel times between points on the map (one file, pure Python, no Odoo).

Everything in route planning, check-in and "nearby customers" that measures how far apart two
points are, or how long the road between them takes, goes through this module.

Travel times come from a `TravelTimes` object. The one shipped estimates them from the
straight-line distance × a detour factor ÷ an average speed (both configured per company):
no road-distance service is reachable from these machines. A service that knows the roads
(高德 / 百度 distance matrix, OSRM) would be another `TravelTimes` with the same `matrix` method.
"""
import math

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def distance_km(lat1, lon1, lat2, lon2):
    """The great-circle (haversine) distance between two points given in degrees, in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_m(lat1, lon1, lat2, lon2):
    """The same distance in metres (check-in radius)."""
    return distance_km(lat1, lon1, lat2, lon2) * 1000.0


class TravelTimes(object):
    """How long the road between points takes; subclasses say how."""

    def matrix(self, points):
        """[[minutes from points[i] to points[j]]] for a list of (latitude, longitude)."""
        raise NotImplementedError

    def km_matrix(self, points):
        """[[road km from points[i] to points[j]]]."""
        raise NotImplementedError


class StraightLineTravel(TravelTimes):
    """Straight-line distance × `detour` (roads are not straight: ~1.3 in Chinese cities). The first
    `city_km` km of road of a trip go at `speed_kmh` (town traffic included), the rest at
    `long_speed_kmh` (expressways between cities; None: all at `speed_kmh`), so that 深圳 to 广州 is
    a morning's drive, not six hours. Never slower beyond the city than in it: a trip then never
    gets quicker through a third point, as route search expects."""

    def __init__(self, detour=1.3, speed_kmh=25.0, long_speed_kmh=None, city_km=20.0):
        if detour < 1 or speed_kmh <= 0:
            raise ValueError("detour must be >= 1 and speed > 0")
        if long_speed_kmh is not None and (long_speed_kmh < speed_kmh or city_km < 0):
            raise ValueError("the speed beyond the city must be at least the speed in it, the city distance >= 0")
        self.detour = detour
        self.speed_kmh = speed_kmh
        self.long_speed_kmh = long_speed_kmh
        self.city_km = city_km

    def km_matrix(self, points):
        return [[distance_km(a[0], a[1], b[0], b[1]) * self.detour for b in points] for a in points]

    def minutes(self, km):
        """Minutes for `km` km of road."""
        if self.long_speed_kmh is None or km <= self.city_km:
            return km * 60.0 / self.speed_kmh
        return self.city_km * 60.0 / self.speed_kmh + (km - self.city_km) * 60.0 / self.long_speed_kmh

    def matrix(self, points):
        minutes = self.minutes
        return [[minutes(km) for km in row] for row in self.km_matrix(points)]

"""The picture of a route as SVG, drawn by the addon itself (pure Python, no Odoo).

No tile server is reachable from these machines, and many deployments have none: the picture
is the stops on a blank ground, numbered in the order they are visited, the path from the start
through the stops to the end, the customers coloured by grade, the district names where they
lie, a scale bar in km and a north arrow. A week view draws each day's path in its own colour.

The projection is equirectangular around the middle latitude (x = longitude × cos(latitude)):
over a city's few tens of km it keeps distances true to well under 1 %, and the scale bar is
measured with visit_geo, the one place for distances.
"""
import math
from collections import namedtuple
from xml.sax.saxutils import escape

from .visit_geo import distance_km

# a stop of the route: `label` is written beside it, `color` fills it (the customer's grade),
# `approximate` when the point is its district's centre (drawn with a dashed ring)
Stop = namedtuple("Stop", "lat lon label color approximate")
Stop.__new__.__defaults__ = ("", "#888888", False)
# a start or end point, or a district's centre
Place = namedtuple("Place", "lat lon label")
Place.__new__.__defaults__ = ("",)
# one day of a week view: its name (in the legend), its path colour and its stops in order
Day = namedtuple("Day", "label color stops")

# distinct, print-friendly colours for the days of a week (Monday first)
DAY_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2")

# Odoo's kanban colour indexes (a grade's `color`), as the web client paints them
KANBAN_COLORS = ("#888888", "#F06050", "#F4A460", "#F7CD1F", "#6CC1ED", "#814968", "#EB7E7F",
                 "#2C8397", "#475577", "#D6145F", "#30C381", "#9365B8")

PATH_COLOR = "#1f77b4"  # a day's path drawn on its own
WIDTH, HEIGHT = 720, 520
MARGIN = 18
# top (legend, north arrow), right (the last stop's name), bottom (scale bar), left
MARGINS = (56, 130, 44, 36)
FONT = "font-family=\"'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif\""
LABEL_CHARS = 18
TOP_BAND = 40  # the legend's and the north arrow's strip across the top, kept clear of district names


class Projection(object):
    """Maps (latitude, longitude) to picture coordinates so that every point fits the frame,
    north up, with the same scale on both axes."""

    def __init__(self, points, width=WIDTH, height=HEIGHT, margins=MARGINS):
        top, right, bottom, left = margins
        inner_w, inner_h = width - left - right, height - top - bottom
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        self.mid_lat = (min(lats) + max(lats)) / 2.0
        self.cos = math.cos(math.radians(self.mid_lat))
        self.lon0, self.lat1 = min(lons), max(lats)
        span_x = (max(lons) - min(lons)) * self.cos
        span_y = max(lats) - min(lats)
        # one point alone (or all on one spot): show about 1 km around it
        span = max(span_x, span_y, 0.009)
        self.unit = min(inner_w / max(span_x, span * 0.05), inner_h / max(span_y, span * 0.05))
        # centre the drawing in the frame
        self.off_x = left + (inner_w - span_x * self.unit) / 2.0
        self.off_y = top + (inner_h - span_y * self.unit) / 2.0
        self.width, self.height = width, height

    def xy(self, lat, lon):
        return (self.off_x + (lon - self.lon0) * self.cos * self.unit,
                self.off_y + (self.lat1 - lat) * self.unit)

    def km_per_px(self):
        """Kilometres per picture unit, measured along the middle latitude."""
        degrees = 1.0 / (self.unit * self.cos)
        return distance_km(self.mid_lat, self.lon0, self.mid_lat, self.lon0 + degrees)

    def inside(self, x, y):
        return 0 <= x <= self.width and 0 <= y <= self.height


def nice_length_km(max_km):
    """The longest 1, 2 or 5 × 10^n km not longer than `max_km` (the scale bar's length)."""
    if max_km <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(max_km))
    for step in (5, 2, 1):
        if step * power <= max_km * (1 + 1e-9):
            return step * power
    return power


def format_length(km):
    """"2 km", "500 m", "0.5 km" never: under 1 km in metres."""
    if km < 1:
        return "%d m" % round(km * 1000)
    return "%g km" % km


def _short(label):
    label = label or ""
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _num(value):
    return "%.1f" % value


def _points(day_stops, start, end):
    points = []
    if start:
        points.append(start)
    points.extend(day_stops)
    if end:
        points.append(end)
    return points


def _frame_points(stops, start, end):
    return [(p.lat, p.lon) for p in _points(stops, start, end)]


def _svg_open(title, width, height):
    return ['<svg xmlns="http://www.w3.org/2000/svg" class="o_followup_route_picture" '
            'viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" %s font-size="12">'
            % (width, height, width, FONT),
            "<title>%s</title>" % escape(title or ""),
            '<rect x="0" y="0" width="%d" height="%d" fill="#fbfaf6" stroke="#cccccc"/>' % (width, height)]


def _districts(proj, districts):
    out = []
    for district in districts or ():
        x, y = proj.xy(district.lat, district.lon)
        # below the band of the legend and the north arrow: a name there would be written over them
        if proj.inside(x, y) and y >= TOP_BAND:
            out.append('<text class="o_route_district" x="%s" y="%s" text-anchor="middle" fill="#9a9a9a" '
                       'font-size="15" font-style="italic">%s</text>' % (_num(x), _num(y), escape(district.label)))
    return out


def _path(proj, points, color, css_class):
    if len(points) < 2:
        return []
    coords = " ".join("%s,%s" % tuple(_num(v) for v in proj.xy(p.lat, p.lon)) for p in points)
    return ['<polyline class="%s" points="%s" fill="none" stroke="%s" stroke-width="2.5" '
            'stroke-linejoin="round" stroke-opacity="0.85"/>' % (css_class, coords, color)]


def _ends(proj, start, end):
    out = []
    if start:
        x, y = proj.xy(start.lat, start.lon)
        out.append('<g class="o_route_start"><rect x="%s" y="%s" width="14" height="14" fill="#222222"/>'
                   '<text x="%s" y="%s" font-weight="bold">%s</text></g>'
                   % (_num(x - 7), _num(y - 7), _num(x + 10), _num(y - 9), escape(_short(start.label))))
    if end and not (start and (end.lat, end.lon) == (start.lat, start.lon)):
        x, y = proj.xy(end.lat, end.lon)
        out.append('<g class="o_route_end"><rect x="%s" y="%s" width="14" height="14" fill="#ffffff" '
                   'stroke="#222222" stroke-width="3"/><text x="%s" y="%s" font-weight="bold">%s</text></g>'
                   % (_num(x - 7), _num(y - 7), _num(x + 10), _num(y + 18), escape(_short(end.label))))
    return out


def _stop(proj, number, stop, ring=None, with_label=True):
    x, y = proj.xy(stop.lat, stop.lon)
    dash = ' stroke-dasharray="3,2"' if stop.approximate else ""
    out = ['<g class="o_route_stop">',
           '<circle cx="%s" cy="%s" r="10" fill="%s" stroke="%s" stroke-width="%s"%s/>'
           % (_num(x), _num(y), stop.color, ring or "#333333", "3" if ring else "1.5", dash),
           '<text x="%s" y="%s" text-anchor="middle" font-size="11" font-weight="bold" fill="#ffffff">%d</text>'
           % (_num(x), _num(y + 4), number)]
    if with_label and stop.label:
        out.append('<text class="o_route_label" x="%s" y="%s" fill="#333333">%s</text>'
                   % (_num(x + 13), _num(y + 4), escape(_short(stop.label))))
    out.append("</g>")
    return out


def _scale_bar(proj):
    km_per_px = proj.km_per_px()
    km = nice_length_km(km_per_px * proj.width / 4.0)
    length = km / km_per_px if km_per_px else 0
    x, y = MARGIN, proj.height - 14
    return ['<g class="o_route_scale">',
            '<path d="M%s %s v6 h%s v-6" fill="none" stroke="#222222" stroke-width="2"/>'
            % (_num(x), _num(y - 6), _num(length)),
            '<text x="%s" y="%s" text-anchor="middle">%s</text>' % (_num(x + length / 2), _num(y - 9),
                                                                    format_length(km)),
            "</g>"]


def _north_arrow(width):
    x = width - 26
    return ['<g class="o_route_north">',
            '<path d="M%d 14 l-9 24 l9 -6 l9 6 z" fill="#222222"/>' % x,
            '<text x="%d" y="50" text-anchor="middle" font-weight="bold">N</text>' % x,
            "</g>"]


def _legend(entries):
    out = ['<g class="o_route_legend">']
    x = MARGIN
    y = 22
    for label, color in entries:
        out.append('<rect x="%s" y="%d" width="12" height="12" fill="%s"/><text x="%s" y="%d">%s</text>'
                   % (_num(x), y - 10, color, _num(x + 16), y, escape(label)))
        x += 28 + 7 * len(label)
    out.append("</g>")
    return out


def _empty(title, message, width, height):
    out = _svg_open(title, width, height)
    out.append('<text x="%d" y="%d" text-anchor="middle" fill="#666666">%s</text>'
               % (width // 2, height // 2, escape(message)))
    out.append("</svg>")
    return "".join(out)


def render_day(stops, start=None, end=None, districts=(), title="", legend=(), empty_message="",
               width=WIDTH, height=HEIGHT):
    """One day's route: `stops` (Stop, in visiting order) numbered from 1 and named, the path
    from `start` through them to `end` (Place, each optional), `districts` (Place) named where
    they lie in the frame, `legend` [(label, colour)] (the grades) across the top. With no point
    at all it says `empty_message`."""
    return _render([Day("", PATH_COLOR, stops)], start, end, districts, title, legend, empty_message,
                   width, height, week=False)


def render_week(days, start=None, end=None, districts=(), title="", empty_message="",
                width=WIDTH, height=HEIGHT):
    """A week's routes in one picture: each Day's path in its own colour (the legend names the
    days), its stops numbered in the day's order, filled with their grade's colour and ringed in
    the day's."""
    legend = [(day.label, day.color) for day in days if day.stops]
    return _render(days, start, end, districts, title, legend, empty_message, width, height, week=True)


def _render(days, start, end, districts, title, legend, empty_message, width, height, week):
    points = _frame_points([stop for day in days for stop in day.stops], start, end)
    if not points:
        return _empty(title, empty_message, width, height)
    proj = Projection(points, width, height)
    out = _svg_open(title, width, height)
    out += _districts(proj, districts)
    for day in days:
        if day.stops:
            out += _path(proj, _points(day.stops, start, end), day.color, "o_route_path")
    out += _ends(proj, start, end)
    for day in days:
        for number, stop in enumerate(day.stops, 1):
            out += _stop(proj, number, stop, ring=day.color if week else None, with_label=not week)
    out += _scale_bar(proj) + _north_arrow(width) + _legend(legend)
    out.append("</svg>")
    return "".join(out)


def day_color(index):
    """The colour of the `index`-th day of the week (0 = Monday)."""
    return DAY_COLORS[index % len(DAY_COLORS)]


def grade_color(index):
    """The fill of a customer of a grade with kanban colour `index` (grey without a grade)."""
    return KANBAN_COLORS[index % len(KANBAN_COLORS)] if index else KANBAN_COLORS[0]

"""Splitting a salesperson's customers into balanced areas (片区), pure Python, no Odoo.

Balanced k-means on the customers' points weighted by their visit workload: areas start as equal
slices of workload around the weighted centre (sorted by bearing: deterministic, and each slice
is already a compact wedge), then alternate (1) assigning each customer to the nearest area centre
that still has room (customers with the most to lose by a second choice first; room = the mean
workload + 5 %) and (2) moving each centre to its customers' weighted mean, until nothing moves.
"""
import math

from .visit_geo import distance_km

ROOM = 1.05  # an area may hold 5 % more workload than the mean
ROUNDS = 30


def split_areas(points, weights, count):
    """[area index of each point] for `points` [(lat, lon)] with `weights` (visits per month), in
    `count` areas of similar workload; areas are numbered west to east by centre."""
    size = len(points)
    if not size:
        return []
    count = max(1, min(count, size))
    weights = [max(float(weight), 0.01) for weight in weights]
    total = sum(weights)
    room = total / count * ROOM
    centre = (sum(p[0] * w for p, w in zip(points, weights)) / total,
              sum(p[1] * w for p, w in zip(points, weights)) / total)

    # first areas: slices of equal workload by bearing around the weighted centre
    order = sorted(range(size), key=lambda i: (math.atan2(points[i][0] - centre[0], points[i][1] - centre[1]), i))
    assignment = [0] * size
    running = 0.0
    for i in order:
        assignment[i] = min(count - 1, int(running / total * count))
        running += weights[i]

    for _round in range(ROUNDS):
        centres = _centres(points, weights, assignment, count)
        distances = [[distance_km(p[0], p[1], c[0], c[1]) for c in centres] for p in points]
        regret = []
        for i in range(size):
            ranked = sorted(distances[i])
            regret.append((ranked[1] - ranked[0]) if count > 1 else 0.0)
        loads = [0.0] * count
        new = [0] * size
        for i in sorted(range(size), key=lambda i: (-regret[i], i)):
            choices = sorted(range(count), key=lambda a: (distances[i][a], a))
            lightest = min(range(count), key=lambda a: (loads[a], a))
            area = next((a for a in choices if loads[a] + weights[i] <= room), lightest)
            new[i] = area
            loads[area] += weights[i]
        if new == assignment:
            break
        assignment = new

    # number areas west to east, empty ones dropped
    centres = _centres(points, weights, assignment, count)
    used = sorted({a for a in assignment}, key=lambda a: (centres[a][1], centres[a][0], a))
    renumber = {a: n for n, a in enumerate(used)}
    return [renumber[a] for a in assignment]


def _centres(points, weights, assignment, count):
    sums = [[0.0, 0.0, 0.0] for _area in range(count)]
    for point, weight, area in zip(points, weights, assignment):
        sums[area][0] += point[0] * weight
        sums[area][1] += point[1] * weight
        sums[area][2] += weight
    return [(s[0] / s[2], s[1] / s[2]) if s[2] else (0.0, 0.0) for s in sums]

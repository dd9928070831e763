"""Ordering visits with OR-Tools (pure Python, no Odoo): one routing problem whose vehicles are
working days.

A weekly plan is the routing problem with one vehicle per working day: each day leaves its start
point at the start of the working hours and is back at its end point by their end, holds at most
`capacity` visits, and reaches each customer inside one of its visiting windows (the working hours
∩ the customer's hours, less the visit's duration). A customer that does not fit is dropped at a
penalty that grows with its priority (grade A before B before C), so the solver gives up the
least important first. A day's route is the same problem with one vehicle.

Times are whole seconds from midnight of each vehicle's own day (local time): every day runs on
the same clock, so a customer's visiting hours are one or two windows whatever the day (the
working days' different hours are the vehicles' start and end; a customer that fits only some
days is allowed on those vehicles only). A week counted in absolute time needs a hole in each
customer's domain between days, and OR-Tools builds and searches those slowly. Travel times come
from a visit_geo.TravelTimes (straight line × detour ÷ speed unless a road service plugs in).
"""
from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from ortools.util import optional_boolean_pb2

# a dropped must-visit costs more than any route could
MUST_PENALTY = 10 ** 9


class Stop(object):
    """A customer to visit. `windows`: [(earliest, latest)] arrival times (s of the day); `penalty`: the cost
    of leaving it out (MUST_PENALTY: only if nothing else fits); `days`: the only days (vehicle
    indexes) it may go to, or None; `preferred_day`: the day of its area, or None."""

    def __init__(self, key, point, duration, windows, penalty=MUST_PENALTY, days=None, preferred_day=None):
        self.key = key
        self.point = point
        self.duration = int(duration)
        self.windows = sorted(windows)
        self.penalty = int(penalty)
        self.days = days
        self.preferred_day = preferred_day


class Day(object):
    """A working day: from `start` to `end` (s), leaving `start_point`, back at `end_point`,
    with at most `capacity` visits."""

    def __init__(self, start, end, start_point, end_point=None, capacity=None):
        self.start = int(start)
        self.end = int(end)
        self.start_point = start_point
        self.end_point = end_point or start_point
        self.capacity = capacity


class RouteResult(object):
    """`routes`: per day, [(stop, arrival s, travel s from the previous point, km from it)];
    `dropped`: the stops left out; `travel_seconds`, `km`: totals; `back`: per day, (arrival at
    the end point, travel s, km) of the last leg."""

    def __init__(self):
        self.routes = []
        self.back = []
        self.dropped = []
        self.travel_seconds = 0
        self.km = 0.0


def solve(days, stops, travel, time_limit=2.0, area_penalty=600, solution_limit=None, default_search=False):
    """Assign `stops` to `days` and order each day (see the module's docstring). `area_penalty`:
    seconds of travel a visit outside its area's day is worth avoiding; `default_search`: OR-Tools'
    own guided local search even for a single day (the benchmark's reference)."""
    result = RouteResult()
    if not days:
        result.dropped = list(stops)
        return result
    count = len(days)
    points = [day.start_point for day in days] + [day.end_point for day in days] + [stop.point for stop in stops]
    minutes = travel.matrix(points)
    kms = travel.km_matrix(points)
    seconds = [[int(round(value * 60)) for value in row] for row in minutes]
    services = [0] * (2 * count) + [stop.duration for stop in stops]
    manager = pywrapcp.RoutingIndexManager(len(points), count, list(range(count)),
                                           list(range(count, 2 * count)))
    routing = pywrapcp.RoutingModel(manager)

    # the depots of the other days cannot be entered: their rows cost as much as a dropped must
    travel_index = routing.RegisterTransitMatrix(seconds)
    if area_penalty and any(stop.preferred_day is not None for stop in stops):
        for vehicle in range(count):
            matrix = [row[:] for row in seconds]
            for offset, stop in enumerate(stops):
                if stop.preferred_day is not None and stop.preferred_day != vehicle:
                    column = 2 * count + offset
                    for row in matrix:
                        row[column] += area_penalty
            routing.SetArcCostEvaluatorOfVehicle(routing.RegisterTransitMatrix(matrix), vehicle)
    else:
        routing.SetArcCostEvaluatorOfAllVehicles(travel_index)

    time_matrix = [[seconds[i][j] + services[i] for j in range(len(points))] for i in range(len(points))]
    time_index = routing.RegisterTransitMatrix(time_matrix)
    horizon = max(day.end for day in days)
    routing.AddDimension(time_index, horizon, horizon, False, "time")
    time_dim = routing.GetDimensionOrDie("time")
    for vehicle, day in enumerate(days):
        time_dim.CumulVar(routing.Start(vehicle)).SetRange(day.start, day.end)
        time_dim.CumulVar(routing.End(vehicle)).SetRange(day.start, day.end)
        routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(routing.Start(vehicle)))
        routing.AddVariableMinimizedByFinalizer(time_dim.CumulVar(routing.End(vehicle)))

    if any(day.capacity is not None for day in days):
        capacities = [day.capacity if day.capacity is not None else len(stops) for day in days]
        demand_index = routing.RegisterUnaryTransitVector([0] * (2 * count) + [1] * len(stops))
        routing.AddDimensionWithVehicleCapacity(demand_index, 0, capacities, True, "visits")

    for offset, stop in enumerate(stops):
        index = manager.NodeToIndex(2 * count + offset)
        cumul = time_dim.CumulVar(index)
        cumul.SetRange(stop.windows[0][0], stop.windows[-1][1])
        for (_start, end), (next_start, _end) in zip(stop.windows, stop.windows[1:]):
            if next_start > end + 1:
                cumul.RemoveInterval(end + 1, next_start - 1)
        if stop.days is not None:
            routing.SetAllowedVehiclesForIndex(list(stop.days), index)
        routing.AddDisjunction([index], stop.penalty)

    parameters = search_parameters(time_limit, day_route=count == 1 and not default_search)
    if solution_limit:
        parameters.solution_limit = solution_limit
    solution = routing.SolveWithParameters(parameters)
    if solution is None:
        # the cheapest-arc path can dead-end on tight windows; insertion always finds one
        parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
        solution = routing.SolveWithParameters(parameters)
    if solution is None:
        result.dropped = list(stops)
        result.routes = [[] for _day in days]
        result.back = [None for _day in days]
        return result

    visited = set()
    for vehicle in range(count):
        route = []
        index = routing.Start(vehicle)
        previous = manager.IndexToNode(index)
        index = solution.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            stop = stops[node - 2 * count]
            route.append((stop, solution.Value(time_dim.CumulVar(index)), seconds[previous][node], kms[previous][node]))
            result.travel_seconds += seconds[previous][node]
            result.km += kms[previous][node]
            visited.add(node)
            previous = node
            index = solution.Value(routing.NextVar(index))
        node = manager.IndexToNode(index)
        result.travel_seconds += seconds[previous][node]
        result.km += kms[previous][node]
        result.routes.append(route)
        result.back.append((solution.Value(time_dim.CumulVar(index)), seconds[previous][node], kms[previous][node]))
    result.dropped = [stop for offset, stop in enumerate(stops) if 2 * count + offset not in visited]
    return result


def search_parameters(time_limit, day_route=False):
    """Guided local search from the cheapest-arc path (OR-Tools' defaults). A single day's route
    (one vehicle, tight time) starts from Christofides' tour instead, without Lin-Kernighan and
    with the expensive-chain insertion LNS: measured on 6 generated days of 100 stops in 1.7 s
    (bench_visit_route), 3.1 % above a 30 s default run on average instead of 3.9 %, and no
    customer left out where the defaults left out one on 2 of the 6 days."""
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromMilliseconds(int(time_limit * 1000))
    if day_route:
        operators = parameters.local_search_operators
        parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.CHRISTOFIDES
        operators.use_lin_kernighan = optional_boolean_pb2.BOOL_FALSE
        operators.use_global_cheapest_insertion_expensive_chain_lns = optional_boolean_pb2.BOOL_TRUE
        operators.use_local_cheapest_insertion_expensive_chain_lns = optional_boolean_pb2.BOOL_TRUE
    return parameters


def time_limit(stop_count, week=False):
    """Seconds of guided local search: a day's route of 100 stops within 2 s, a week of 200
    customers within ~10 s (the rest of the time goes to building the model and saving)."""
    if week:
        return min(5.0, 0.5 + 0.025 * stop_count)
    return min(1.7, 0.2 + 0.015 * stop_count)


def balanced_days(loads, day_count):
    """Spread groups of `loads` (workload of each group) over `day_count` days, heaviest first to
    the lightest day so far (longest-processing-time rule): [day of each group]."""
    totals = [0.0] * day_count
    days = [0] * len(loads)
    for group in sorted(range(len(loads)), key=lambda g: (-loads[g], g)):
        day = min(range(day_count), key=lambda d: (totals[d], d))
        days[group] = day
        totals[day] += loads[group]
    return days

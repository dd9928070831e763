"""Visit routes (issue 10), on customers generated around real districts of 深圳市.

(1) A day's route of 100 stops with time windows (30 % of the customers receive visits only in
the morning or only in the afternoon), from the office and back: the addon's route
(visit_routing.solve with the addon's time limit, as "Order the Day's Route" runs it) against
OR-Tools' own result on the same model after 30 s of its default guided local search (cheapest-arc
first solution, default operators: visit_routing.solve(default_search=True)), and against a
nearest-neighbour tour (the nearest customer still reachable inside its window next), in the
same run. Cost = minutes on the road.

(2) A weekly plan of 200 due customers (grades A/B/C, 20 % with visiting hours) of one salesperson
over 5 working days, through the addon (crm.followup.visit.plan.action_optimize: the ORM, the
calendar events and all), rolled back: its time, its total travel against a plan that assigns the
same customers to the days round-robin (by priority) and orders each day by nearest neighbour, and
the number of customers left out (the week holds what the working hours and the maximum of visits
a day allow; the rest is listed with the reason).
"""
import random
import time

from bench.common import bench_args, odoo_env, report, timer

SIZES = [200]
SEED = 20261124
OFFICE = (22.5431, 114.0579)  # 深圳市民中心, 福田区
DAY_START, DAY_END = 8 * 3600, 20 * 3600


def visit_modules():
    from odoo.addons.crm_followup.models import visit_geo, visit_routing
    return visit_geo, visit_routing


def around(rng, centre, km):
    """A point within about `km` of `centre` (degrees: 1° of latitude ≈ 111 km)."""
    return (centre[0] + rng.gauss(0, km / 111.0), centre[1] + rng.gauss(0, km / 103.0))


def nearest_neighbour(day, stops, seconds, offset):
    """Travel seconds of a tour that always goes to the nearest customer still reachable inside
    its window (waiting when early), then to the customers it could not fit so (nearest first,
    late), and back to the end point; and how many of them are visited late."""
    position, clock, travel = 0, day.start, 0
    left = list(range(len(stops)))
    while left:
        best = None
        for i in left:
            arrival = clock + seconds[position][offset + i]
            window = next((w for w in stops[i].windows if arrival <= w[1]), None)
            if window and max(arrival, window[0]) + stops[i].duration + seconds[offset + i][1] <= day.end:
                if best is None or seconds[position][offset + i] < seconds[position][offset + best]:
                    best = i
        if best is None:
            break
        travel += seconds[position][offset + best]
        arrival = clock + seconds[position][offset + best]
        window = next(w for w in stops[best].windows if arrival <= w[1])
        clock = max(arrival, window[0]) + stops[best].duration
        position = offset + best
        left.remove(best)
    late = len(left)
    while left:
        best = min(left, key=lambda i: seconds[position][offset + i])
        travel += seconds[position][offset + best]
        position = offset + best
        left.remove(best)
    return travel + seconds[position][1], late


def daily_route(rng):
    visit_geo, visit_routing = visit_modules()
    travel = visit_geo.StraightLineTravel(1.3, 25.0)
    stops = []
    for index in range(100):
        point = around(rng, OFFICE, 1.5)
        kind = rng.random()
        if kind < 0.15:
            windows = [(DAY_START, 12 * 3600)]
        elif kind < 0.30:
            windows = [(14 * 3600, 18 * 3600)]
        else:
            windows = [(DAY_START, DAY_END)]
        duration = 3 * 60
        stops.append(visit_routing.Stop(index, point, duration, [(a, b - duration) for a, b in windows]))
    day = visit_routing.Day(DAY_START, DAY_END, OFFICE, OFFICE)
    limit = visit_routing.time_limit(len(stops))
    with timer() as addon_time:
        addon = visit_routing.solve([day], stops, travel, time_limit=limit)
    # the search stops on the clock: the same day again shows how much a run varies
    repeats = [visit_routing.solve([day], stops, travel, time_limit=limit).travel_seconds for _run in range(2)]
    with timer() as long_time:
        best = visit_routing.solve([day], stops, travel, time_limit=30.0, default_search=True)
    points = [OFFICE, OFFICE] + [stop.point for stop in stops]
    seconds = [[int(round(v * 60)) for v in row] for row in travel.matrix(points)]
    nn_travel, nn_left = nearest_neighbour(day, stops, seconds, 2)

    print("100 stops around 福田 (σ 1.5 km), 30 %% with a morning or afternoon window, 3-minute visits, "
          "08:00-20:00; "
          "addon's time limit %.1f s; reference: OR-Tools' default guided local search (first solution "
          "PATH_CHEAPEST_ARC, default operators, lambda 0.1) for 30 s on the same model" % limit)
    report("day route: addon, total time", addon_time.seconds, "s", 2.0, "target")
    report("day route: addon, minutes on the road", addon.travel_seconds / 60.0, "min",
           best.travel_seconds / 60.0, "OR-Tools after 30 s GLS",
           note="%+.2f %% vs 30 s; left out: addon %d, 30 s %d" % (
               100.0 * (addon.travel_seconds - best.travel_seconds) / best.travel_seconds, len(addon.dropped),
               len(best.dropped)))
    spread = [100.0 * (value - best.travel_seconds) / best.travel_seconds
              for value in [addon.travel_seconds] + repeats]
    report("day route: addon, 3 runs vs 30 s", max(spread) - min(spread), "points",
           note="%s %% vs 30 s" % ", ".join("%+.2f" % value for value in spread))
    report("day route: addon vs nearest neighbour", addon.travel_seconds / 60.0, "min", nn_travel / 60.0,
           "nearest neighbour", note="%.1f %% less road; NN visits %d outside their window" % (
               100.0 * (nn_travel - addon.travel_seconds) / nn_travel, nn_left))
    report("day route: 30 s run, total time", long_time.seconds, "s")


DISTRICTS = ["福田区", "罗湖区", "南山区", "宝安区", "龙华区", "龙岗区"]


def weekly_plan(env, rng):
    visit_geo, visit_routing = visit_modules()
    company = env.user.company_id
    company.write({"followup_visit_max_per_day": 30})
    company.partner_id.write({"partner_latitude": OFFICE[0], "partner_longitude": OFFICE[1]})
    grades = [env.ref("crm_followup.crm_followup_grade_%s" % code) for code in "abc"]
    grades[0].visit_duration = grades[1].visit_duration = grades[2].visit_duration = 10
    user = env["res.users"].with_context(no_reset_password=True).create({
        "login": "bench_visit_route", "name": "路线基准", "tz": "Asia/Shanghai", "company_id": company.id,
        "company_ids": [(6, 0, company.ids)],
        "groups_id": [(6, 0, [env.ref("crm_followup.crm_followup_group_user").id, env.ref("base.group_user").id])]})
    centres = env["crm.followup.district"].search([("city", "=", "深圳市"), ("name", "in", DISTRICTS)])
    partners = env["res.partner"]
    for index in range(200):
        district = centres[index % len(centres)]
        lat, lon = around(rng, (district.latitude, district.longitude), 2.0)
        vals = {"name": "基准客户%03d" % index, "is_company": True, "customer": True, "user_id": user.id,
                "company_id": company.id, "grade_id": grades[index % 3].id,
                "partner_latitude": lat, "partner_longitude": lon}
        if rng.random() < 0.2:
            vals.update(followup_visit_from=rng.choice([9.0, 14.0]), followup_visit_to=rng.choice([12.0, 17.0]))
            if vals["followup_visit_to"] - vals["followup_visit_from"] < 1:
                vals["followup_visit_to"] = vals["followup_visit_from"] + 3
        partners |= env["res.partner"].create(vals)
    from odoo.addons.crm_followup.models import followup_dates
    week = followup_dates.shift_date(followup_dates.week_of(followup_dates.local_today(env, user))[0], 7)
    plan = env["crm.followup.visit.plan"].create({"user_id": user.id, "company_id": company.id, "week_start": week})
    with timer() as plan_time:
        plan.action_optimize()

    # baseline: the same customers, round-robin over the days in order of priority, nearest neighbour
    travel = company._followup_travel()
    visits = plan.visit_ids.sorted(lambda v: (v.partner_id.grade_id.sequence, v.partner_id.id))
    days = sorted(set(plan.visit_ids.mapped("date")))
    baseline_km = 0.0
    for index, date in enumerate(days):
        members = visits[index::len(days)]
        points = [OFFICE] + [m.partner_id._followup_point() for m in members]
        km = travel.km_matrix(points)
        position, left = 0, list(range(1, len(points)))
        while left:
            nearest = min(left, key=lambda j: km[position][j])
            baseline_km += km[position][nearest]
            position = nearest
            left.remove(nearest)
        baseline_km += km[position][0]
    print("200 due customers (A/B/C, 20 %% with visiting hours, 10-minute visits), 5 days 08:00-12:00 + "
          "13:00-17:00, at most 30 visits a day: %d planned, %d left out" % (
              len(plan.visit_ids), len(plan.unplanned_ids)))
    report("week plan: addon, total time (ORM included)", plan_time.seconds, "s", 10.0, "target")
    report("week plan: addon, km on the road", plan.planned_km, "km", baseline_km,
           "round-robin + nearest neighbour, same customers",
           note="%.1f %% less road" % (100.0 * (baseline_km - plan.planned_km) / baseline_km))
    reasons = {}
    for line in plan.unplanned_ids:
        key = line.reason.split(":")[0].split("：")[0]
        reasons[key] = reasons.get(key, 0) + 1
    report("week plan: customers left out (listed)", len(plan.unplanned_ids), "customers",
           note="; ".join("%s: %d" % item for item in sorted(reasons.items())))


def main():
    args = bench_args(__doc__, default_size=200)
    rng = random.Random(SEED)
    with odoo_env(args.db) as env:
        daily_route(rng)
        weekly_plan(env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                                     mail_notrack=True, lang="en_US")), rng)


if __name__ == "__main__":
    started = time.time()
    main()
    print("(%.0f s)" % (time.time() - started))

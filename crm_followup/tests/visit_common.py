from ..models import followup_dates
from .common import FollowupCase

# 深圳 福田 office and customers around it (real places, a few km apart)
OFFICE = (22.5431, 114.0579)
PLACES = [
    (22.5333, 113.9305), (22.5484, 114.1315), (22.5550, 113.8838), (22.5720, 114.0630), (22.5280, 114.0200),
    (22.5950, 114.0100), (22.5400, 114.0900), (22.5600, 113.9500), (22.5200, 114.0550), (22.5800, 114.1100),
    (22.5650, 114.0200), (22.5350, 113.9800),
]


class VisitCase(FollowupCase):
    """A salesperson in Shenzhen with a dozen customers, the company office as start point, the
    company's standard working hours (Monday to Friday, 8:00-12:00 and 13:00-17:00), and a week
    that has not started yet."""

    @classmethod
    def setUpClass(cls):
        super(VisitCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, followup_route_time_limit=0.3))
        cls.company.partner_id.write({"partner_latitude": OFFICE[0], "partner_longitude": OFFICE[1]})
        cls.company.write({"followup_visit_max_per_day": 12})
        (cls.salesperson | cls.salesperson2 | cls.manager).write({"tz": "Asia/Shanghai"})
        calendar = cls.company.resource_calendar_id
        calendar.attendance_ids.unlink()
        calendar.write({"attendance_ids": [
            (0, 0, {"name": "d%d%s" % (day, part), "dayofweek": str(day), "hour_from": start, "hour_to": end})
            for day in range(5) for part, start, end in (("am", 8, 12), ("pm", 13, 17))]})
        cls.week = followup_dates.shift_date(followup_dates.week_of(followup_dates.local_today(cls.env))[0], 14)
        cls.grade_b = cls.env.ref("crm_followup.crm_followup_grade_b")
        cls.customer.write({"partner_latitude": PLACES[0][0], "partner_longitude": PLACES[0][1]})
        cls.customers = cls.customer
        for index, place in enumerate(PLACES[1:], 1):
            cls.customers |= cls._customer("深圳客户%02d有限公司" % index, cls.salesperson,
                                           (cls.grade_a, cls.grade_b, cls.grade_c)[index % 3],
                                           partner_latitude=place[0], partner_longitude=place[1])

    def _plan(self, user=None, week=None, **vals):
        user = user or self.salesperson
        return self.env["crm.followup.visit.plan"].sudo(user).create(dict(
            vals, user_id=user.id, week_start=week or self.week))

    def _local(self, value):
        return followup_dates.to_local(value, followup_dates.tz_of("Asia/Shanghai"))

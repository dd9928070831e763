from odoo import fields

from ..models import followup_dates as dates
from .pool_common import PoolCase

# 深圳: the office in 福田 and three customers a few km apart
OFFICE = (22.5431, 114.0579)
HUAXIN = (22.5550, 114.0300)     # customer (grade A) of the salesperson
NANSHAN = (22.5330, 113.9300)    # another of theirs
LONGGANG = (22.7200, 114.2470)   # far away


class VisitRoadCase(PoolCase):
    """The pool's set-up, plus a weekly plan of this week for the salesperson with two visits
    today: 华信 (own coordinates) then 南山 (own coordinates)."""

    @classmethod
    def setUpClass(cls):
        super(VisitRoadCase, cls).setUpClass()
        cls.customer.write({"partner_latitude": HUAXIN[0], "partner_longitude": HUAXIN[1],
                            "mobile": "13800138000"})
        cls.nanshan = cls._customer("深圳市南山科技园服务有限公司", cls.salesperson, cls.grade_c,
                                    partner_latitude=NANSHAN[0], partner_longitude=NANSHAN[1])
        cls.company.followup_checkin_radius = 200
        cls.today = dates.local_today(cls.env, cls.salesperson)
        cls.plan = cls.env["crm.followup.visit.plan"].create({
            "user_id": cls.salesperson.id, "company_id": cls.company.id,
            "week_start": dates.week_of(cls.today)[0],
            "start_label": "公司", "start_latitude": OFFICE[0], "start_longitude": OFFICE[1]})
        cls.visit = cls._visit(cls.customer, 1, "02:00:00")
        cls.visit2 = cls._visit(cls.nanshan, 2, "03:30:00")

    @classmethod
    def _visit(cls, partner, sequence, utc_time, plan=None, day=None):
        day = day or cls.today
        return cls.env["crm.followup.visit"].create({
            "plan_id": (plan or cls.plan).id, "partner_id": partner.id, "date": day, "sequence": sequence,
            "planned_arrival": "%s %s" % (day, utc_time), "km_from_previous": 3.0})

    @staticmethod
    def near(point, metres_north):
        """A point `metres_north` metres north of `point` (0.0009 degrees ≈ 100 m)."""
        return point[0] + metres_north / 100.0 * 0.0009, point[1]

    def now(self):
        return fields.Datetime.now()

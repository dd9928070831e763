"""The working-time clock of the service levels (models/sla_clock.py), on plain values."""
import unittest
from datetime import date, datetime

from odoo.addons.crm_followup.models.sla_clock import NoWorkingTime, WorkingClock, to_datetime, to_seconds

# Monday to Friday 09:00-12:00 and 13:30-18:00, Asia/Shanghai; Saturday 14 Feb 2026 a make-up working day
WEEK = [(day, 9, 12, None, None) for day in range(5)] + [(day, 13.5, 18, None, None) for day in range(5)]
MAKE_UP = [(5, 9, 12, "2026-02-14", "2026-02-14"), (5, 13.5, 18, "2026-02-14", "2026-02-14")]
SPRING_FESTIVAL = [(datetime(2026, 2, 14, 16), datetime(2026, 2, 23, 15, 59, 59))]  # 15-23 Feb, local days


def shanghai(text):
    """'2026-02-13 09:00' in Shanghai as seconds since the epoch."""
    return to_seconds(datetime.strptime(text, "%Y-%m-%d %H:%M")) - 8 * 3600


def local(seconds):
    return to_datetime(seconds + 8 * 3600).strftime("%Y-%m-%d %H:%M")


class TestWorkingClock(unittest.TestCase):

    def setUp(self):
        super(TestWorkingClock, self).setUp()
        self.clock = WorkingClock(WEEK + MAKE_UP, SPRING_FESTIVAL, "Asia/Shanghai", date(2026, 2, 1))

    def test_hours_skip_the_lunch_break_and_the_night(self):
        self.assertEqual(local(self.clock.add(shanghai("2026-02-09 11:00"), 2 * 3600)), "2026-02-09 14:30")
        self.assertEqual(local(self.clock.add(shanghai("2026-02-09 17:00"), 2 * 3600)), "2026-02-10 10:00")
        self.assertEqual(local(self.clock.add(shanghai("2026-02-09 20:00"), 3600)), "2026-02-10 10:00")

    def test_hours_ending_at_an_interval_end_are_due_when_work_resumes(self):
        # as resource.calendar.plan_hours: 3 h from 09:00 end at 12:00, due at 13:30
        self.assertEqual(local(self.clock.add(shanghai("2026-02-09 09:00"), 3 * 3600)), "2026-02-09 13:30")

    def test_holidays_are_skipped_and_make_up_days_worked(self):
        self.assertEqual(local(self.clock.add(shanghai("2026-02-13 17:00"), 2 * 3600)), "2026-02-14 10:00")
        self.assertEqual(local(self.clock.add(shanghai("2026-02-13 17:00"), 10 * 3600)), "2026-02-24 10:30")

    def test_working_time_between_two_moments(self):
        self.assertEqual(self.clock.between(shanghai("2026-02-09 09:00"), shanghai("2026-02-09 15:00")), 4.5 * 3600)
        self.assertEqual(self.clock.between(shanghai("2026-02-13 17:00"), shanghai("2026-02-24 09:00")), 8.5 * 3600)

    def test_the_clock_grows_as_far_as_needed(self):
        far = self.clock.add(shanghai("2026-02-09 09:00"), 2000 * 3600)  # a year of working hours
        self.assertGreater(to_datetime(far).year, 2026)

    def test_no_working_time(self):
        with self.assertRaises(NoWorkingTime):
            WorkingClock([], [], "Asia/Shanghai", date(2026, 2, 1))
        on_leave = WorkingClock(WEEK, [(datetime(2000, 1, 1), datetime(2100, 1, 1))], "UTC", date(2026, 2, 1),
                                ValueError("none"))
        with self.assertRaisesRegex(ValueError, "none"):
            on_leave.add(shanghai("2026-02-09 09:00"), 3600)

"""followup_dates: every conversion between Odoo 11's string dates, datetimes and time zones."""
from datetime import date, datetime

from odoo.tests.common import TransactionCase

from ..models import followup_dates as dates

SHANGHAI = dates.tz_of("Asia/Shanghai")


class TestConversions(TransactionCase):

    def test_parse_and_print_odoo_values(self):
        self.assertEqual(dates.to_datetime("2026-11-01 02:00:00"), datetime(2026, 11, 1, 2))
        self.assertEqual(dates.to_datetime("2026-11-01 02:00:00.123456"), datetime(2026, 11, 1, 2),
                         "PostgreSQL's timestamps carry microseconds")
        self.assertIsNone(dates.to_datetime(False))
        self.assertEqual(dates.to_date("2026-11-01"), date(2026, 11, 1))
        self.assertEqual(dates.to_date("2026-11-01 23:00:00"), date(2026, 11, 1))
        self.assertEqual(dates.to_date(datetime(2026, 11, 1, 23)), date(2026, 11, 1))
        self.assertIsNone(dates.to_date(None))
        self.assertEqual(dates.datetime_string(datetime(2026, 2, 28, 23, 59, 59)), "2026-02-28 23:59:59")
        self.assertEqual(dates.date_string(date(2026, 2, 28)), "2026-02-28")
        self.assertEqual(dates.date_string("2026-02-28 10:00:00"), "2026-02-28")
        self.assertFalse(dates.datetime_string(False))

    def test_arithmetic(self):
        self.assertEqual(dates.add_days("2026-02-27 10:00:00", 2), "2026-03-01 10:00:00")
        self.assertEqual(dates.add_days("2026-03-01 10:00:00", -1.5), "2026-02-27 22:00:00")
        self.assertEqual(dates.days_between("2026-11-01 10:00:00", "2026-11-03 09:59:59"), 1)
        self.assertEqual(dates.days_between("2026-11-01 10:00:00", "2026-11-03 10:00:00"), 2)
        self.assertEqual(dates.days_between("2026-11-03 10:00:00", "2026-11-01 10:00:00"), -2)

    def test_local_dates(self):
        # 10:00 on 1 November in Shanghai is 02:00 UTC; 20:00 UTC is already the 2nd there
        self.assertEqual(dates.local_date("2026-11-01 02:00:00", SHANGHAI), "2026-11-01")
        self.assertEqual(dates.local_date("2026-11-01 20:00:00", SHANGHAI), "2026-11-02")
        self.assertEqual(dates.local_date("2026-11-01 20:00:00", dates.tz_of(False)), "2026-11-01")
        self.assertEqual(dates.tz_of("Nowhere/Atlantis"), dates.UTC)
        # the Shanghai day of 2 November starts at 16:00 UTC on the 1st
        self.assertEqual(dates.local_day_start("2026-11-01 20:00:00", SHANGHAI), "2026-11-01 16:00:00")
        self.assertEqual(dates.local_day_start("2026-11-01 15:59:59", SHANGHAI), "2026-10-31 16:00:00")
        # a zone with daylight saving time: the local midnight of the day the clocks change
        paris = dates.tz_of("Europe/Paris")
        self.assertEqual(dates.local_day_start("2026-03-29 12:00:00", paris), "2026-03-28 23:00:00")

    def test_what_users_read(self):
        """In the reader's time zone and language format, never UTC."""
        env = self.env(context=dict(self.env.context, lang="zh_CN", tz="Asia/Shanghai"))
        self.assertEqual(dates.format_datetime(env, "2026-11-01 02:00:00"), "2026年11月01日 10时00分")
        self.assertEqual(dates.format_datetime(env, "2026-11-01 02:00:00", seconds=True),
                         "2026年11月01日 10时00分00秒")
        self.assertEqual(dates.format_date(env, date(2026, 11, 27)), "2026年11月27日")
        self.assertEqual(dates.format_date(env, "2026-11-27"), "2026年11月27日")
        self.env.ref("base.lang_en").active = True  # inactive in a database installed in Chinese
        self.env["res.lang"].clear_caches()
        self.addCleanup(self.env["res.lang"].clear_caches)
        english = self.env(context=dict(self.env.context, lang="en_US", tz="America/New_York"))
        self.assertEqual(dates.format_datetime(english, "2026-11-01 02:00:00"), "10/31/2026 22:00")
        self.assertEqual(dates.format_datetime(english, "2026-11-01 02:00:00", tz=SHANGHAI), "11/01/2026 10:00")
        self.assertEqual(dates.format_date(english, "2026-11-27"), "11/27/2026")
        self.assertEqual(dates.format_datetime(env, False), "")

    def test_a_day_picked_is_planned_at_the_start_of_the_working_day(self):
        """The date-time picker keeps the clock time (seconds too) when a day is clicked: such a
        next follow-up lands at 09:00 where the user lives; a time chosen to the minute stays."""
        # clicked on 27 November at 19:17:43 Shanghai time (11:17:43 UTC)
        self.assertEqual(dates.planned_time("2026-11-27 11:17:43", SHANGHAI), "2026-11-27 01:00:00")
        # 02:05:09 Shanghai is still the 27th there (26th in UTC)
        self.assertEqual(dates.planned_time("2026-11-26 18:05:09", SHANGHAI), "2026-11-27 01:00:00")
        self.assertEqual(dates.planned_time("2026-11-27 06:30:00", SHANGHAI), "2026-11-27 06:30:00")
        self.assertEqual(dates.planned_time("2026-11-27 06:30", SHANGHAI), "2026-11-27 06:30:00")
        self.assertFalse(dates.planned_time(False, SHANGHAI))

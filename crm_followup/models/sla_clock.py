"""Working time on a working calendar, fast: the pure arithmetic of the complaints' service levels
(SLA), on plain values, unit-tested on its own (tests/test_complaint_sla_clock.py).

A `WorkingClock` is built once per calendar from its attendances and leaves: the working intervals
of a span of days, in UTC seconds since the epoch, with the working seconds counted up to the start
of each interval. "Where is this moment on the clock" and "when are N working seconds reached" are
then two binary searches (bisect), whatever the number of complaints: the deadlines of 100 000
complaints cost what 100 000 bisects cost, not 100 000 walks through `resource.calendar`.

It gives the deadlines `resource.calendar.plan_hours(hours, start, compute_leaves=True)` gives with
the calendar's time zone as context time zone (tests compare a sample), including its choice at an
interval's end: N hours that end exactly at 12:00 before a lunch break are due at 13:30, when work
resumes.
"""
import bisect
import math
from calendar import timegm
from datetime import date, datetime, time, timedelta

import pytz

EPOCH = datetime(1970, 1, 1)
# how many days a clock covers at first (it doubles when a moment falls beyond)
SPAN_DAYS = 120
# a calendar whose working hours are all on leave for this long has none
MAX_SPAN_DAYS = 366 * 20


class NoWorkingTime(ValueError):
    """The calendar has no working hours (no attendance, or leaves over all of them)."""


def float_to_time(hours):
    """An attendance's hour (9.5) as a time of day (09:30), as resource.calendar reads it."""
    if hours >= 24.0:
        return time.max
    minutes = int(round(60 * math.modf(hours)[0]))
    return time(int(hours), minutes) if minutes < 60 else time(int(hours) + 1, 0)


def to_seconds(value):
    """A naive UTC datetime (or Odoo 11's 'YYYY-MM-DD HH:MM:SS' string) as seconds since the epoch."""
    if isinstance(value, str):
        value = datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
    return timegm(value.timetuple())


def to_datetime(seconds):
    """Seconds since the epoch as a naive UTC datetime."""
    return EPOCH + timedelta(seconds=seconds)


class WorkingClock(object):
    """The working time of one calendar.

    - attendances: (weekday 0-6, hour_from, hour_to, date_from or None, date_to or None), as
      resource.calendar.attendance has them (a dated attendance only works in its date range:
      a make-up working Saturday, 调休, is an attendance on that Saturday only);
    - leaves: (start, end) naive UTC datetimes of the calendar's leaves for all (public holidays);
    - tz: the time zone name the attendances are in (Asia/Shanghai);
    - first_day: the clock's origin (a date): it counts from there on, growing forward as needed;
    - no_working_time: the exception raised when the calendar has no working time."""

    def __init__(self, attendances, leaves, tz, first_day, no_working_time=None):
        self.no_working_time = no_working_time or NoWorkingTime()
        self.attendances = [(int(day), float_to_time(hour_from), float_to_time(hour_to),
                             check_date(date_from), check_date(date_to))
                            for day, hour_from, hour_to, date_from, date_to in attendances
                            if hour_to > hour_from]
        if not self.attendances:
            raise self.no_working_time
        self.leaves = sorted((to_seconds(start), to_seconds(end)) for start, end in leaves)
        self.tz = pytz.timezone(tz or "UTC")
        # the clock's origin: positions count working seconds from this day on, and it grows forward only
        self.first_day = first_day
        self.last_day = first_day - timedelta(days=1)
        self.starts, self.ends, self.cumulated, self.total = [], [], [], 0
        self._grow(SPAN_DAYS)

    def _grow(self, days):
        """Add the working intervals of the `days` days after the clock's last day."""
        if (self.last_day - self.first_day).days > MAX_SPAN_DAYS:
            raise self.no_working_time
        first, last = self.last_day + timedelta(days=1), self.last_day + timedelta(days=days)
        intervals = []
        localize = self.tz.localize
        day = first
        while day <= last:
            weekday = day.weekday()
            for att_day, time_from, time_to, date_from, date_to in self.attendances:
                if att_day != weekday or (date_from and date_from > day) or (date_to and date_to < day):
                    continue
                start = timegm(localize(datetime.combine(day, time_from)).utctimetuple())
                end = timegm(localize(datetime.combine(day, time_to)).utctimetuple())
                intervals.append((start, end))
            day += timedelta(days=1)
        for start, end in _subtract(_merge(sorted(intervals)), self.leaves):
            self.starts.append(start)
            self.ends.append(end)
            self.cumulated.append(self.total)
            self.total += end - start
        self.last_day = last

    def _covers(self, seconds):
        return not self.ends or self.ends[-1] > seconds

    # ---- reading ------------------------------------------------------------------------------

    def position(self, seconds):
        """The working seconds counted from the clock's origin up to the moment `seconds` (0 before it)."""
        while to_datetime(seconds).date() >= self.last_day:
            self._grow(max(SPAN_DAYS, (self.last_day - self.first_day).days))
        index = bisect.bisect_right(self.ends, seconds)  # the first interval that ends after the moment
        if index == len(self.starts):
            return self.total
        return self.cumulated[index] + max(0, seconds - self.starts[index])

    def moment(self, position):
        """The moment at which the clock reads `position` working seconds; at an interval's end,
        the start of the next interval (when work resumes), as resource.calendar plans. A
        position before the origin is the origin's first working moment."""
        while position >= self.total:
            self._grow(max(SPAN_DAYS, (self.last_day - self.first_day).days))
        if position <= 0:
            return self.starts[0]
        index = bisect.bisect_right(self.cumulated, position) - 1
        return self.starts[index] + (position - self.cumulated[index])

    def add(self, start, seconds):
        """The moment `seconds` working seconds after `start` (both in seconds since the epoch);
        `seconds` may be negative (a deadline already passed)."""
        return self.moment(self.position(start) + seconds)

    def between(self, start, end):
        """Working seconds from `start` to `end` (negative if `end` is before `start`)."""
        return self.position(end) - self.position(start)


def _merge(intervals):
    merged = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(intervals, leaves):
    """The parts of `intervals` outside `leaves` (both sorted (start, end) lists)."""
    result = []
    first_leaf = 0
    for start, end in intervals:
        while first_leaf < len(leaves) and leaves[first_leaf][1] <= start:
            first_leaf += 1
        index = first_leaf
        while index < len(leaves) and leaves[index][0] < end:
            leave_start, leave_end = leaves[index]
            if leave_start > start:
                result.append((start, leave_start))
            start = max(start, leave_end)
            index += 1
        if start < end:
            result.append((start, end))
    return result


def check_date(value):
    """A date value of an attendance's range (Odoo 11 gives strings)."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    return datetime.strptime(value[:10], "%Y-%m-%d").date()

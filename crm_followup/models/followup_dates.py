"""Every conversion between Odoo 11's string dates, Python dates and time zones (one file).

Odoo 11 hands Date and Datetime values around as strings ('2026-11-22', '2026-11-22 08:00:00',
always UTC); PostgreSQL timestamps come back as strings with microseconds. Everything that parses,
prints, shifts or localises them goes through these functions, so that a port to Odoo 12+
(where the values are date/datetime objects) touches this file only.

What a user reads is in their time zone and their language's date/time format (res.lang
date_format / time_format): `format_date`, `format_datetime`.
"""
import re
from datetime import date, datetime, time, timedelta

import pytz

from odoo import fields

UTC = pytz.utc


# ---- parsing and printing Odoo values ------------------------------------------------------

def to_datetime(value):
    """An Odoo 11 datetime string (or datetime, or False) as a naive UTC datetime (or None).
    PostgreSQL's longer timestamp strings (microseconds, offset) are cut to the second; a value
    to the minute ('YYYY-MM-DD HH:MM', as the demo data writes them) is read too."""
    if isinstance(value, datetime) or not value:
        return value or None
    value = value[:19]
    return fields.Datetime.from_string(value + ":00" if len(value) == 16 else value)


def to_date(value):
    """An Odoo 11 date string (or date, or False) as a date (or None). A datetime string gives
    its UTC date: use `local_date` for the date a user lives in."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or not value:
        return value or None
    return fields.Date.from_string(value[:10])


def datetime_string(value):
    """An Odoo 11 datetime value ('YYYY-MM-DD HH:MM:SS', UTC) of a datetime or string (False if empty)."""
    value = to_datetime(value)
    return fields.Datetime.to_string(value) if value else False


def date_string(value):
    """An Odoo 11 date value ('YYYY-MM-DD') of a date or string (False if empty)."""
    value = to_date(value)
    return fields.Date.to_string(value) if value else False


def add_days(value, days):
    """A datetime value shifted by `days` (may be fractional or negative), as an Odoo string."""
    return datetime_string(to_datetime(value) + timedelta(days=days))


def days_between(start, end):
    """Whole days from `start` to `end` (datetime values), rounded down; negative if end < start."""
    seconds = (to_datetime(end) - to_datetime(start)).total_seconds()
    return int(seconds // 86400)


# ---- time zones ------------------------------------------------------------------------------

def tz_of(tz_name):
    """The pytz zone of a name (UTC if empty or unknown)."""
    try:
        return pytz.timezone(tz_name or "UTC")
    except pytz.UnknownTimeZoneError:
        return UTC


def env_tz(env, user=None):
    """The time zone a user lives in: `user`'s own, else the context's, else the current user's."""
    if user:
        return tz_of(user.tz)
    return tz_of(env.context.get("tz") or env.user.tz)


def to_local(value, tz):
    """A UTC datetime value as an aware datetime in the zone `tz`."""
    return UTC.localize(to_datetime(value)).astimezone(tz)


def local_date(value, tz):
    """The date string ('YYYY-MM-DD') that the UTC datetime `value` falls on in the zone `tz`
    (a reminder planned for 10:00 in Shanghai is due that day there, whatever its UTC date)."""
    return fields.Date.to_string(to_local(value, tz).date())


def local_today(env, user=None):
    """Today's date string where the user lives (`env_tz`)."""
    return local_date(fields.Datetime.now(), env_tz(env, user))


def local_time(value, tz):
    """'09:30': the clock time of the UTC datetime `value` in the zone `tz` ('' without one)."""
    return to_local(value, tz).strftime("%H:%M") if value else ""


def local_naive(value, tz):
    """A UTC datetime value as the naive datetime a reader in `tz` sees (for spreadsheets)."""
    return to_local(value, tz).replace(tzinfo=None) if value else None


def local_day_bounds(date_from, date_to, tz):
    """The UTC datetime values from the local start of day `date_from` to the local end of day
    `date_to` (date values) in `tz`, for a search on a Datetime field: [start, end)."""
    return local_midnight(date_from, tz), local_midnight(to_date(date_to) + timedelta(days=1), tz)


def local_day_start(value, tz):
    """The UTC datetime value of the local midnight that starts the day `value` falls on in `tz`."""
    return local_midnight(to_local(value, tz).date(), tz)


def local_midnight(day, tz):
    """The UTC datetime value of the local midnight that starts the date `day` in the zone `tz`."""
    midnight = tz.localize(datetime.combine(to_date(day), time()))
    return datetime_string(midnight.astimezone(UTC).replace(tzinfo=None))


def shift_date(day, days):
    """The date string `days` days after the date `day` (before if negative)."""
    return date_string(to_date(day) + timedelta(days=days))


def week_of(day):
    """(Monday, Sunday) date strings of the week the date `day` falls in."""
    monday = to_date(day) - timedelta(days=to_date(day).weekday())
    return date_string(monday), date_string(monday + timedelta(days=6))


# ---- what users plan -------------------------------------------------------------------------

WORKDAY_START = time(9, 0)  # local time a follow-up planned for a day (not an hour) is due


def planned_time(value, tz):
    """A planned follow-up (UTC datetime value) as the user meant it, planned in the zone `tz`.
    Clicking a day in the web client's date-time picker keeps the clock time the picker was
    opened at, seconds and all: a value with seconds was picked as a day, and is planned at the
    start of that working day where the user lives (WORKDAY_START). A time the user chose or
    typed (whole minutes) is kept."""
    value = to_datetime(value)
    if not value:
        return False
    if value.second or value.microsecond:
        day = to_local(value, tz).date()
        value = tz.localize(datetime.combine(day, WORKDAY_START)).astimezone(UTC).replace(tzinfo=None)
    return datetime_string(value)


# ---- what users read ---------------------------------------------------------------------------

def _lang(env, lang_code=None):
    return env["res.lang"]._lang_get(lang_code or env.context.get("lang") or env.user.lang or "en_US")


def format_date(env, value, lang_code=None):
    """A date (date value or date) in the language's date format, e.g. 2026年11月01日 / 11/01/2026."""
    value = to_date(value)
    if not value:
        return ""
    return value.strftime(_lang(env, lang_code).date_format)


def format_datetime(env, value, tz=None, lang_code=None, seconds=False):
    """A UTC datetime value in the reader's time zone (`tz`, else the context's/user's) and the
    language's date and time formats, without seconds unless asked for."""
    if not value:
        return ""
    lang = _lang(env, lang_code)
    local = to_local(value, tz or env_tz(env))
    time_format = lang.time_format
    if not seconds:
        for cut in (":%S", "%S秒", ".%S"):
            time_format = time_format.replace(cut, "")
    return local.strftime("%s %s" % (lang.date_format, time_format))


# ---- periods typed into a search ---------------------------------------------------------------

PERIOD_WORDS = {     # what a user types (English or Chinese) -> (unit, offset: 0 this, -1 last)
    "today": ("day", 0), "今天": ("day", 0), "yesterday": ("day", -1), "昨天": ("day", -1),
    "this week": ("week", 0), "本周": ("week", 0), "last week": ("week", -1), "上周": ("week", -1),
    "this month": ("month", 0), "本月": ("month", 0), "last month": ("month", -1), "上月": ("month", -1),
    "this year": ("year", 0), "今年": ("year", 0), "last year": ("year", -1), "去年": ("year", -1),
}
_DAYS = re.compile(r"^(\d{1,4})\s*(d|days?|天)?$")
_RANGE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})?\s*(?:\.\.|~|至)\s*(\d{4}-\d{1,2}-\d{1,2})?$")
_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def period_dates(text, today):
    """The first and last day (dates, None where open) of a period typed into a search, relative
    ones counted from `today` (a date) each time the search runs: '' (ever), '30' / '30d' / '30天'
    (the last 30 days, today included), 'this week' / '本周', 'last month' / '上月', 'this year' /
    '今年' (PERIOD_WORDS), '2026-01-01..2026-03-31' (also '~' or '至'; either end may be left open),
    '2026-01-01' (from that day on). ValueError for anything else."""
    text = " ".join((text or "").lower().split())
    today = to_date(today)
    if not text:
        return None, None
    days = _DAYS.match(text)
    if days:
        if int(days.group(1)) < 1:
            raise ValueError(text)
        return today - timedelta(days=int(days.group(1)) - 1), today
    if text in PERIOD_WORDS:
        unit, offset = PERIOD_WORDS[text]
        if unit == "day":
            day = today + timedelta(days=offset)
            return day, day
        if unit == "week":
            start = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
            return start, start + timedelta(days=6)
        if unit == "month":
            first = today.replace(day=1)
            if offset:
                first = (first - timedelta(days=1)).replace(day=1)
            following = (first + timedelta(days=32)).replace(day=1)
            return first, following - timedelta(days=1)
        first = date(today.year + offset, 1, 1)
        return first, date(first.year, 12, 31)
    if _DAY.match(text):
        return _parse_day(text), None
    bounds = _RANGE.match(text)
    if bounds and (bounds.group(1) or bounds.group(2)):
        start, end = (_parse_day(value) if value else None for value in bounds.groups())
        if start and end and end < start:
            raise ValueError(text)
        return start, end
    raise ValueError(text)


def _parse_day(text):
    return datetime.strptime(text, "%Y-%m-%d").date()


def period_bounds(text, env):
    """The UTC datetime values [start, end) (None where open) of `period_dates(text, today)` for a
    search on a Datetime field, the days being the user's (their time zone and today)."""
    start, end = period_dates(text, local_today(env))
    tz = env_tz(env)
    return (local_day_bounds(start, start, tz)[0] if start else None,
            local_day_bounds(end, end, tz)[1] if end else None)
